"""Pulling workouts from Hevy through the events feed (shared/HEVY_API.md, "The events feed").

The loop: note the time before polling; read every page of events since the stored cursor (the epoch on the
first sync or a full one); apply each page in ONE transaction: the newest event per workout wins, updated
workouts are upserted by their Hevy id (their exercises and sets replaced, in bulk), deleted ones removed,
the run's counts moved on and progress pushed; after the last page the cursor becomes the noted time minus
a small overlap. A sync killed midway left whole pages behind and the old cursor: running again re-reads
them, and since a workout whose content did not change is left alone, nothing is duplicated and a second run
in a row changes nothing.

Personal records: the touched exercises are collected over the pages and refreshed once at the end of the
sync (also when it fails). Refreshing per page would re-walk every newer workout for each older page of a
backfill (the feed is newest first): quadratic. A sync killed outright (no chance to refresh) leaves its run
"interrupted"; the next sync then refreshes all the user's records once (`records_recover`).

Database work per page is bounded (a few queries for the stored workouts, one insert per table), never per
set. Hevy calls (events, unknown templates) are made outside the page's transaction.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from fitnesspr.events import publish
from integrations.events import HevySyncProgress
from integrations.hevy.errors import HevyAuthError, HevyError
from integrations.hevy.mapping import ExerciseMapper, template_key
from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from workouts.models import SetType, Workout, WorkoutExercise, WorkoutSet, WorkoutSource
from workouts.services.records import records_refresh
from workouts.services.workout_validation import with_estimate

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CURSOR_OVERLAP = timedelta(minutes=5)
INTERRUPTED_ERROR = "The sync was interrupted (the worker stopped). The next sync resumes where it left off."
WORKOUT_SYNCED_FIELDS = ("name", "notes", "started_at", "ended_at")
MEASURES = {
    # ours: (Hevy's, decimal places, largest value)
    "weight_kg": ("weight_kg", 2, Decimal("9999.99")),
    "reps": ("reps", 0, Decimal(1000)),
    "distance_m": ("distance_meters", 1, Decimal("9999999.9")),
    "duration_seconds": ("duration_seconds", 0, Decimal(86400)),
}


class SyncFailed(Exception):
    """A sync ended in failure; the readable reason is on the run."""


def _publish_progress(run: HevySyncRun, user_id: Any) -> None:
    publish(HevySyncProgress(user_id=user_id, **_progress_fields(run)))


def _progress_fields(run: HevySyncRun) -> dict[str, Any]:
    return {
        "run_id": run.pk,
        "status": run.status,
        "pages": run.pages,
        "created": run.created_count,
        "updated": run.updated_count,
        "deleted": run.deleted_count,
        "error": run.error,
        "finished": run.status in (SyncStatus.SUCCEEDED, SyncStatus.FAILED),
    }


# --- Converting a Hevy workout -------------------------------------------------------------------


def _measure(value: Any, places: int, maximum: Decimal) -> Decimal | int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0:
        return None
    number = min(number, maximum).quantize(Decimal(1).scaleb(-places))
    return int(number) if places == 0 else number


def _rpe(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        rpe = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not rpe.is_finite() or not 6 <= rpe <= 10:
        return None
    return ((rpe * 2).to_integral_value() / 2).quantize(Decimal("0.1"))


def set_values(hevy_set: dict) -> dict[str, Any]:
    """A WorkoutSet's values from a normalized Hevy set, with its estimated 1RM. Never refuses a set: a value
    out of range is clamped or left out, an unknown type is `normal`."""
    set_type = hevy_set.get("type")
    values: dict[str, Any] = {"set_type": set_type if set_type in SetType.values else SetType.NORMAL}
    for ours, (theirs, places, maximum) in MEASURES.items():
        values[ours] = _measure(hevy_set.get(theirs), places, maximum)
    values["rpe"] = _rpe(hevy_set.get("rpe"))
    return with_estimate(values)


def workout_values(workout: dict) -> dict[str, Any]:
    started_at = workout.get("start_time") or workout.get("created_at") or timezone.now()
    ended_at = workout.get("end_time")
    if ended_at is not None and ended_at < started_at:
        ended_at = started_at
    return {
        "name": (workout.get("title") or "").strip()[:120] or "Hevy workout",
        "notes": (workout.get("description") or "")[:4000],
        "started_at": started_at,
        "ended_at": ended_at,
    }


def _superset(value: Any) -> int | None:
    return value if isinstance(value, int) and 0 <= value <= 32767 else None


def planned_exercises(workout: dict, exercises: dict[str, Any]) -> list[dict[str, Any]]:
    """The workout's exercises as rows to insert: exercise, superset group, notes and cleaned sets."""
    rows = []
    for item in sorted(workout.get("exercises") or [], key=lambda e: e.get("index") or 0):
        exercise = exercises[template_key(item)]
        rows.append(
            {
                "exercise_id": exercise.pk,
                "superset_group": _superset(item.get("superset_id")),
                "notes": (item.get("notes") or "")[:2000],
                "sets": [set_values(s) for s in sorted(item.get("sets") or [], key=lambda s: s.get("index") or 0)],
            }
        )
    return rows


