"""`manage.py hevy_sync --user EMAIL [--full]`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from integrations.models import HevySyncRun, SyncStatus
from integrations.tests.helpers import connect


def run_command(*args):
    out = StringIO()
    call_command("hevy_sync", *args, stdout=out)
    return out.getvalue()


def test_command_syncs_and_prints_the_counts(fake_hevy, their_client):
    connect(their_client, fake_hevy)
    fake_hevy.add_workouts(12)
    assert run_command("--user", "CLIENT@example.com") == (
        "Synced client@example.com: 12 created, 0 updated, 0 deleted (2 pages).\n"
    )
    assert HevySyncRun.objects.get().trigger == "command"
    fake_hevy.delete_workout(next(iter(fake_hevy.workouts)))
    assert "0 created, 0 updated, 1 deleted" in run_command("--user", "client@example.com")
    out = run_command("--user", "client@example.com", "--full")
    assert "0 created, 0 updated, 0 deleted" in out
    assert fake_hevy.requests("GET", "/v1/workouts/events")[-1].query["since"].startswith("1970-01-01")


def test_command_errors_are_readable(fake_hevy, their_client, trainer):
    with pytest.raises(CommandError, match="No user"):
        run_command("--user", "nobody@example.com")
    with pytest.raises(CommandError, match="has not connected Hevy"):
        run_command("--user", trainer.email)
    connection = connect(their_client, fake_hevy)
    HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING)
    with pytest.raises(CommandError, match="already queued or running"):
        run_command("--user", their_client.email)
    HevySyncRun.objects.update(status=SyncStatus.SUCCEEDED)
    fake_hevy.fail_next(401)
    with pytest.raises(CommandError, match="rejected"):
        run_command("--user", their_client.email)
    with pytest.raises(CommandError, match="must paste a new key"):
        run_command("--user", their_client.email)
