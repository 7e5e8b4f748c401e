"""Pulling workouts from the fake Hevy through the events feed: backfill, updates and deletes, idempotency,
a sync killed midway, a key revoked, rate limits and server errors, unmapped templates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from integrations.hevy.client import HevyClient
from integrations.models import ConnectionStatus, HevyExerciseMapping, SyncStatus
from integrations.tests.helpers import connect, counts, sync
from workouts.models import Exercise, PersonalRecord, Workout, WorkoutExercise, WorkoutSet

EVENTS = "/v1/workouts/events"


@pytest.fixture
def connection(fake_hevy, their_client):
    return connect(their_client, fake_hevy)


def synced(user):
    return Workout.objects.filter(user=user, source="hevy")


def test_backfill_brings_in_every_workout_with_its_sets(fake_hevy, connection):
    fake_hevy.add_workouts(23, exercises=2, sets=3)
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED
    assert counts(run) == (23, 0, 0) and run.pages == 3  # 10 events a page
    assert run.started_at and run.finished_at and run.error == ""
    assert fake_hevy.requests("GET", EVENTS)[0].query["since"].startswith("1970-01-01")
    assert synced(connection.user).count() == 23
    assert WorkoutSet.objects.filter(workout_exercise__workout__user=connection.user).count() == 23 * 2 * 3
    first = synced(connection.user).order_by("started_at").first()
    hevy = fake_hevy.workouts[first.hevy_id]
    assert first.name == hevy["title"]
    assert abs(first.started_at - hevy["start_time"]) < timedelta(seconds=1)  # Hevy answers whole seconds or ms
    bench = WorkoutSet.objects.filter(workout_exercise__workout=first).order_by(
        "workout_exercise__position", "position"
    )[0]
    assert bench.estimated_1rm_kg is not None
    assert PersonalRecord.objects.filter(user=connection.user).exists()
    assert connection.last_synced_at is not None
    assert connection.events_cursor < connection.last_synced_at - timedelta(minutes=4)


def test_second_sync_in_a_row_changes_nothing(fake_hevy, connection):
    fake_hevy.add_workouts(12, exercises=2, sets=2)
    sync(connection)
    before = {w.hevy_id: (w.pk, w.updated_at) for w in synced(connection.user)}
    set_ids = set(WorkoutSet.objects.values_list("pk", flat=True))
    records = set(PersonalRecord.objects.values_list("pk", flat=True))
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED and counts(run) == (0, 0, 0)
    # the overlap re-read the events: nothing was rewritten
    assert fake_hevy.requests("GET", EVENTS)[-1].query["since"] != "1970-01-01T00:00:00Z"
    assert {w.hevy_id: (w.pk, w.updated_at) for w in synced(connection.user)} == before
    assert set(WorkoutSet.objects.values_list("pk", flat=True)) == set_ids
    assert set(PersonalRecord.objects.values_list("pk", flat=True)) == records


def test_incremental_sync_applies_updates_and_deletes(fake_hevy, connection):
    fake_hevy.add_workouts(5, exercises=1, sets=3)
    sync(connection)
    ids = sorted(fake_hevy.workouts)
    fake_hevy.update_workout(
        ids[0],
        title="Heavier",
        exercises=[{"exercise_template_id": "D04AC939", "sets": [{"type": "normal", "weight_kg": 140, "reps": 3}]}],
    )
    fake_hevy.delete_workout(ids[1])
    added = fake_hevy.add_workout(title="Brand new")
    run = sync(connection)
    assert counts(run) == (1, 1, 1)
    changed = Workout.objects.get(user=connection.user, hevy_id=ids[0])
    assert changed.name == "Heavier"
    entries = list(WorkoutExercise.objects.filter(workout=changed).select_related("exercise"))
    assert [e.exercise.name for e in entries] == ["Squat (Barbell)"]
    sets = list(WorkoutSet.objects.filter(workout_exercise__workout=changed))
    assert [(s.weight_kg, s.reps) for s in sets] == [(Decimal("140.00"), 3)]
    assert not Workout.objects.filter(hevy_id=ids[1]).exists()
    assert Workout.objects.filter(user=connection.user, hevy_id=added["id"], name="Brand new").exists()
    assert synced(connection.user).count() == 5
    assert counts(sync(connection)) == (0, 0, 0)


def test_full_sync_reads_from_the_beginning_and_duplicates_nothing(fake_hevy, connection):
    fake_hevy.add_workouts(4)
    sync(connection)
    run = sync(connection, full=True)
    assert fake_hevy.requests("GET", EVENTS)[-1].query["since"].startswith("1970-01-01")
    assert counts(run) == (0, 0, 0) and synced(connection.user).count() == 4


def test_a_workout_created_and_deleted_between_syncs_never_appears(fake_hevy, connection):
    workout = fake_hevy.add_workout()
    fake_hevy.update_workout(workout["id"], title="Edited")
    fake_hevy.delete_workout(workout["id"])
    run = sync(connection)
    assert counts(run) == (0, 0, 0)
    assert not synced(connection.user).exists()


def test_workouts_of_two_users_with_the_same_hevy_ids_stay_apart(fake_hevy, connection, other_client):
    fake_hevy.add_workouts(3)
    other = connect(other_client, fake_hevy)
    sync(connection)
    sync(other)
    assert synced(connection.user).count() == 3 and synced(other_client).count() == 3


class FailingAfterTwoPages(HevyClient):
    """Hevy starts failing (500, beyond the retries) when page 3 of the events feed is asked for."""

    fake = None

    def iter_event_pages(self, since):
        for number, page in enumerate(super().iter_event_pages(since), start=1):
            yield page
            if number == 2:
                self.fake.fail_next(500, times=self.max_retries + 1, path=EVENTS)


def test_a_sync_killed_midway_resumes_without_loss_or_duplicates(fake_hevy, connection):
    fake_hevy.add_workouts(35, exercises=1, sets=2)
    FailingAfterTwoPages.fake = fake_hevy
    with FailingAfterTwoPages(fake_hevy.api_key) as client:
        failed = sync(connection, client=client, expect_failure=True)
    assert failed.status == SyncStatus.FAILED
    assert "500" in failed.error
    assert failed.pages == 2 and counts(failed) == (20, 0, 0)  # pages 1-2 stay applied
    assert synced(connection.user).count() == 20
    assert connection.events_cursor is None  # not advanced
    assert connection.status == ConnectionStatus.VALID
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED and counts(run) == (15, 0, 0)
    assert synced(connection.user).count() == 35
    assert synced(connection.user).values("hevy_id").distinct().count() == 35


def test_a_revoked_key_marks_the_connection_invalid_and_fails_the_run(fake_hevy, connection):
    fake_hevy.add_workouts(2)
    fake_hevy.fail_next(401, path=EVENTS)
    run = sync(connection, expect_failure=True)
    assert run.status == SyncStatus.FAILED
    assert "rejected" in run.error and "401" in run.error
    assert connection.status == ConnectionStatus.INVALID
    assert "401" in connection.status_message
    assert len(fake_hevy.requests("GET", EVENTS)) == 1  # a 401 is never retried
    assert not synced(connection.user).exists()


@pytest.mark.parametrize(("retry_after", "expected"), [(3, [3.0]), (None, [1.0])])
def test_rate_limits_are_retried_by_the_client(fake_hevy, connection, retry_after, expected):
    fake_hevy.add_workouts(2)
    fake_hevy.fail_next(429, retry_after=retry_after, path=EVENTS)
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED and counts(run) == (2, 0, 0)
    assert fake_hevy.sleeps == expected  # Retry-After honoured, else exponential backoff from 1 s
    assert [r.status for r in fake_hevy.requests("GET", EVENTS)] == [429, 200]


def test_server_errors_are_retried_then_recorded(fake_hevy, connection):
    fake_hevy.add_workouts(2)
    fake_hevy.fail_next(500, times=2, path=EVENTS)
    run = sync(connection)
    assert run.status == SyncStatus.SUCCEEDED and counts(run) == (2, 0, 0)
    assert fake_hevy.sleeps == [1.0, 2.0]
    fake_hevy.add_workout()
    fake_hevy.fail_next(502, times=10, path=EVENTS)
    failed = sync(connection, expect_failure=True)
    assert failed.status == SyncStatus.FAILED and "502" in failed.error
    assert connection.status == ConnectionStatus.VALID  # only a 401 invalidates the key


def test_unmapped_templates_become_custom_exercises_and_no_set_is_dropped(fake_hevy, connection):
    sled = fake_hevy.add_template(
        title="Sled Push Deluxe",
        type="weight_duration",
        primary_muscle_group="quadriceps",
        secondary_muscle_groups=["glutes", "calves"],
        equipment_category="other",
    )
    fake_hevy.add_workout(
        exercises=[
            {"exercise_template_id": sled["id"], "sets": [{"type": "normal", "weight_kg": 80, "duration_seconds": 30}]},
            {
                "exercise_template_id": "79D0BB3A",
                "superset_id": 0,
                "sets": [
                    {"type": "warmup", "weight_kg": 60, "reps": 8},
                    {"type": "normal", "weight_kg": 100, "reps": 5},
                ],
            },
        ]
    )
    fake_hevy.add_workout(
        exercises=[
            {"exercise_template_id": sled["id"], "sets": [{"type": "normal", "weight_kg": 90, "duration_seconds": 20}]}
        ]
    )
    run = sync(connection)
    assert counts(run) == (2, 0, 0)
    custom = Exercise.objects.get(owner=connection.user, name="Sled Push Deluxe")
    assert (custom.exercise_type, custom.equipment, custom.primary_muscle) == ("weight_duration", "other", "quadriceps")
    assert custom.secondary_muscles == ["glutes", "calves"]
    assert WorkoutSet.objects.filter(workout_exercise__workout__user=connection.user).count() == 4
    assert WorkoutSet.objects.filter(workout_exercise__exercise=custom).count() == 2
    # the template was asked for once, and the answer stored: the user's own mapping, the built-in shared
    assert len(fake_hevy.requests("GET", f"/v1/exercise_templates/{sled['id']}")) == 1
    assert HevyExerciseMapping.objects.get(template_id=sled["id"]).user == connection.user
    assert HevyExerciseMapping.objects.get(template_id="79D0BB3A").user is None
    bench = WorkoutExercise.objects.get(workout__user=connection.user, exercise__name="Bench Press (Barbell)")
    assert bench.superset_group == 0
    sync(connection, full=True)
    assert Exercise.objects.filter(owner=connection.user).count() == 1
    assert len(fake_hevy.requests("GET", "/v1/exercise_templates/*")) == 2


def test_progress_is_pushed_after_every_page(fake_hevy, connection, monkeypatch, django_capture_on_commit_callbacks):
    pushed = []
    monkeypatch.setattr(
        "notifications.realtime.push_to_user",
        lambda user, kind, data: pushed.append((kind, data)) if kind == "hevy.sync_progress" else None,
    )
    fake_hevy.add_workouts(15)
    with django_capture_on_commit_callbacks(execute=True):
        run = sync(connection)
    statuses = [data["status"] for _kind, data in pushed]
    assert statuses == ["running", "running", "running", "succeeded"]
    assert [data["pages"] for _kind, data in pushed] == [0, 1, 2, 2]
    assert pushed[-1][1] == {
        "run_id": str(run.pk),
        "status": "succeeded",
        "pages": 2,
        "created": 15,
        "updated": 0,
        "deleted": 0,
        "error": "",
        "finished": True,
    }


def test_times_in_every_format_hevy_uses_are_read(fake_hevy, connection):
    start = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    for n in range(3):  # the fake rotates Z, +00:00 and milliseconds
        fake_hevy.add_workout(start_time=start + timedelta(days=n))
    sync(connection)
    assert sorted(w.started_at for w in synced(connection.user)) == [start + timedelta(days=n) for n in range(3)]
    assert {fake_hevy.rendered_workout(w)["start_time"][-6:] for w in fake_hevy.workouts} >= {"+00:00"}


def test_a_workout_sent_from_fitnesspr_does_not_come_back_as_a_duplicate(fake_hevy, connection):
    from workouts.services.workouts import workout_create

    started = datetime.now(UTC).replace(microsecond=123456) - timedelta(hours=3)
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
    workout = workout_create(
        user=connection.user,
        data={
            "name": "Logged here",
            "started_at": started,
            "ended_at": started + timedelta(hours=1),
            "exercises": [{"exercise": bench.pk, "sets": [{"set_type": "normal", "weight_kg": "100", "reps": 5}]}],
        },
    )
    # as the push does: Hevy's id is stored at once
    sent = fake_hevy.add_workout(
        title="Logged here",
        start_time=started.replace(microsecond=0),
        exercises=[{"exercise_template_id": "79D0BB3A", "sets": [{"type": "normal", "weight_kg": 100, "reps": 5}]}],
    )
    Workout.objects.filter(pk=workout.pk).update(hevy_id=sent["id"])
    run = sync(connection)
    assert counts(run) == (0, 0, 0)
    assert Workout.objects.filter(user=connection.user).count() == 1
    assert Workout.objects.get(pk=workout.pk).source == "fitnesspr"