SET_COMPARED = ("set_type", "reps", "weight_kg", "distance_m", "duration_seconds", "rpe")


def _number_key(value: Any) -> Any:
    return None if value is None else Decimal(value).normalize()


def fingerprint(values: dict[str, Any], rows: list[dict[str, Any]]) -> tuple:
    """What a sync can change of a workout; equal fingerprints mean there is nothing to write."""
    # times to the second: Hevy answers whole seconds or milliseconds, a workout logged here has microseconds
    head = tuple(
        value.replace(microsecond=0) if isinstance(value, datetime) else value
        for value in (values[name] for name in WORKOUT_SYNCED_FIELDS)
    )
    body = tuple(
        (
            str(row["exercise_id"]),
            row["superset_group"],
            row["notes"],
            tuple(tuple(s[n] if n == "set_type" else _number_key(s[n]) for n in SET_COMPARED) for s in row["sets"]),
        )
        for row in rows
    )
    return head, body


def stored_fingerprint(workout: Workout) -> tuple:
    values = {name: getattr(workout, name) for name in WORKOUT_SYNCED_FIELDS}
    rows = [
        {
            "exercise_id": entry.exercise_id,
            "superset_group": entry.superset_group,
            "notes": entry.notes,
            "sets": [{name: getattr(s, name) for name in SET_COMPARED} for s in entry.sets.all()],
        }
        for entry in workout.exercises.all()
    ]
    return fingerprint(values, rows)


# --- Applying one page ---------------------------------------------------------------------------


def _event_time(event: dict) -> datetime:
    """When the event happened, to the second: Hevy writes some times in whole seconds, others with
    milliseconds, so finer comparisons are unreliable. Ties go to the feed's order (newest first)."""
    if event["type"] == "deleted":
        when = event.get("deleted_at") or EPOCH
    else:
        workout = event["workout"]
        when = workout.get("updated_at") or workout.get("created_at") or EPOCH
    return when.replace(microsecond=0)


def newest_events(events: list[dict], applied: dict[str, datetime]) -> dict[str, dict]:
    """The newest event per workout id of the page, leaving out the ones not newer than an event already applied
    in this sync (the feed is newest first: on a tie, the event seen first wins)."""
    newest: dict[str, dict] = {}
    for event in events:
        if event is None:
            continue
        workout_id = event["id"] if event["type"] == "deleted" else event["workout"]["id"]
        when = _event_time(event)
        if workout_id in applied and applied[workout_id] >= when:
            continue
        if workout_id not in newest or _event_time(newest[workout_id]) < when:
            newest[workout_id] = event
    return newest


class RecordsDue:
    """The exercises whose personal records a sync must refresh, and from when: collected page by page and
    refreshed once (records_refresh walks every later workout, so once per page would make a backfill
    quadratic)."""

    def __init__(self) -> None:
        self.exercise_ids: set = set()
        self.since: datetime | None = None

    def add(self, started_at: datetime, exercise_ids: Any) -> None:
        self.exercise_ids.update(exercise_ids)
        self.since = started_at if self.since is None else min(self.since, started_at)

    @transaction.atomic
    def refresh(self, user: Any) -> None:
        if self.exercise_ids and self.since is not None:
            records_refresh(user=user, exercise_ids=self.exercise_ids, since=self.since)
        self.exercise_ids, self.since = set(), None


def records_recover(*, connection: HevyConnection, run: HevySyncRun) -> bool:
    """After a sync that was killed outright (its pages applied, its records refresh never reached), refresh
    every record of the user once. True when it did."""
    previous = (
        HevySyncRun.objects.filter(connection=connection, created_at__lt=run.created_at)
        .exclude(pk=run.pk)
        .order_by("-created_at")
        .first()
    )
    # A failure the sync saw itself refreshed the records of its pages; only an interrupted run did not.
    if previous is None or previous.pages == 0 or previous.error != INTERRUPTED_ERROR:
        return False
    due = RecordsDue()
    due.add(EPOCH, WorkoutExercise.objects.filter(workout__user=connection.user).values_list("exercise_id", flat=True))
    due.refresh(connection.user)
    return True


