"""Writes of logged workouts: start, create in one go, sets, exercises, finish, edit, delete, comments.

Every write of a workout's sets refreshes the personal records that depend on it
(workouts.services.records). Sets are validated here, explicitly, not with `full_clean()`, so that a
whole workout is checked and bulk-inserted with a constant number of queries. Error field paths
name the place in the request: `exercises.0.sets.2.rpe`, `sets.1.reps`, `reps`.

Access: the caller fetched the workout with `workout_get_for_edit` (only the owner writes); exercises
named in the input must be visible to the owner (checked here, in one query).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from fitnesspr.access import as_uuid
from fitnesspr.errors import ApplicationError, ConflictError
from fitnesspr.events import publish
from fitnesspr.services import Errors
from workouts.events import WorkoutFinished
from workouts.models import (
    PersonalRecord,
    PlanDay,
    Workout,
    WorkoutExercise,
    WorkoutSet,
    WorkoutSource,
)
from workouts.selectors.access import plan_day_for_user
from workouts.services.records import records_refresh
from workouts.services.workout_validation import (
    MAX_SETS_PER_REQUEST,
    SET_FIELDS,
    WORKOUT_FIELDS,
    check_times,
    clean_set,
    default_name,
    exercise_or_error,
    visible_exercises,
    with_estimate,
)

# --- Workouts ------------------------------------------------------------------------------------


@transaction.atomic
def workout_start(
    *, user: User, plan_day: PlanDay | None = None, name: str | None = None, started_at: datetime | None = None
) -> Workout:
    """Start a workout now (in progress: no end). From a PlanDay, its exercises are added in order."""
    started_at = started_at or timezone.now()
    errors = Errors()
    check_times(started_at, None, errors)
    errors.raise_if_any()
    workout = Workout.objects.create(
        user=user,
        plan_day=plan_day,
        name=(name or (plan_day.name if plan_day else "") or default_name(user, started_at))[:120],
        started_at=started_at,
    )
    if plan_day is not None:
        WorkoutExercise.objects.bulk_create(
            WorkoutExercise(
                workout=workout,
                position=index,
                exercise_id=planned.exercise_id,
                superset_group=planned.superset_group,
                notes=planned.notes,
            )
            for index, planned in enumerate(plan_day.exercises.order_by("position"))
        )
    return workout


@transaction.atomic
def workout_create(*, user: User, data: dict[str, Any]) -> Workout:
    """A whole workout with its exercises and sets in one go (the API; imports). Bulk-inserted.

    `data`: name, notes, started_at, ended_at (optional: in progress), plan_day (id, optional), source,
    exercises: [{exercise (id), superset_group, notes, sets: [{set_type, reps, weight_kg, distance_m,
    duration_seconds, rpe}]}]. Constant queries whatever the number of sets. The new records are on
    `workout.new_records`.
    """
    errors = Errors()
    started_at = data.get("started_at") or timezone.now()
    ended_at = data.get("ended_at")
    check_times(started_at, ended_at, errors)
    plan_day = None
    if data.get("plan_day"):
        try:
            plan_day = plan_day_for_user(user=user, plan_day_id=data["plan_day"])
        except ApplicationError as error:
            for key, messages in error.fields.items():
                for message in messages:
                    errors.add(key, message)
    items = data.get("exercises") or []
    if sum(len(item.get("sets") or []) for item in items) > MAX_SETS_PER_REQUEST:
        raise ApplicationError(
            f"At most {MAX_SETS_PER_REQUEST} sets in one request.", fields={"exercises": ["Too many sets."]}
        )
    exercises = visible_exercises(user=user, ids=[item.get("exercise") for item in items])
    planned: list[tuple[WorkoutExercise, list[dict[str, Any]]]] = []
    for index, item in enumerate(items):
        prefix = f"exercises.{index}"
        exercise = exercise_or_error(exercises, item.get("exercise"), f"{prefix}.exercise", errors)
        if exercise is None:
            continue
        sets = [
            with_estimate(clean_set(raw, exercise=exercise, prefix=f"{prefix}.sets.{number}", errors=errors))
            for number, raw in enumerate(item.get("sets") or [])
        ]
        row = WorkoutExercise(
            position=index,
            exercise=exercise,
            superset_group=item.get("superset_group"),
            notes=item.get("notes") or "",
        )
        planned.append((row, sets))
    errors.raise_if_any()

    workout = Workout.objects.create(
        user=user,
        plan_day=plan_day,
        name=(data.get("name") or (plan_day.name if plan_day else "") or default_name(user, started_at))[:120],
        notes=data.get("notes") or "",
        started_at=started_at,
        ended_at=ended_at,
        source=data.get("source") or WorkoutSource.FITNESSPR,
    )
    for row, _sets in planned:
        row.workout = workout
    WorkoutExercise.objects.bulk_create([row for row, _sets in planned])
    WorkoutSet.objects.bulk_create(
        WorkoutSet(workout_exercise=row, position=number, **values)
        for row, sets in planned
        for number, values in enumerate(sets)
    )
    workout.new_records = records_refresh(
        user=user, exercise_ids={row.exercise_id for row, _sets in planned}, since=workout.started_at
    )
    if workout.ended_at is not None:
        _publish_finished(workout)
    return workout


@transaction.atomic
def workout_update(*, workout: Workout, data: dict[str, Any]) -> Workout:
    """Change name, notes, start and end. A new start re-evaluates the records that depend on the workout."""
    errors = Errors()
    changed = [name for name in WORKOUT_FIELDS if name in data and data[name] != getattr(workout, name)]
    started_at = data.get("started_at", workout.started_at)
    ended_at = data.get("ended_at", workout.ended_at)
    if "started_at" in data and not started_at:
        errors.add("started_at", "Enter the start.")
    if "name" in data and not (data["name"] or "").strip():
        errors.add("name", "Enter a name.")
    elif len(data.get("name") or "") > 120:
        errors.add("name", "At most 120 characters.")
    if len(data.get("notes") or "") > 4000:
        errors.add("notes", "At most 4000 characters.")
    check_times(started_at or None, ended_at, errors)
    errors.raise_if_any()
    if not changed:
        return workout
    old_start = workout.started_at
    for name in changed:
        value = data[name]
        setattr(workout, name, value.strip() if name == "name" else (value or "") if name == "notes" else value)
    workout.save(update_fields=[*changed, "updated_at"])
    if "started_at" in changed:
        records_refresh(
            user=workout.user,
            exercise_ids=workout.exercises.values_list("exercise_id", flat=True),
            since=min(old_start, workout.started_at),
        )
    return workout


@transaction.atomic
def workout_finish(*, workout: Workout, ended_at: datetime | None = None) -> Workout:
    """End an in-progress workout (now, or at `ended_at`): the duration is saved. Records are refreshed."""
    if workout.ended_at is not None:
        raise ConflictError("This workout is already finished.", code="workout_finished")
    if ended_at is None:
        # a start a little in the future (clock skew) must not make "finish now" fail
        ended_at = max(timezone.now(), workout.started_at)
    errors = Errors()
    check_times(workout.started_at, ended_at, errors)
    errors.raise_if_any()
    workout.ended_at = ended_at
    workout.save(update_fields=["ended_at", "updated_at"])
    records_refresh(
        user=workout.user,
        exercise_ids=workout.exercises.values_list("exercise_id", flat=True),
        since=workout.started_at,
    )
    workout.new_records = list(
        PersonalRecord.objects.filter(workout=workout).select_related("exercise").order_by("exercise__name", "kind")
    )
    _publish_finished(workout)
    return workout


def _publish_finished(workout: Workout) -> None:
    publish(
        WorkoutFinished(
            workout_id=workout.pk, user_id=workout.user_id, source=workout.source, workout_name=workout.name
        )
    )


@transaction.atomic
def workout_delete(*, workout: Workout) -> None:
    """Delete a workout; the records of later workouts that it held back are re-evaluated."""
    user, since = workout.user, workout.started_at
    exercise_ids = set(workout.exercises.values_list("exercise_id", flat=True))
    workout_id = workout.pk
    workout.delete()
    records_refresh(user=user, exercise_ids=exercise_ids, since=since, exclude_workout_ids={workout_id})


# --- Exercises of a workout ----------------------------------------------------------------------


@transaction.atomic
def exercise_add(*, workout: Workout, exercise_id: Any, notes: str = "") -> WorkoutExercise:
    """Append an exercise (one the owner may use) to the workout."""
    errors = Errors()
    exercise = exercise_or_error(
        visible_exercises(user=workout.user, ids=[exercise_id]), exercise_id, "exercise", errors
    )
    errors.raise_if_any("Choose an exercise from your library.")
    last = workout.exercises.aggregate(last=Max("position"))["last"]
    return WorkoutExercise.objects.create(
        workout=workout, exercise=exercise, position=0 if last is None else last + 1, notes=notes[:2000]
    )


@transaction.atomic
def exercise_remove(*, workout_exercise: WorkoutExercise) -> None:
    workout = workout_exercise.workout
    exercise_id = workout_exercise.exercise_id
    workout_exercise.delete()
    records_refresh(user=workout.user, exercise_ids={exercise_id}, since=workout.started_at)


@transaction.atomic
def exercise_reorder(*, workout: Workout, order: list[Any]) -> None:
    """Put the workout's exercises in the order of the ids in `order` (all of them, each once)."""
    rows = {row.pk: row for row in workout.exercises.all()}
    try:
        ids = [as_uuid(value) for value in order]
    except (Http404, TypeError):  # a malformed id, or not a list
        ids = []
    if sorted(map(str, ids)) != sorted(map(str, rows)):
        raise ApplicationError(
            "Send every exercise of the workout once.", fields={"order": ["Not the workout's exercises."]}
        )
    for position, pk in enumerate(ids):
        rows[pk].position = position
    WorkoutExercise.objects.bulk_update(rows.values(), ["position"])


