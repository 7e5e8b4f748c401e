"""Request bodies for Hevy, built from FitnessPr objects: pure functions, no database and no network.

Exactly as shared/HEVY_API.md demands: routine `notes` always a string (null is a 400 on POST), routine sets
carry no `rpe` (a target RPE goes into the exercise notes), `rep_range` is an object or absent (never null),
workout RPE only 6, 7, 7.5 ... 10 (rounded to the nearest allowed value, a tie going up: 6.5 -> 7), distances
in whole metres.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fitnesspr.errors import ApplicationError
from workouts.loading import DEFAULT_STEPS, Steps
from workouts.models import (
    PlanDay,
    PlanExercise,
    Workout,
    WorkoutSet,
)
from workouts.selectors.plans import TargetSet, target_for_week

HEVY_RPE_VALUES = tuple(Decimal(v) for v in ("6", "7", "7.5", "8", "8.5", "9", "9.5", "10"))


# --- Pure body builders ---------------------------------------------------------------------------


def _number(value: Decimal | int | None) -> float | int | None:
    """Decimal -> a JSON number (an int when whole)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _meters(value: Decimal | None) -> int | None:
    """Hevy's distance_meters is a whole number."""
    return None if value is None else int(Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def hevy_rpe(value: Decimal | float | None) -> float | int | None:
    """Our RPE (6-10, one decimal) -> the nearest value Hevy accepts (6, 7, 7.5 ... 10); a tie rounds up."""
    if value is None:
        return None
    value = Decimal(str(value))
    if value < HEVY_RPE_VALUES[0] or value > HEVY_RPE_VALUES[-1]:
        return None
    best = min(HEVY_RPE_VALUES, key=lambda allowed: (abs(allowed - value), -allowed))
    return _number(best)


def _rep_target(target: TargetSet) -> tuple[int | None, dict[str, int] | None]:
    """(reps, rep_range): a fixed target is `reps`; a range is `rep_range` {"start", "end"} and no reps."""
    if target.is_range:
        return None, {"start": target.reps_min, "end": target.reps_max}
    return (target.reps_min if target.reps_min is not None else target.reps_max), None


def routine_set_body(target: TargetSet) -> dict[str, Any]:
    """A routine set as Hevy takes it: no `rpe`; `rep_range` only when it is a range (never null)."""
    reps, rep_range = _rep_target(target)
    body: dict[str, Any] = {
        "type": target.set_type,
        "weight_kg": _number(target.weight_kg),
        "reps": reps,
        "distance_meters": _meters(target.distance_m),
        "duration_seconds": target.duration_seconds,
        "custom_metric": None,
    }
    if rep_range is not None:
        body["rep_range"] = rep_range
    return body


def _rpe_note(targets: list[TargetSet]) -> str:
    if not any(target.rpe is not None for target in targets):
        return ""
    text = " / ".join("-" if target.rpe is None else f"{_number(target.rpe)}" for target in targets)
    return f"Target RPE: {text}"


def routine_exercise_body(
    plan_exercise: PlanExercise,
    template_id: str,
    *,
    week_index: int = 0,
    units: str = "kg",
    steps: Steps = DEFAULT_STEPS,
) -> dict[str, Any]:
    """Targets rounded as the lifter loads them (their unit and plates), sent in kg as Hevy stores them."""
    equipment = plan_exercise.exercise.equipment  # joined by the push: no query
    targets = [
        target_for_week(plan_set, week_index, units=units, steps=steps, equipment=equipment)
        for plan_set in plan_exercise.sets.all()
    ]
    notes = "\n".join(part for part in (plan_exercise.notes.strip(), _rpe_note(targets)) if part)
    return {
        "exercise_template_id": template_id,
        "superset_id": plan_exercise.superset_group,
        "rest_seconds": plan_exercise.rest_seconds,
        "notes": notes or None,
        "sets": [routine_set_body(target) for target in targets],
    }


def routine_body(
    day: PlanDay,
    template_ids: dict[Any, str],
    *,
    folder_id: int | None,
    for_update: bool = False,
    week_index: int = 0,
    units: str = "kg",
    steps: Steps = DEFAULT_STEPS,
) -> dict[str, Any]:
    """The inner routine object (the client wraps it as {"routine": ...}) with the targets of week `week_index`
    (0: as written). POST always carries `folder_id` (null allowed, missing is a 400); PUT takes only title,
    notes and exercises. `notes` is always a string: null is a 400 on POST."""
    body: dict[str, Any] = {"title": day.name}
    if not for_update:
        body["folder_id"] = folder_id
    body["notes"] = day.notes.strip()  # a string on POST ("" for none): Hevy rejects null there
    body["exercises"] = [
        routine_exercise_body(
            plan_exercise, template_ids[plan_exercise.exercise_id], week_index=week_index, units=units, steps=steps
        )
        for plan_exercise in day.exercises.all()
    ]
    return body


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def workout_set_body(workout_set: WorkoutSet) -> dict[str, Any]:
    return {
        "type": workout_set.set_type,
        "weight_kg": _number(workout_set.weight_kg),
        "reps": workout_set.reps,
        "distance_meters": _meters(workout_set.distance_m),
        "duration_seconds": workout_set.duration_seconds,
        "custom_metric": None,
        "rpe": hevy_rpe(workout_set.rpe),
    }


def workout_body(workout: Workout, template_ids: dict[Any, str]) -> dict[str, Any]:
    """The inner workout object (the client wraps it as {"workout": ...}): no `routine_id`, `is_private` always
    sent (a PUT without it fails), times in UTC."""
    if workout.ended_at is None:
        raise ApplicationError("Only a finished workout can be sent to Hevy.", code="workout_in_progress")
    return {
        "title": workout.name,
        "description": workout.notes.strip() or None,
        "start_time": _iso(workout.started_at),
        "end_time": _iso(workout.ended_at),
        "is_private": False,
        "exercises": [
            {
                "exercise_template_id": template_ids[workout_exercise.exercise_id],
                "superset_id": workout_exercise.superset_group,
                "notes": workout_exercise.notes.strip() or None,
                "sets": [workout_set_body(workout_set) for workout_set in workout_exercise.sets.all()],
            }
            for workout_exercise in workout.exercises.all()
        ],
    }
