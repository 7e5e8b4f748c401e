"""Validation of logged workouts and sets, shared by every write of workouts.services.workouts.

Sets are validated explicitly, not with `full_clean()`, so that a whole workout is checked and
bulk-inserted with a constant number of queries. Error field paths name the place in the request:
`exercises.0.sets.2.rpe`, `sets.1.reps`, `reps`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import Http404
from django.utils import timezone

from accounts.models import User
from fitnesspr.access import as_uuid
from fitnesspr.services import Errors
from workouts.models import REQUIRED_MEASURES, Exercise, SetType
from workouts.selectors.access import exercises_visible_to
from workouts.services.records import estimate_1rm

CLOCK_SKEW = timedelta(minutes=5)
SET_FIELDS = ("set_type", "reps", "weight_kg", "distance_m", "duration_seconds", "rpe")
MEASURE_LABELS = {
    "reps": "reps",
    "weight_kg": "a weight",
    "distance_m": "a distance",
    "duration_seconds": "a duration",
}
# (largest value, decimal places) of each measure, as the columns store them
LIMITS: dict[str, tuple[Decimal, int]] = {
    "reps": (Decimal(1000), 0),
    "weight_kg": (Decimal("9999.99"), 2),
    "distance_m": (Decimal("9999999.9"), 1),
    "duration_seconds": (Decimal(86400), 0),
}
WORKOUT_FIELDS = ("name", "notes", "started_at", "ended_at")
MAX_SETS_PER_REQUEST = 500


def field_path(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


# --- Validation ----------------------------------------------------------------------------------


def clean_number(value: Any, path: str, name: str, errors: Errors) -> Decimal | int | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(path, "Enter a number.")
        return None
    if not number.is_finite():
        errors.add(path, "Enter a number.")
        return None
    if number < 0:
        errors.add(path, "Must not be negative.")
        return None
    maximum, places = LIMITS[name]
    if number > maximum:
        errors.add(path, f"Must be at most {maximum}.")
        return None
    if places == 0:
        if number != number.to_integral_value():
            errors.add(path, "Enter a whole number.")
            return None
        return int(number)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        errors.add(path, f"Use at most {places} decimal places.")
        return None
    return number


def clean_rpe(value: Any, path: str, errors: Errors) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        rpe = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.add(path, "Enter a number.")
        return None
    if not rpe.is_finite() or rpe < 6 or rpe > 10 or (rpe * 2) != (rpe * 2).to_integral_value():
        errors.add(path, "RPE is 6 to 10, in steps of 0.5 (or leave it empty).")
        return None
    return rpe.quantize(Decimal("0.1"))


def clean_set(data: dict[str, Any], *, exercise: Exercise, prefix: str, errors: Errors) -> dict[str, Any]:
    """One set's values, checked: set type, RPE, no negatives, the measures the exercise type needs."""
    cleaned: dict[str, Any] = {}
    set_type = data.get("set_type") or SetType.NORMAL
    if set_type not in SetType.values:
        errors.add(field_path(prefix, "set_type"), f"Choose one of: {', '.join(SetType.values)}.")
    cleaned["set_type"] = set_type
    for name in LIMITS:
        cleaned[name] = clean_number(data.get(name), field_path(prefix, name), name, errors)
    cleaned["rpe"] = clean_rpe(data.get("rpe"), field_path(prefix, "rpe"), errors)
    for name in REQUIRED_MEASURES[exercise.exercise_type]:
        if cleaned[name] is None and not errors.fields.get(field_path(prefix, name)):
            errors.add(
                field_path(prefix, name),
                f"{exercise.name} ({exercise.get_exercise_type_display().lower()}) needs {MEASURE_LABELS[name]}.",
            )
    return cleaned


def with_estimate(cleaned: dict[str, Any]) -> dict[str, Any]:
    cleaned["estimated_1rm_kg"] = estimate_1rm(
        weight_kg=cleaned.get("weight_kg"), reps=cleaned.get("reps"), set_type=cleaned.get("set_type")
    )
    return cleaned


def check_times(started_at: datetime | None, ended_at: datetime | None, errors: Errors, prefix: str = "") -> None:
    limit = timezone.now() + CLOCK_SKEW
    if started_at is not None and started_at > limit:
        errors.add(field_path(prefix, "started_at"), "A workout cannot start in the future.")
    if ended_at is not None:
        if ended_at > limit:
            errors.add(field_path(prefix, "ended_at"), "A workout cannot end in the future.")
        if started_at is not None and ended_at < started_at:
            errors.add(field_path(prefix, "ended_at"), "The end must be after the start.")


def visible_exercises(*, user: User, ids: list[Any]) -> dict[Any, Exercise]:
    """The exercises among `ids` that `user` may use, by id: one query."""
    uuids = set()
    for value in ids:
        try:
            uuids.add(as_uuid(value))
        except Http404:
            continue
    if not uuids:
        return {}
    return {exercise.pk: exercise for exercise in exercises_visible_to(user).filter(pk__in=uuids)}


def exercise_or_error(exercises: dict, value: Any, path: str, errors: Errors) -> Exercise | None:
    try:
        exercise = exercises.get(as_uuid(value))
    except Http404:
        exercise = None
    if exercise is None:
        errors.add(path, "Choose an exercise from your library.")
    return exercise


def default_name(user: User, started_at: datetime) -> str:
    hour = timezone.localtime(started_at, user.tz).hour
    part = "Morning" if 5 <= hour < 12 else "Afternoon" if 12 <= hour < 17 else "Evening" if hour < 22 else "Night"
    return f"{part} workout"