# --- Sets ----------------------------------------------------------------------------------------


def _next_positions(workout_exercise_ids: list[Any]) -> dict[Any, int]:
    rows = (
        WorkoutSet.objects.filter(workout_exercise_id__in=workout_exercise_ids)
        .values("workout_exercise_id")
        .annotate(last=Max("position"))
        .order_by()
    )
    found = {row["workout_exercise_id"]: row["last"] + 1 for row in rows}
    return {pk: found.get(pk, 0) for pk in workout_exercise_ids}


FINISHED_MESSAGE = "This workout is finished: choose “Edit workout” to add sets to it."


def _refuse_if_finished(workout: Workout, edit_finished: bool) -> None:
    """A finished workout takes new sets only in the explicit "edit workout" state (never by a stale page)."""
    if workout.ended_at is not None and not edit_finished:
        raise ConflictError(FINISHED_MESSAGE, code="workout_finished")


@transaction.atomic
def set_add(*, workout_exercise: WorkoutExercise, data: dict[str, Any], edit_finished: bool = False) -> WorkoutSet:
    """Log one set of an exercise of the workout. The records it beats are on `workout_set.new_records`."""
    _refuse_if_finished(workout_exercise.workout, edit_finished)
    errors = Errors()
    cleaned = with_estimate(clean_set(data, exercise=workout_exercise.exercise, prefix="", errors=errors))
    errors.raise_if_any()
    position = _next_positions([workout_exercise.pk])[workout_exercise.pk]
    workout_set = WorkoutSet.objects.create(workout_exercise=workout_exercise, position=position, **cleaned)
    workout = workout_exercise.workout
    workout_set.new_records = records_refresh(
        user=workout.user, exercise_ids={workout_exercise.exercise_id}, since=workout.started_at
    )
    return workout_set


