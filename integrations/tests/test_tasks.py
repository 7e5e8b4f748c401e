"""Celery tasks: one Hevy sync (ids in, rows re-read, one at a time per user, retries, final status) and the
scheduled sync of every valid connection (staggered, invalid keys skipped)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from integrations import tasks
from integrations.hevy.connection import connection_mark_invalid, sync_queue
from integrations.models import HevySyncRun, SyncStatus, SyncTrigger
from integrations.schedule import beat_schedule
from integrations.tests.helpers import connect
from workouts.models import Workout

EVENTS = "/v1/workouts/events"


@pytest.fixture
def connection(fake_hevy, their_client):
    return connect(their_client, fake_hevy)


def test_hevy_sync_runs_a_recorded_sync(fake_hevy, connection):
    fake_hevy.add_workouts(3)
    result = tasks.hevy_sync.delay(str(connection.pk), SyncTrigger.SCHEDULE, False).get()
    assert result == SyncStatus.SUCCEEDED
    run = HevySyncRun.objects.get()
    assert (run.trigger, run.status, run.created_count) == ("schedule", "succeeded", 3)
    assert Workout.objects.filter(user=connection.user).count() == 3


def test_hevy_sync_has_both_time_limits():
    assert tasks.hevy_sync.time_limit == tasks.SYNC_TIME_LIMIT
    assert tasks.hevy_sync.soft_time_limit == tasks.SYNC_SOFT_TIME_LIMIT < tasks.SYNC_TIME_LIMIT
    assert tasks.hevy_sync_all_due.soft_time_limit < tasks.hevy_sync_all_due.time_limit


def test_one_sync_at_a_time_per_user(fake_hevy, connection):
    fake_hevy.add_workouts(2)
    HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING, started_at=timezone.now())
    assert tasks.hevy_sync.delay(str(connection.pk), SyncTrigger.SCHEDULE, False).get() == "skipped"
    assert HevySyncRun.objects.count() == 1
    assert fake_hevy.requests("GET", EVENTS) == []


def test_a_run_left_open_by_a_dead_worker_does_not_block_forever(fake_hevy, connection):
    stale = HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING)
    HevySyncRun.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    assert tasks.hevy_sync.delay(str(connection.pk), SyncTrigger.SCHEDULE, False).get() == SyncStatus.SUCCEEDED
    stale.refresh_from_db()
    assert stale.status == SyncStatus.FAILED and "interrupted" in stale.error


def test_sync_now_runs_the_queued_run_once_committed(fake_hevy, connection, django_capture_on_commit_callbacks):
    fake_hevy.add_workouts(2)
    with django_capture_on_commit_callbacks(execute=True):
        run = sync_queue(connection=connection, trigger=SyncTrigger.MANUAL)
    run.refresh_from_db()
    assert (run.status, run.trigger, run.created_count) == ("succeeded", "manual", 2)
    assert HevySyncRun.objects.count() == 1
    # the same run id again (a duplicate delivery) does nothing
    assert tasks.hevy_sync.delay(str(connection.pk), "manual", False, run_id=str(run.pk)).get() == "skipped"


def test_missing_or_invalid_connections_are_skipped(fake_hevy, connection):
    assert tasks.hevy_sync.delay("0190b6d0-0000-7000-8000-000000000000", "schedule", False).get() == "skipped"
    connection_mark_invalid(connection=connection, message="rejected")
    assert tasks.hevy_sync.delay(str(connection.pk), "schedule", False).get() == "skipped"
    assert not HevySyncRun.objects.exists()


def test_a_401_records_the_failure_and_is_not_retried(fake_hevy, connection):
    fake_hevy.fail_next(401, path=EVENTS)
    assert tasks.hevy_sync.delay(str(connection.pk), "schedule", False).get() == SyncStatus.FAILED
    connection.refresh_from_db()
    assert connection.status == "invalid"
    assert "rejected" in HevySyncRun.objects.get().error


def test_hevy_unavailable_is_retried_later_on_the_same_run(fake_hevy, connection, monkeypatch):
    fake_hevy.fail_next(503, times=5, path=EVENTS)
    retried = {}

    class Retry(Exception):
        pass

    def fake_retry(**kwargs):
        retried.update(kwargs)
        return Retry()

    monkeypatch.setattr(tasks.hevy_sync, "retry", fake_retry)
    with pytest.raises(Retry):
        tasks.hevy_sync.run(str(connection.pk), "schedule", False)
    run = HevySyncRun.objects.get()
    assert run.status == SyncStatus.QUEUED and "Trying again" in run.error
    assert retried["kwargs"] == {"run_id": str(run.pk)} and retried["countdown"] == tasks.RETRY_BACKOFF
    # the retry finishes the same run
    assert tasks.hevy_sync.run(str(connection.pk), "schedule", False, run_id=str(run.pk)) == SyncStatus.SUCCEEDED
    assert HevySyncRun.objects.get().status == SyncStatus.SUCCEEDED


def test_sync_all_due_skips_invalid_connections_and_staggers(
    fake_hevy, connection, other_client, monkeypatch, settings
):
    other = connect(other_client, fake_hevy)
    connection_mark_invalid(connection=other, message="rejected")
    queued = []
    monkeypatch.setattr(tasks.hevy_sync, "apply_async", lambda args, countdown: queued.append((args, countdown)))
    assert tasks.hevy_sync_all_due() == 1
    ((args, countdown),) = queued
    assert args == (str(connection.pk), "schedule", False)
    assert 0 <= countdown < settings.HEVY_SYNC_INTERVAL_MINUTES * 60
    assert countdown == tasks.stagger_seconds(connection.pk, settings.HEVY_SYNC_INTERVAL_MINUTES * 60)


def test_stagger_spreads_connections_over_the_interval():
    offsets = {tasks.stagger_seconds(f"connection-{n}", 900) for n in range(200)}
    assert min(offsets) < 100 and max(offsets) > 800 and len(offsets) > 150


def test_beat_schedule_follows_the_interval_setting():
    entry = beat_schedule({"HEVY_SYNC_INTERVAL_MINUTES": 30})["hevy-sync-all-due"]
    assert entry["task"] == "integrations.tasks.hevy_sync_all_due"
    assert entry["schedule"].total_seconds() == 1800


def test_the_scheduled_sync_is_registered_with_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["hevy-sync-all-due"]
    assert entry["task"] == "integrations.tasks.hevy_sync_all_due"
    assert entry["schedule"].total_seconds() == settings.HEVY_SYNC_INTERVAL_MINUTES * 60
