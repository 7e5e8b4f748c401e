"""Turn whatever shape Hevy answers into one shape the rest of the code can rely on.

Hevy is inconsistent (see shared/HEVY_API.md): timestamps come with `Z`, `+00:00` or milliseconds; exercises say
`supersets_id` in responses and `superset_id` in requests; write endpoints answer a one-element list inside a
wrapper, sometimes a bare object, sometimes nothing. Everything here is pure (no I/O) so it is tested directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def parse_time(value: Any) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string (`Z`, `+00:00`, any fraction digits) or epoch seconds.

    A time without an offset is taken as UTC (Hevy only speaks UTC). Empty values give None; garbage raises
    ValueError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parsed = datetime.fromtimestamp(value, tz=UTC)
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("z", "Z")):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a time: {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_time(value: datetime) -> str:
    """The ISO 8601 UTC form Hevy accepts in requests and `since` (`2024-08-14T12:00:00Z`)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond // 1000:03d}"
    return text + "Z"


def unwrap(body: Any, key: str) -> Any:
    """The object inside `{key: obj}`, `{key: [obj]}`, `[obj]` or a bare `obj`; None for an empty body."""
    if isinstance(body, dict) and key in body:
        body = body[key]
    if isinstance(body, list):
        body = body[0] if body else None
    if body in ("", {}, None):
        return None
    return body


def _number(value: Any) -> int | float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number


def _integer(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else round(number)


def _superset(exercise: dict) -> int | None:
    value = exercise.get("superset_id")
    if value is None:
        value = exercise.get("supersets_id")
    return _integer(value)


def normalize_set(data: dict, position: int = 0) -> dict:
    index = _integer(data.get("index"))
    return {
        "index": position if index is None else index,
        "type": data.get("type") or "normal",
        "weight_kg": _number(data.get("weight_kg")),
        "reps": _integer(data.get("reps")),
        "distance_meters": _number(data.get("distance_meters")),
        "duration_seconds": _integer(data.get("duration_seconds")),
        "rpe": _number(data.get("rpe")),
        "custom_metric": _number(data.get("custom_metric")),
    }


def normalize_exercise(data: dict, position: int = 0) -> dict:
    index = _integer(data.get("index"))
    return {
        "index": position if index is None else index,
        "title": data.get("title") or "",
        "notes": data.get("notes") or "",
        "exercise_template_id": str(data.get("exercise_template_id") or ""),
        "superset_id": _superset(data),
        "sets": [normalize_set(s, i) for i, s in enumerate(data.get("sets") or [])],
    }


def _time(value: Any) -> datetime | None:
    """A timestamp inside an answer: an unreadable one is None rather than the loss of the whole page."""
    try:
        return parse_time(value)
    except (ValueError, TypeError, OverflowError):
        return None


def normalize_workout(data: dict) -> dict:
    return {
        "id": str(data["id"]),
        "title": data.get("title") or "",
        "description": data.get("description") or "",
        "start_time": _time(data.get("start_time")),
        "end_time": _time(data.get("end_time")),
        "created_at": _time(data.get("created_at")),
        "updated_at": _time(data.get("updated_at")),
        "routine_id": data.get("routine_id") or None,
        "exercises": [normalize_exercise(e, i) for i, e in enumerate(data.get("exercises") or [])],
    }


def normalize_event(data: dict) -> dict | None:
    """`{"type": "updated", "workout": ...}` or `{"type": "deleted", "id", "deleted_at"}`; None for other types."""
    kind = data.get("type")
    workout = data.get("workout")
    if kind == "updated" and isinstance(workout, dict) and workout.get("id"):
        return {"type": "updated", "workout": normalize_workout(workout)}
    if kind == "deleted":
        workout_id = data.get("id") or (workout.get("id") if isinstance(workout, dict) else None)
        if workout_id:
            return {"type": "deleted", "id": str(workout_id), "deleted_at": _time(data.get("deleted_at"))}
    return None


def normalize_template(data: dict) -> dict:
    return {
        "id": str(data["id"]),
        "title": data.get("title") or "",
        "type": data.get("type") or "",
        "primary_muscle_group": data.get("primary_muscle_group") or "",
        "secondary_muscle_groups": list(data.get("secondary_muscle_groups") or []),
        "equipment_category": data.get("equipment_category") or "",
        "is_custom": bool(data.get("is_custom")),
    }


def normalize_routine(data: dict) -> dict:
    """A routine as Hevy sent it, with `superset_id` read from either spelling on every exercise."""
    routine = dict(data)
    routine["id"] = str(data["id"])
    exercises = []
    for exercise in data.get("exercises") or []:
        exercise = dict(exercise)
        exercise["superset_id"] = _superset(exercise)
        exercise.pop("supersets_id", None)
        exercises.append(exercise)
    routine["exercises"] = exercises
    return routine


def normalize_folder(data: dict) -> dict:
    folder = dict(data)
    folder["id"] = _integer(data.get("id"))
    return folder
