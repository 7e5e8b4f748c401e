"""Personal records of synced workouts: refreshed once per sync, also after a failure, and recovered after a
sync that was killed outright."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from integrations.hevy.connection import close_stale_runs
from integrations.hevy.sync import INTERRUPTED_ERROR
from integrations.models import HevySyncRun, SyncStatus
from integrations.tests.helpers import connect, sync
from integrations.tests.test_sync_feed import FailingAfterTwoPages
from workouts.models import PersonalRecord, WorkoutExercise
from workouts.services.records import records_refresh


def snapshot(user):
    return sorted(
        (r.exercise_id.hex, r.kind, str(r.value), str(r.weight_kg), r.workout.hevy_id)
        for r in PersonalRecord.objects.filter(user=user).select_related("workout")
    )


def recomputed(user):
    """The records as a refresh of everything from the beginning finds them."""
    ids = set(WorkoutExercise.objects.filter(workout__user=user).values_list("exercise_id", flat=True))
    records_refresh(user=user, exercise_ids=ids, since=timezone.now().replace(year=1970))
    return snapshot(user)


def test_records_after_a_backfill_are_those_of_a_full_refresh(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    fake_hevy.add_workouts(25, exercises=3, sets=4)
    sync(connection)
    found = snapshot(their_client)
    assert found and found == recomputed(their_client)


def test_an_update_that_lowers_a_record_moves_it_back(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    light = fake_hevy.add_workout(
        exercises=[{"exercise_template_id": "79D0BB3A", "sets": [{"type": "normal", "weight_kg": 80, "reps": 5}]}]
    )
    heavy = fake_hevy.add_workout(
        exercises=[{"exercise_template_id": "79D0BB3A", "sets": [{"type": "normal", "weight_kg": 120, "reps": 5}]}]
    )
    sync(connection)
    holder = PersonalRecord.objects.get(user=their_client, kind="heaviest", workout__hevy_id=heavy["id"])
    assert holder.value == 120
    fake_hevy.delete_workout(heavy["id"])
    sync(connection)
    assert PersonalRecord.objects.get(user=their_client, kind="heaviest").workout.hevy_id == light["id"]


def test_a_failed_sync_leaves_correct_records_for_the_pages_it_applied(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    fake_hevy.add_workouts(30, exercises=2, sets=3)
    FailingAfterTwoPages.fake = fake_hevy
    with FailingAfterTwoPages(fake_hevy.api_key) as client:
        sync(connection, client=client, expect_failure=True)
    found = snapshot(their_client)
    assert found and found == recomputed(their_client)


def test_the_sync_after_an_interrupted_one_refreshes_every_record(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    fake_hevy.add_workouts(12, exercises=2, sets=3)
    sync(connection)
    expected = snapshot(their_client)
    # a worker killed after applying pages, before the records refresh
    PersonalRecord.objects.all().delete()
    killed = HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING, pages=2)
    HevySyncRun.objects.filter(pk=killed.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    assert close_stale_runs(connection=connection) == 1
    killed.refresh_from_db()
    assert killed.error == INTERRUPTED_ERROR
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED and run.created_count == 0
    assert snapshot(their_client) == expected
