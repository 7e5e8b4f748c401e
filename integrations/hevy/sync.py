"""Pulling workouts from Hevy through the events feed (shared/HEVY_API.md, "The events feed").

The loop: note the time before polling; read every page of events since the stored cursor (the epoch on the
first sync or a full one); apply each page in ONE transaction: the newest event per workout wins, its updated
workouts go to the workouts import (`workouts_import`: upserted by their Hevy id, exercises and sets replaced in
bulk, a new one published as a finished workout), its deleted ones to `workouts_import_delete`, the run's counts
move on and progress is pushed; after the last page the cursor becomes the noted time minus a small overlap. A
sync killed midway left whole pages behind and the old cursor: running again re-reads them, and since the import
leaves a workout whose content did not change alone, nothing is duplicated and a second run changes nothing.

This module only reads Hevy and turns its workouts into the import's plain dicts (values clamped, templates
mapped to exercises); every write of workouts is the workouts app's.

Personal records: the whole sync is one import batch (`ImportBatch`), refreshed once at its end (also when it
fails). Refreshing per page would re-walk every newer workout for each older page of a backfill (the feed is
newest first): quadratic. A sync killed outright (no chance to refresh) leaves its run "interrupted"; the next
sync then refreshes all the user's records once (`records_recover`).

Database work per page is bounded (a few queries for the stored workouts, one insert per table), never per
set. Hevy calls (events, unknown templates) are made outside the page's transaction.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from fitnesspr.events import publish
from integrations.events import HevySyncProgress
from integrations.hevy.errors import HevyAuthError, HevyError
from integrations.hevy.mapping import ExerciseMapper, template_key
from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from workouts.models import Exercise, SetType, WorkoutSource
from workouts.services.imports import ImportBatch, records_refresh_all, workouts_import, workouts_import_delete

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CURSOR_OVERLAP = timedelta(minutes=5)
INTERRUPTED_ERROR = "The sync was interrupted (the worker stopped). The next sync resumes where it left off."
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


SET_TYPES = frozenset(SetType.values)  # (`SetType.values` builds a new list at every use: once per set)


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
    """A WorkoutSet's values from a normalized Hevy set (the import adds its estimated 1RM). Never refuses a set:
    a value out of range is clamped or left out, an unknown type is `normal`."""
    set_type = hevy_set.get("type")
    values: dict[str, Any] = {"set_type": set_type if set_type in SET_TYPES else SetType.NORMAL}
    for ours, (theirs, places, maximum) in MEASURES.items():
        values[ours] = _measure(hevy_set.get(theirs), places, maximum)
    values["rpe"] = _rpe(hevy_set.get("rpe"))
    return values


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


def planned_exercises(workout: dict, exercises: dict[str, Exercise]) -> list[dict[str, Any]]:
    """The workout's exercises as the import takes them: exercise, superset group, notes and cleaned sets."""
    rows = []
    for item in sorted(workout.get("exercises") or [], key=lambda e: e.get("index") or 0):
        rows.append(
            {
                "exercise": exercises[template_key(item)],
                "superset_group": _superset(item.get("superset_id")),
                "notes": (item.get("notes") or "")[:2000],
                "sets": [set_values(s) for s in sorted(item.get("sets") or [], key=lambda s: s.get("index") or 0)],
            }
        )
    return rows


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
    records_refresh_all(user=connection.user)
    return True


@transaction.atomic
def page_apply(
    *, connection: HevyConnection, run: HevySyncRun, events: dict[str, dict], exercises: dict, batch: ImportBatch
) -> None:
    """Apply the chosen events of one page (see `newest_events`) through the workouts import, its records due in
    `batch`; move the run's counts on."""
    user = connection.user
    items = [
        {"hevy_id": hevy_id, **workout_values(e["workout"]), "exercises": planned_exercises(e["workout"], exercises)}
        for hevy_id, e in events.items()
        if e["type"] == "updated"
    ]
    deleted = [hevy_id for hevy_id, e in events.items() if e["type"] == "deleted"]
    result = workouts_import(user=user, items=items, source=WorkoutSource.HEVY, batch=batch)
    gone = workouts_import_delete(user=user, hevy_ids=deleted, batch=batch)

    run.pages += 1
    run.created_count += len(result.created)
    run.updated_count += len(result.updated)
    run.deleted_count += gone
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
    try:
        # one records refresh when the batch ends, also after a failure: the pages applied keep correct records
        with ImportBatch(user=connection.user) as batch:
            for page in client.iter_event_pages(since):
                chosen = newest_events(page, applied)
                exercises = mapper.resolve(e["workout"] for e in chosen.values() if e["type"] == "updated")
                page_apply(connection=connection, run=run, events=chosen, exercises=exercises, batch=batch)
                applied.update({wid: _event_time(event) for wid, event in chosen.items()})
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
