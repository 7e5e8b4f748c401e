"""The workout list's output, built from plain rows: three queries (`values_list`) and dicts, no model
instances and no serializer fields per value. The shape is exactly `WorkoutSerializer`'s, which stays the
documented response (and the one other endpoints use); a test holds the two equal.

Values are left as the database gives them (UUIDs, aware datetimes in UTC, Decimals): the orjson renderer
writes them as DRF would (strings, ISO 8601 with `Z`, numbers).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from workouts.models import WorkoutExercise, WorkoutSet

WORKOUT_COLUMNS = (
    "id", "user_id", "plan_day_id", "name", "notes", "started_at", "ended_at", "source", "hevy_id",
    "created_at", "updated_at",
)  # fmt: skip
EXERCISE_COLUMNS = (
    "id", "workout_id", "position", "exercise_id", "exercise__name", "exercise__exercise_type", "superset_group",
    "notes",
)  # fmt: skip
SET_COLUMNS = (
    "id", "workout_exercise_id", "position", "set_type", "reps", "weight_kg", "distance_m", "duration_seconds",
    "rpe", "estimated_1rm_kg",
)  # fmt: skip
SET_KEYS = (
    "id", "workout_exercise", "position", "set_type", "reps", "weight_kg", "distance_m", "duration_seconds", "rpe",
    "estimated_1rm_kg",
)  # fmt: skip


def workouts_output(rows: Iterable[tuple]) -> list[dict[str, Any]]:
    """`rows`: a page of `Workout` rows as `values_list(*WORKOUT_COLUMNS)`; returns the serializer's dicts."""
    rows = list(rows)
    ids = [row[0] for row in rows]
    sets_by_entry: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        WorkoutSet.objects.filter(workout_exercise__workout_id__in=ids)
        .order_by("workout_exercise_id", "position", "created_at")
        .values_list(*SET_COLUMNS)
    ):
        sets_by_entry[row[1]].append(dict(zip(SET_KEYS, row, strict=True)))
    entries_by_workout: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
    for pk, workout_id, position, exercise, name, exercise_type, superset_group, notes in (
        WorkoutExercise.objects.filter(workout_id__in=ids)
        .order_by("workout_id", "position", "created_at")
        .values_list(*EXERCISE_COLUMNS)
    ):
        entries_by_workout[workout_id].append(
            {
                "id": pk,
                "position": position,
                "exercise": exercise,
                "exercise_name": name,
                "exercise_type": exercise_type,
                "superset_group": superset_group,
                "notes": notes,
                "sets": sets_by_entry.get(pk, []),
            }
        )
    return [_workout(row, entries_by_workout.get(row[0], [])) for row in rows]


def _workout(row: tuple, exercises: list[dict[str, Any]]) -> dict[str, Any]:
    pk, user, plan_day, name, notes, started_at, ended_at, source, hevy_id, created_at, updated_at = row
    return {
        "id": pk,
        "user": user,
        "plan_day": plan_day,
        "name": name,
        "notes": notes,
        "started_at": started_at,
        "ended_at": ended_at,
        "duration_seconds": None if ended_at is None else int((ended_at - started_at).total_seconds()),
        "source": source,
        "hevy_id": hevy_id,
        "exercises": exercises,
        "created_at": created_at,
        "updated_at": updated_at,
    }
