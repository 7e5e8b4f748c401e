"""Imports of workouts logged elsewhere (the Hevy sync), by their external id (`Workout.hevy_id`).

The one write path for imported workouts: the integration turns the other app's data into plain dicts and
hands them here. `workouts_import` creates the workouts it does not have yet, replaces the exercises and sets of
the ones whose content changed and leaves the others alone, so importing the same items again changes nothing
more. It never deletes a workout it was not given: `workouts_import_delete` removes workouts by external id. A
created workout is a finished workout like any other: `WorkoutFinished` is published for it (with its source,
so the integration it came from does not send it back), and every set gets its estimated 1RM here.

Personal records are refreshed once per batch, never per workout. A call on its own is its own batch; a caller
importing page after page passes one `ImportBatch` to every call and ends it once (`with ImportBatch(user=...)`):
`records_refresh` walks every later workout and a backfill arrives newest first, so a refresh per page would
make it quadratic. Each call runs in its caller's transaction when there is one (no savepoint: one page of a
sync is applied, or rolled back, whole).

Queries are bounded whatever the number of sets: the stored workouts of the items (with their exercises and
sets), the delete of the changed workouts' old exercises and one update, one insert per table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from types import TracebackType
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from fitnesspr.access import as_uuid
from fitnesspr.errors import ApplicationError
from fitnesspr.events import publish
from workouts.events import WorkoutFinished
from workouts.models import Exercise, PersonalRecord, SetType, Workout, WorkoutExercise, WorkoutSet, WorkoutSource
from workouts.services.records import records_refresh
from workouts.services.workout_validation import SET_FIELDS, WORKOUT_FIELDS, visible_exercises, with_estimate
from workouts.services.workouts import workout_delete

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ImportBatch:
    """Imports of one user that share one personal records refresh: the exercises they touched and the earliest
    start among them, refreshed by `refresh()`, or on leaving `with ImportBatch(user=...) as batch:` (also after
    an error: what was imported keeps correct records)."""

    def __init__(self, *, user: User) -> None:
        self.user = user
        self.exercise_ids: set = set()
        self.since: datetime | None = None

    def __enter__(self) -> ImportBatch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.refresh()

    def add(self, started_at: datetime, exercise_ids: Iterable) -> None:
        self.exercise_ids.update(exercise_ids)
        self.since = started_at if self.since is None else min(self.since, started_at)

    def refresh(self) -> list[PersonalRecord]:
        """Refresh the records the batch's imports changed (one `records_refresh`); answers the new records."""
        fresh = []
        if self.exercise_ids and self.since is not None:
            fresh = records_refresh(user=self.user, exercise_ids=self.exercise_ids, since=self.since)
        self.exercise_ids, self.since = set(), None
        return fresh


@dataclass
class ImportResult:
    created: list[Workout] = field(default_factory=list)
    updated: list[Workout] = field(default_factory=list)
    unchanged: int = 0


def _batch_for(user: User, batch: ImportBatch | None) -> ImportBatch:
    if batch is not None and batch.user.pk != user.pk:
        raise ValueError("An import batch belongs to one user.")
    return batch or ImportBatch(user=user)


# --- What an import compares -------------------------------------------------------------------------------


def _number_key(value: Any) -> Any:
    return None if value is None else Decimal(value).normalize()


def _fingerprint(values: dict[str, Any], rows: list[dict[str, Any]]) -> tuple:
    """What an import can change of a workout; equal fingerprints mean there is nothing to write."""
    # times to the second: other apps answer whole seconds or milliseconds, a workout logged here has microseconds
    head = tuple(
        value.replace(microsecond=0) if isinstance(value, datetime) else value
        for value in (values[name] for name in WORKOUT_FIELDS)
    )
    body = tuple(
        (
            str(row["exercise_id"]),
            row["superset_group"],
            row["notes"],
            tuple(tuple(s[n] if n == "set_type" else _number_key(s[n]) for n in SET_FIELDS) for s in row["sets"]),
        )
        for row in rows
    )
    return head, body


def _workout_values(item: dict[str, Any]) -> dict[str, Any]:
    started_at, ended_at = item["started_at"], item.get("ended_at")
    return {
        "name": (item.get("name") or "").strip()[:120] or "Imported workout",
        "notes": (item.get("notes") or "")[:4000],
        "started_at": started_at,
        "ended_at": None if ended_at is None else max(ended_at, started_at),
    }


def _mine(user: User, exercise: Any) -> bool:
    return isinstance(exercise, Exercise) and exercise.owner_id in (None, user.pk)


