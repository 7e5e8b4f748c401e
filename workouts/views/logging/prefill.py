"""What the logger's add-set form starts with: the next set follows the lifter (see `prefill`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workouts.forms.logging import DISTANCE_IN_KM
from workouts.models import SetType, WorkoutExercise, WorkoutSet
from workouts.selectors import workouts as selectors
from workouts.units import format_number, kg_to_display


@dataclass
class Prefill:
    """What the add-set form starts with, the target it is measured against, and the inputs whose pre-filled
    value differs from the set just logged (marked, so a changed weight is never saved unseen)."""

    initial: dict[str, Any] = field(default_factory=dict)
    target: str = ""
    changed: dict[str, str] = field(default_factory=dict)  # input name -> the last set's value


def _values(entry: WorkoutExercise, source: Any, units: str, *, reps: Any, set_type: str) -> dict[str, Any]:
    return {
        "set_type": set_type,
        "reps": reps,
        "weight": weight_initial(source.weight_kg, units),
        "distance": distance_initial(entry, source.distance_m),
        "duration": duration_initial(source.duration_seconds),
    }


def _matched(workout_set: WorkoutSet, target: Any, units: str) -> bool:
    """Whether a logged set did what its target asked (reps within a range count). Weights are compared as the
    lifter sees them: a target of 80 lb is 36.2874 kg exactly, the logged set 36.29 kg as stored."""
    if target.weight_kg is not None and weight_initial(workout_set.weight_kg or 0, units) != weight_initial(
        target.weight_kg, units
    ):
        return False
    if target.reps_max is not None:
        low = target.reps_min if target.reps_min is not None else target.reps_max
        if workout_set.reps is None or not low <= workout_set.reps <= target.reps_max:
            return False
    if target.duration_seconds is not None and workout_set.duration_seconds != target.duration_seconds:
        return False
    return target.distance_m is None or workout_set.distance_m == target.distance_m


def prefill(entry: WorkoutExercise, sets: list[WorkoutSet], targets: list, units: str) -> Prefill:
    """Pre-fill the next set so that it follows the lifter.

    The set just logged differed from its target (the lifter chose today's weight): repeat what was lifted.
    It matched (or there was none to match): the next target, so pyramids keep working. No target left:
    repeat the last set. A warm-up is followed by the first working target, never by the warm-up weight.
    """
    done = len(sets)
    upcoming = targets[done] if done < len(targets) else None
    from_target = _values(entry, upcoming, units, reps=upcoming.reps, set_type=upcoming.set_type) if upcoming else None
    result = Prefill(target=selectors.describe_target(upcoming, units) if upcoming else "")
    if not sets:
        result.initial = from_target or {}
        return result
    last = sets[-1]
    last_target = targets[done - 1] if done - 1 < len(targets) else None
    repeated_type = SetType.NORMAL if last.set_type == SetType.WARMUP else last.set_type
    lifted = _values(entry, last, units, reps=last.reps, set_type=upcoming.set_type if upcoming else repeated_type)
    warmup_done = last.set_type == SetType.WARMUP and upcoming is not None and upcoming.set_type != SetType.WARMUP
    follow_plan = from_target is not None and (warmup_done or last_target is None or _matched(last, last_target, units))
    result.initial = from_target if follow_plan else lifted
    for name in ("weight", "reps", "distance", "duration"):
        before, now = lifted.get(name), result.initial.get(name)
        if now not in (None, "") and str(now) != str(before or ""):
            result.changed[name] = "" if before in (None, "") else str(before)
    return result


def weight_initial(value_kg: Any, units: str) -> str:
    value = kg_to_display(value_kg, units)
    return "" if value is None else format_number(value)


def distance_initial(entry: WorkoutExercise, metres: Any) -> Any:
    if metres is None:
        return None
    return format_number(metres / 1000) if entry.exercise.exercise_type in DISTANCE_IN_KM else format_number(metres)


def duration_initial(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"
