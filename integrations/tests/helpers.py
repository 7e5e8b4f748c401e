"""Small helpers shared by the connection and sync tests."""

from __future__ import annotations

from integrations.hevy.connection import hevy_connect, sync_run_create
from integrations.hevy.sync import SyncFailed, sync_run
from integrations.models import HevyConnection, HevySyncRun, SyncTrigger


def connect(user, fake) -> HevyConnection:
    """Connect `user` to the fake Hevy account (the key is checked against it, as in real use)."""
    return hevy_connect(user=user, api_key=fake.api_key)


def sync(connection: HevyConnection, *, full: bool = False, client=None, expect_failure: bool = False) -> HevySyncRun:
    """Run one sync in the foreground; the run, re-read."""
    run = sync_run_create(connection=connection, trigger=SyncTrigger.COMMAND, full=full)
    assert run is not None
    try:
        sync_run(connection=connection, run=run, full=full, client=client)
    except SyncFailed:
        assert expect_failure, "the sync failed: " + HevySyncRun.objects.get(pk=run.pk).error
    else:
        assert not expect_failure, "the sync did not fail"
    run.refresh_from_db()
    connection.refresh_from_db()
    return run


def counts(run: HevySyncRun) -> tuple[int, int, int]:
    return run.created_count, run.updated_count, run.deleted_count