def _exercise_rows(user: User, items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each item's exercises as rows to insert, each exercise checked: built-in ones and the user's own, given as
    Exercise objects (what an import maps to), need no query; ids and other exercises are checked in one."""
    others = [
        getattr(entry["exercise"], "pk", entry["exercise"])
        for item in items
        for entry in item.get("exercises") or []
        if not _mine(user, entry["exercise"])
    ]
    visible = visible_exercises(user=user, ids=others) if others else {}
    all_rows = []
    for number, item in enumerate(items):
        rows = []
        for position, entry in enumerate(item.get("exercises") or []):
            exercise = entry["exercise"]
            if not _mine(user, exercise):
                exercise = _visible(visible, getattr(exercise, "pk", exercise))
            if exercise is None:
                raise ApplicationError(
                    "An imported workout names an exercise that is not in the user's library.",
                    fields={f"items.{number}.exercises.{position}.exercise": ["Not found."]},
                )
            sets = [{name: values.get(name) for name in SET_FIELDS} for values in entry.get("sets") or []]
            for values in sets:
                values["set_type"] = values["set_type"] or SetType.NORMAL
            rows.append(
                {
                    "exercise_id": exercise.pk,
                    "superset_group": entry.get("superset_group"),
                    "notes": (entry.get("notes") or "")[:2000],
                    "sets": sets,
                }
            )
        all_rows.append(rows)
    return all_rows


def _visible(visible: dict[Any, Exercise], value: Any) -> Exercise | None:
    try:
        return visible.get(as_uuid(value))
    except Http404:
        return None


@dataclass
class _Stored:
    """A workout already imported, as plain rows: enough to tell whether an item changes it."""

    pk: Any
    started_at: datetime
    fingerprint: tuple
    exercise_ids: list


def _stored(user: User, hevy_ids: Iterable[str]) -> dict[str, _Stored]:
    """The user's workouts with these external ids, fingerprinted from plain rows (no model instances): three
    queries."""
    workouts = list(
        Workout.objects.filter(user=user, hevy_id__in=list(hevy_ids)).values_list("pk", "hevy_id", *WORKOUT_FIELDS)
    )
    if not workouts:
        return {}
    rows_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    entries: dict[Any, dict[str, Any]] = {}
    for pk, workout_id, exercise_id, superset_group, notes in (
        WorkoutExercise.objects.filter(workout_id__in=[row[0] for row in workouts])
        .order_by("workout_id", "position", "created_at")
        .values_list("pk", "workout_id", "exercise_id", "superset_group", "notes")
    ):
        entries[pk] = {"exercise_id": exercise_id, "superset_group": superset_group, "notes": notes, "sets": []}
        rows_of[workout_id].append(entries[pk])
    for entry_id, *values in (
        WorkoutSet.objects.filter(workout_exercise_id__in=list(entries))
        .order_by("workout_exercise_id", "position", "created_at")
        .values_list("workout_exercise_id", *SET_FIELDS)
    ):
        entries[entry_id]["sets"].append(dict(zip(SET_FIELDS, values, strict=True)))
    stored = {}
    for pk, hevy_id, *values in workouts:
        head = dict(zip(WORKOUT_FIELDS, values, strict=True))
        rows = rows_of.get(pk, [])
        stored[hevy_id] = _Stored(
            pk, head["started_at"], _fingerprint(head, rows), [row["exercise_id"] for row in rows]
        )
    return stored


# --- The services ------------------------------------------------------------------------------------------


def workouts_import(
    *,
    user: User,
    items: list[dict[str, Any]],
    source: str = WorkoutSource.HEVY,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Create or update `user`'s workouts from another app, by external id (see the module docstring).

    `items`: [{hevy_id, name, notes, started_at, ended_at, exercises: [{exercise (an Exercise or its id),
    superset_group, notes, sets: [{set_type, reps, weight_kg, distance_m, duration_seconds, rpe}]}]}], with
    values already cleaned (an import clamps what it reads, it does not refuse a set); when an external id comes
    twice, the last item wins. An exercise the user may not use is refused (ApplicationError) before anything is
    written. The records are refreshed at the end, or by `batch` when one is given.
    """
    batch_given = batch is not None
    batch = _batch_for(user, batch)
    result = ImportResult()
    unique = list({item["hevy_id"]: item for item in items}.values())
    # checked before the transaction: a refusal leaves the caller's transaction usable
    all_rows = _exercise_rows(user, unique)
    # in the caller's transaction when there is one (no savepoint: a sync page is applied or rolled back whole)
    with transaction.atomic(savepoint=False):
        if unique:
            _import(user=user, items=unique, all_rows=all_rows, source=source, batch=batch, result=result)
        if not batch_given:
            batch.refresh()
    return result


def _import(
    *,
    user: User,
    items: list[dict[str, Any]],
    all_rows: list[list[dict[str, Any]]],
    source: str,
    batch: ImportBatch,
    result: ImportResult,
) -> None:
    stored = _stored(user, (item["hevy_id"] for item in items))
    changed: dict[Any, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    content: list[tuple[Workout, list[dict[str, Any]]]] = []
    for item, rows in zip(items, all_rows, strict=True):
        values = _workout_values(item)
        before = stored.get(item["hevy_id"])
        if before is None:
            workout = Workout(user=user, hevy_id=item["hevy_id"], source=source, **values)
            result.created.append(workout)
            batch.add(workout.started_at, [row["exercise_id"] for row in rows])
            content.append((workout, rows))
        elif before.fingerprint == _fingerprint(values, rows):
            result.unchanged += 1
        else:
            batch.add(before.started_at, before.exercise_ids)
            batch.add(values["started_at"], [row["exercise_id"] for row in rows])
            changed[before.pk] = (values, rows)
    # only the workouts that change are loaded as objects
    for workout in Workout.objects.filter(pk__in=list(changed)) if changed else ():
        values, rows = changed[workout.pk]
        for name, value in values.items():
            setattr(workout, name, value)
        result.updated.append(workout)
        content.append((workout, rows))

    # a changed workout's content is replaced: its old exercises (and so their sets and set records) go
    if result.updated:
        WorkoutExercise.objects.filter(workout__in=result.updated).delete()
        now = timezone.now()
        for workout in result.updated:
            workout.updated_at = now
        Workout.objects.bulk_update(result.updated, [*WORKOUT_FIELDS, "updated_at"])
    Workout.objects.bulk_create(result.created)
    entries: list[tuple[WorkoutExercise, list[dict[str, Any]]]] = []
    for workout, rows in content:
        for position, row in enumerate(rows):
            entry = WorkoutExercise(
                workout=workout,
                position=position,
                exercise_id=row["exercise_id"],
                superset_group=row["superset_group"],
                notes=row["notes"],
            )
            entries.append((entry, row["sets"]))
    WorkoutExercise.objects.bulk_create([entry for entry, _sets in entries])
    WorkoutSet.objects.bulk_create(
        WorkoutSet(workout_exercise=entry, position=number, **with_estimate(dict(values)))
        for entry, sets in entries
        for number, values in enumerate(sets)
    )
    for workout in result.created:
        if workout.ended_at is not None:
            publish(
                WorkoutFinished(
                    workout_id=workout.pk, user_id=workout.user_id, source=workout.source, workout_name=workout.name
                )
            )


@transaction.atomic(savepoint=False)
def workouts_import_delete(*, user: User, hevy_ids: Iterable[str], batch: ImportBatch | None = None) -> int:
    """Delete `user`'s workouts with these external ids (deleted where they were imported from); answers how many
    went. The records they held are refreshed at the end, or by `batch` when one is given."""
    batch_given = batch is not None
    batch = _batch_for(user, batch)
    hevy_ids = list(hevy_ids)
    deleted = 0
    if hevy_ids:
        gone = Workout.objects.filter(user=user, hevy_id__in=hevy_ids)
        for started_at, exercise_id in WorkoutExercise.objects.filter(workout__in=gone).values_list(
            "workout__started_at", "exercise_id"
        ):
            batch.add(started_at, [exercise_id])
        _total, by_model = gone.delete()
        deleted = by_model.get(Workout._meta.label, 0)
    if not batch_given:
        batch.refresh()
    return deleted


def records_refresh_all(*, user: User) -> list[PersonalRecord]:
    """Refresh every personal record of `user` once: after an import batch that never reached its refresh (a
    worker killed midway)."""
    batch = ImportBatch(user=user)
    batch.add(EPOCH, WorkoutExercise.objects.filter(workout__user=user).values_list("exercise_id", flat=True))
    return batch.refresh()


@transaction.atomic
def workout_set_external_id(*, workout: Workout, hevy_id: str) -> None:
    """Store the id another app gave a workout sent there (Hevy), the moment it answers. If an import got there
    first and made a copy of the workout under that id, the copy is removed: the workout keeps its sets,
    comments and records."""
    try:
        with transaction.atomic():
            Workout.objects.filter(pk=workout.pk).update(hevy_id=hevy_id, updated_at=timezone.now())
    except IntegrityError:
        copies = Workout.objects.filter(user=workout.user, hevy_id=hevy_id, source=WorkoutSource.HEVY)
        for copy in copies.exclude(pk=workout.pk):
            workout_delete(workout=copy)
        Workout.objects.filter(pk=workout.pk).update(hevy_id=hevy_id, updated_at=timezone.now())
    workout.hevy_id = hevy_id