@transaction.atomic
def page_apply(
    *, connection: HevyConnection, run: HevySyncRun, events: dict[str, dict], exercises: dict, due: RecordsDue
) -> None:
    """Apply the chosen events of one page (see `newest_events`), note the records due, move the run's counts on."""
    user = connection.user
    updated = {wid: e["workout"] for wid, e in events.items() if e["type"] == "updated"}
    deleted = [wid for wid, e in events.items() if e["type"] == "deleted"]
    stored = {
        w.hevy_id: w
        for w in Workout.objects.filter(user=user, hevy_id__in=[*updated, *deleted]).prefetch_related(
            Prefetch(
                "exercises",
                queryset=WorkoutExercise.objects.order_by("position").prefetch_related(
                    Prefetch("sets", queryset=WorkoutSet.objects.order_by("position"))
                ),
            )
        )
    }
    touch = due.add

    new_workouts: list[Workout] = []
    changed_workouts: list[Workout] = []
    content: list[tuple[Workout, list[dict[str, Any]]]] = []
    for hevy_id, hevy_workout in updated.items():
        values = workout_values(hevy_workout)
        rows = planned_exercises(hevy_workout, exercises)
        workout = stored.get(hevy_id)
        if workout is None:
            workout = Workout(user=user, hevy_id=hevy_id, source=WorkoutSource.HEVY, **values)
            new_workouts.append(workout)
        else:
            if stored_fingerprint(workout) == fingerprint(values, rows):
                continue
            touch(workout.started_at, [entry.exercise_id for entry in workout.exercises.all()])
            for name, value in values.items():
                setattr(workout, name, value)
            changed_workouts.append(workout)
        touch(workout.started_at, [row["exercise_id"] for row in rows])
        content.append((workout, rows))

    gone = [stored[hevy_id] for hevy_id in deleted if hevy_id in stored]
    for workout in gone:
        touch(workout.started_at, [entry.exercise_id for entry in workout.exercises.all()])

    # replace the content of changed workouts: their old exercises (and so sets and set records) go
    if changed_workouts:
        WorkoutExercise.objects.filter(workout__in=changed_workouts).delete()
        now = timezone.now()
        for workout in changed_workouts:
            workout.updated_at = now
        Workout.objects.bulk_update(changed_workouts, [*WORKOUT_SYNCED_FIELDS, "updated_at"])
    if gone:
        Workout.objects.filter(pk__in=[w.pk for w in gone]).delete()
    Workout.objects.bulk_create(new_workouts)
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
        WorkoutSet(workout_exercise=entry, position=number, **values)
        for entry, sets in entries
        for number, values in enumerate(sets)
    )

    run.pages += 1
    run.created_count += len(new_workouts)
    run.updated_count += len(changed_workouts)
    run.deleted_count += len(gone)
    run.save(update_fields=["pages", "created_count", "updated_count", "deleted_count", "updated_at"])
    _publish_progress(run, user.pk)


# --- The whole sync ------------------------------------------------------------------------------


def _finish(run: HevySyncRun, status: str, error: str = "") -> None:
    run.status = status
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at", "updated_at"])
    _publish_progress(run, run.connection.user_id)


def error_text(error: HevyError) -> str:
    if isinstance(error, HevyAuthError):
        return "Hevy rejected the API key (401). Paste a new key on the Hevy settings page."
    status = f" ({error.status})" if error.status else ""
    return f"Hevy could not be reached{status}: {error.message}"


def sync_run(*, connection: HevyConnection, run: HevySyncRun, full: bool = False, client: Any = None) -> HevySyncRun:
    """Run one sync of `connection`, recording it on `run` (queued or running).

    Raises SyncFailed (after recording the failure on the run) when Hevy answers an error after the client's
    retries; a 401 also marks the connection invalid. The pages applied before a failure stay applied and the
    cursor stays where it was, so the next sync resumes without loss.
    """
    from integrations.hevy.connection import client_for

    own_client = client is None
    client = client or client_for(connection)
    try:
        return _sync(connection=connection, run=run, full=full, client=client)
    finally:
        if own_client:
            client.close()


def _sync(*, connection: HevyConnection, run: HevySyncRun, full: bool, client: Any) -> HevySyncRun:
    from integrations.hevy.connection import connection_mark_invalid

    since = EPOCH if full or connection.events_cursor is None else connection.events_cursor
    noted = timezone.now()
    run.status = SyncStatus.RUNNING
    run.started_at = run.started_at or noted
    run.error = ""
    run.finished_at = None
    run.save(update_fields=["status", "started_at", "error", "finished_at", "updated_at"])
    _publish_progress(run, connection.user_id)
    records_recover(connection=connection, run=run)
    mapper = ExerciseMapper(user=connection.user, client=client)
    applied: dict[str, datetime] = {}
    due = RecordsDue()
    try:
        try:
            for page in client.iter_event_pages(since):
                chosen = newest_events(page, applied)
                exercises = mapper.resolve(e["workout"] for e in chosen.values() if e["type"] == "updated")
                page_apply(connection=connection, run=run, events=chosen, exercises=exercises, due=due)
                applied.update({wid: _event_time(event) for wid, event in chosen.items()})
        finally:
            # also after a failure: the pages applied keep correct records
            due.refresh(connection.user)
    except HevyAuthError as error:
        connection_mark_invalid(connection=connection, message=error_text(error))
        _finish(run, SyncStatus.FAILED, error_text(error))
        raise SyncFailed(run.error) from error
    except HevyError as error:
        _finish(run, SyncStatus.FAILED, error_text(error))
        raise SyncFailed(run.error) from error
    connection.events_cursor = max(noted - CURSOR_OVERLAP, since)
    connection.last_synced_at = timezone.now()
    connection.save(update_fields=["events_cursor", "last_synced_at", "updated_at"])
    _finish(run, SyncStatus.SUCCEEDED)
    return run


def sync_fail(*, run: HevySyncRun, error: str) -> None:
    """Record a failure that happened outside Hevy's answers (a time limit, a crash)."""
    _finish(run, SyncStatus.FAILED, error)