@transaction.atomic
def sets_add(*, workout: Workout, items: list[dict[str, Any]], edit_finished: bool = False) -> list[WorkoutSet]:
    """Log many sets at once (the API): each item names `workout_exercise` (an exercise entry of this workout)
    or `exercise` (its first entry in the workout, added at the end when missing). Bulk-inserted; the new
    records are on `workout.new_records`. A finished workout refuses them (409) unless `edit_finished`."""
    _refuse_if_finished(workout, edit_finished)
    if len(items) > MAX_SETS_PER_REQUEST:
        raise ApplicationError(f"At most {MAX_SETS_PER_REQUEST} sets in one request.", fields={"sets": ["Too many."]})
    errors = Errors()
    entries = {row.pk: row for row in workout.exercises.select_related("exercise").order_by("position")}
    by_exercise: dict[Any, WorkoutExercise] = {}
    for row in entries.values():
        by_exercise.setdefault(row.exercise_id, row)
    exercises = visible_exercises(user=workout.user, ids=[i.get("exercise") for i in items if i.get("exercise")])
    next_position = max((row.position for row in entries.values()), default=-1) + 1
    new_entries: list[WorkoutExercise] = []
    resolved: list[tuple[WorkoutExercise, dict[str, Any]]] = []
    for index, item in enumerate(items):
        prefix = f"sets.{index}"
        row = None
        if item.get("workout_exercise"):
            try:
                row = entries.get(as_uuid(item["workout_exercise"]))
            except Http404:
                row = None
            if row is None:
                errors.add(f"{prefix}.workout_exercise", "Not an exercise of this workout.")
                continue
        elif item.get("exercise"):
            exercise = exercise_or_error(exercises, item["exercise"], f"{prefix}.exercise", errors)
            if exercise is None:
                continue
            row = by_exercise.get(exercise.pk)
            if row is None:
                row = WorkoutExercise(workout=workout, exercise=exercise, position=next_position)
                next_position += 1
                by_exercise[exercise.pk] = row
                new_entries.append(row)
        else:
            errors.add(f"{prefix}.workout_exercise", "Name the workout exercise (or the exercise) of this set.")
            continue
        resolved.append((row, with_estimate(clean_set(item, exercise=row.exercise, prefix=prefix, errors=errors))))
    errors.raise_if_any()
    WorkoutExercise.objects.bulk_create(new_entries)
    positions = _next_positions([row.pk for row in entries.values()])
    created = []
    for row, values in resolved:
        position = positions.get(row.pk, 0)
        positions[row.pk] = position + 1
        created.append(WorkoutSet(workout_exercise=row, position=position, **values))
    WorkoutSet.objects.bulk_create(created)
    workout.new_records = records_refresh(
        user=workout.user, exercise_ids={row.exercise_id for row, _ in resolved}, since=workout.started_at
    )
    return created


