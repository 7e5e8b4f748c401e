"""Background work of the integrations app: Hevy syncs.

- `hevy_sync(connection_id, trigger, full, run_id=None)`: one sync, recorded on a HevySyncRun. One sync at a
  time per user: the database allows one queued or running run per connection, so a second one returns
  quietly. Hevy being unavailable (429/5xx/network after the client's own retries) is retried here with
  backoff, on the same run; the final status and a readable error are on the run.
- `hevy_sync_all_due()`: scheduled (integrations/schedule.py); queues a sync of every valid connection,
  spread over the interval so they do not all hit Hevy at once. Invalid connections (401) are skipped.
"""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from integrations.hevy.connection import sync_run_create
from integrations.hevy.errors import HevyAuthError
from integrations.hevy.sync import SyncFailed, sync_fail, sync_run
from integrations.models import ConnectionStatus, HevyConnection, HevySyncRun, SyncStatus, SyncTrigger
from integrations.tasks_push import hevy_push_workout  # noqa: F401  (registers the push task with the worker)

logger = logging.getLogger(__name__)

SYNC_TIME_LIMIT = 20 * 60
SYNC_SOFT_TIME_LIMIT = 18 * 60
MAX_RETRIES = 3
RETRY_BACKOFF = 60  # seconds, doubled each retry


def stagger_seconds(connection_id: object, interval_seconds: int) -> int:
    """A stable offset in [0, interval) for a connection, so scheduled syncs spread evenly over the interval."""
    digest = hashlib.sha256(str(connection_id).encode()).digest()
    return int.from_bytes(digest[:8], "big") % max(1, interval_seconds)


@shared_task(bind=True, max_retries=MAX_RETRIES, time_limit=SYNC_TIME_LIMIT, soft_time_limit=SYNC_SOFT_TIME_LIMIT)
def hevy_sync(self, connection_id: str, trigger: str = SyncTrigger.SCHEDULE, full: bool = False, run_id=None):
    """Sync one connection. Returns the run's status (or "skipped")."""
    connection = HevyConnection.objects.select_related("user").filter(pk=connection_id).first()
    if connection is None:
        return "skipped"
    run = None
    if run_id:
        run = HevySyncRun.objects.filter(pk=run_id, connection=connection).first()
        if run is None or run.status not in (SyncStatus.QUEUED, SyncStatus.RUNNING):
            return "skipped"
    if connection.status != ConnectionStatus.VALID:
        if run is not None:
            sync_fail(run=run, error="Hevy rejected the stored key: paste a new key before syncing.")
        return "skipped"
    if run is None:
        run = sync_run_create(connection=connection, trigger=trigger, full=full)
        if run is None:
            return "skipped"  # one sync at a time per user: one is queued or running
    run.connection = connection
    try:
        sync_run(connection=connection, run=run, full=full)
    except SyncFailed as failure:
        cause = failure.__cause__
        if isinstance(cause, HevyAuthError) or self.request.retries >= MAX_RETRIES or self.request.is_eager:
            return run.status
        # Hevy is unavailable: the same run waits and tries again later (pages already applied stay applied).
        HevySyncRun.objects.filter(pk=run.pk).update(
            status=SyncStatus.QUEUED, finished_at=None, error=f"{run.error} Trying again shortly."
        )
        raise self.retry(
            args=(str(connection.pk), trigger, full),
            kwargs={"run_id": str(run.pk)},
            countdown=RETRY_BACKOFF * 2**self.request.retries,
        ) from None
    except SoftTimeLimitExceeded:
        sync_fail(run=run, error="The sync took too long and was stopped. The next sync resumes where it left off.")
        return SyncStatus.FAILED
    except Exception:
        logger.exception("hevy sync %s crashed", run.pk)
        sync_fail(run=run, error="The sync failed unexpectedly. The next sync resumes where it left off.")
        raise
    return run.status


@shared_task(time_limit=120, soft_time_limit=100)
def hevy_sync_all_due() -> int:
    """Queue a sync of every valid connection, staggered over the sync interval. Returns how many."""
    interval = settings.HEVY_SYNC_INTERVAL_MINUTES * 60
    count = 0
    for connection_id in HevyConnection.objects.filter(status=ConnectionStatus.VALID).values_list("pk", flat=True):
        hevy_sync.apply_async(
            args=(str(connection_id), SyncTrigger.SCHEDULE, False), countdown=stagger_seconds(connection_id, interval)
        )
        count += 1
    return count
