"""Helpers shared by the logging pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import User
from fitnesspr.errors import ForbiddenError
from workouts.models import PersonalRecord, RecordKind, Workout
from workouts.selectors.access import workout_get_for_edit
from workouts.units import format_weight

PAGE_SIZE = 20
RECORD_LABELS = {
    RecordKind.ESTIMATED_1RM: "best estimated 1RM",
    RecordKind.HEAVIEST_WEIGHT: "heaviest weight",
    RecordKind.MOST_REPS: "most reps at this weight",
    RecordKind.BEST_VOLUME: "best session volume",
}


def for_edit(user: User, workout_id: UUID) -> Workout:
    """The workout if `user` may change it: 404 when they cannot see it, 403 when they only read it."""
    try:
        return workout_get_for_edit(user, workout_id)
    except ForbiddenError as error:
        raise PermissionDenied(error.message) from None


def logger_url(workout: Workout, anchor: str = "", **query: Any) -> str:
    url = reverse("workouts:workout_logger", args=[workout.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url + (f"#{anchor}" if anchor else "")


# --- The logger ----------------------------------------------------------------------------------


def record_text(record: PersonalRecord, units: str) -> str:
    if record.kind == RecordKind.MOST_REPS:
        at = f" at {format_weight(record.weight_kg, units)}" if record.weight_kg else ""
        return f"most reps{at}: {int(record.value)}"
    return f"{RECORD_LABELS[record.kind]}: {format_weight(record.value, units)}"
