"""Validation of plan data: the model's field checks without queries, and the rules of target sets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fitnesspr.errors import ApplicationError
from workouts.models import (
    REQUIRED_MEASURES,
    ExerciseType,
    Plan,
    PlanDay,
    PlanExercise,
    PlanSet,
    SetType,
)

PLAN_FIELDS = ("name", "goal", "start_date", "weeks", "notes")
DAY_FIELDS = ("name", "weekday", "notes")
EXERCISE_FIELDS = ("superset_group", "rest_seconds", "notes")
SET_FIELDS = (
    "set_type",
    "reps_min",
    "reps_max",
    "target_weight_kg",
    "target_rpe",
    "duration_seconds",
    "distance_m",
    "weight_increment_kg",
    "reps_increment",
)
SET_DEFAULTS: dict[str, Any] = {"set_type": SetType.NORMAL, "weight_increment_kg": Decimal("0"), "reps_increment": 0}

# The target fields of each measure of REQUIRED_MEASURES. A plan may leave a target empty (the client fills
# it in on the day), but it cannot set a measure the exercise does not use (distance on a bench press).
MEASURE_FIELDS: dict[str, tuple[str, ...]] = {
    "reps": ("reps_min", "reps_max", "reps_increment"),
    "weight_kg": ("target_weight_kg", "weight_increment_kg"),
    "duration_seconds": ("duration_seconds",),
    "distance_m": ("distance_m",),
}
MEASURE_NAMES = {"reps": "reps", "weight_kg": "weight", "duration_seconds": "duration", "distance_m": "distance"}
# Bodyweight movements may carry added (or assisting) weight.
EXTRA_MEASURES: dict[str, tuple[str, ...]] = {
    ExerciseType.BODYWEIGHT_REPS: ("weight_kg",),
    ExerciseType.BODYWEIGHT_ASSISTED_REPS: ("weight_kg",),
}

INVALID = "Please correct the errors below."
# A plan's days form its week (a rotation of two weeks at most): more is a mistake, and pages list them all.
MAX_DAYS = 14


def measures_for(exercise_type: str) -> tuple[str, ...]:
    """The measures a set of this exercise type may carry: the required ones and any optional extras."""
    return REQUIRED_MEASURES[exercise_type] + EXTRA_MEASURES.get(exercise_type, ())


def set_fields_for(exercise_type: str) -> tuple[str, ...]:
    """The PlanSet target fields that apply to an exercise type (RPE always does)."""
    used = {field for measure in measures_for(exercise_type) for field in MEASURE_FIELDS[measure]}
    return tuple(field for field in SET_FIELDS if field in used or field in ("set_type", "target_rpe"))


# --- Validation helpers ------------------------------------------------------------------------


def model_errors(instance: Any, *, exclude: Sequence[str]) -> dict[str, list[str]]:
    """Field checks of the model (types, lengths, validators) without any query: FKs and constraints are ours."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return {key: list(messages) for key, messages in error.message_dict.items()}
    return {}


def prefixed(errors: dict[str, list[str]], prefix: str) -> dict[str, list[str]]:
    if not prefix:
        return errors
    return {f"{prefix}.{key}": messages for key, messages in errors.items()}


def raise_if(errors: dict[str, list[str]], message: str = INVALID) -> None:
    if errors:
        raise ApplicationError(message, code="invalid", fields=errors)


def pick(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {field: data[field] for field in fields if field in data}


def check_day_count(days: int, adding: int = 0) -> None:
    """A plan of `days` days may take `adding` more, up to MAX_DAYS (400 `too_many_days` otherwise)."""
    if days + adding > MAX_DAYS:
        message = f"A plan has at most {MAX_DAYS} days; this would make {days + adding}."
        raise ApplicationError(message, code="too_many_days", fields={"days": [message]})


def clean_plan_fields(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    instance = Plan(**values)
    if isinstance(instance.name, str):
        instance.name = instance.name.strip()
    errors = model_errors(instance, exclude=["client", "author", "copied_from", "status", "source"])
    return {field: getattr(instance, field) for field in PLAN_FIELDS}, errors


def clean_day(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    instance = PlanDay(**pick(values, DAY_FIELDS))
    if isinstance(instance.name, str):
        instance.name = instance.name.strip()
    errors = model_errors(instance, exclude=["plan", "position"])
    return {field: getattr(instance, field) for field in DAY_FIELDS}, errors


def clean_exercise(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    fields = pick(values, EXERCISE_FIELDS)
    fields = {key: value for key, value in fields.items() if not (key == "rest_seconds" and value is None)}
    instance = PlanExercise(**fields)
    errors = model_errors(instance, exclude=["day", "exercise", "position"])
    if instance.superset_group is not None and not errors.get("superset_group") and instance.superset_group < 1:
        errors["superset_group"] = ["Number superset groups from 1."]
    return {field: getattr(instance, field) for field in EXERCISE_FIELDS}, errors


def clean_set(values: dict[str, Any], exercise_type: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """One target set: the model's checks, then the rules of a target (range order, RPE steps, measures)."""
    data = {**SET_DEFAULTS, **{key: value for key, value in pick(values, SET_FIELDS).items() if value is not None}}
    for key in ("set_type", "weight_increment_kg", "reps_increment"):
        if data.get(key) in (None, ""):
            data[key] = SET_DEFAULTS[key]
    instance = PlanSet(**data)
    errors = model_errors(instance, exclude=["plan_exercise", "position"])
    clean = {field: getattr(instance, field) for field in SET_FIELDS}
    if errors:
        return clean, errors
    if clean["reps_min"] is None and clean["reps_max"] is not None:
        clean["reps_min"] = clean["reps_max"]
    if clean["reps_max"] is None and clean["reps_min"] is not None:
        clean["reps_max"] = clean["reps_min"]
    if clean["reps_min"] is not None and clean["reps_min"] > clean["reps_max"]:
        errors["reps_max"] = ["The most reps must be at least the fewest reps."]
    rpe = clean["target_rpe"]
    if rpe is not None and (rpe * 2) % 1 != 0:
        errors["target_rpe"] = ["RPE goes from 6 to 10 in steps of 0.5."]
    for field in ("weight_increment_kg", "reps_increment"):
        if clean[field] < 0:
            errors[field] = ["The weekly progression cannot be negative."]
    allowed = set_fields_for(exercise_type)
    label = ExerciseType(exercise_type).label.lower()
    for measure, fields in MEASURE_FIELDS.items():
        for field in fields:
            if field not in allowed and clean[field] not in (None, 0, Decimal("0")):
                errors[field] = [f"A {label} exercise has no {MEASURE_NAMES[measure]} target."]
    return clean, errors


def clean_sets(sets: Sequence[dict[str, Any]], exercise_type: str, prefix: str) -> tuple[list[dict], dict]:
    cleaned, errors = [], {}
    for index, values in enumerate(sets):
        clean, set_errors = clean_set(values, exercise_type)
        cleaned.append(clean)
        errors.update(prefixed(set_errors, f"{prefix}{index}"))
    return cleaned, errors