@transaction.atomic
def set_update(*, workout_set: WorkoutSet, data: dict[str, Any]) -> WorkoutSet:
    """Change a set (send only what changes). The records of its exercise are re-evaluated."""
    workout_exercise = workout_set.workout_exercise
    merged = {name: getattr(workout_set, name) for name in SET_FIELDS}
    merged.update({name: value for name, value in data.items() if name in SET_FIELDS})
    errors = Errors()
    cleaned = with_estimate(clean_set(merged, exercise=workout_exercise.exercise, prefix="", errors=errors))
    errors.raise_if_any()
    changed = [name for name, value in cleaned.items() if getattr(workout_set, name) != value]
    for name in changed:
        setattr(workout_set, name, cleaned[name])
    if changed:
        workout_set.save(update_fields=[*changed, "updated_at"])
    workout = workout_exercise.workout
    workout_set.new_records = records_refresh(
        user=workout.user, exercise_ids={workout_exercise.exercise_id}, since=workout.started_at
    )
    return workout_set


@transaction.atomic
def set_delete(*, workout_set: WorkoutSet) -> None:
    workout_exercise = workout_set.workout_exercise
    workout = workout_exercise.workout
    workout_set.delete()
    records_refresh(user=workout.user, exercise_ids={workout_exercise.exercise_id}, since=workout.started_at)
