"""Helpers shared by the logging pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from workouts.models import PersonalRecord, RecordKind, Workout
from workouts.units import format_weight

PAGE_SIZE = 20
RECORD_LABELS = {
    RecordKind.ESTIMATED_1RM: "best estimated 1RM",
    RecordKind.HEAVIEST_WEIGHT: "heaviest weight",
    RecordKind.MOST_REPS: "most reps at this weight",
    RecordKind.BEST_VOLUME: "best session volume",
}


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
