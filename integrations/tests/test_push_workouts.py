"""Sending finished FitnessPr workouts to Hevy (on_workout_finished -> hevy_push_workout -> workout_push) against
the fake Hevy server, and the round trip back through the events feed without a duplicate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from fitnesspr.celery import app
from integrations.hevy.push import workouts as push_workouts
from integrations.hevy.push.workouts import on_workout_finished, workout_push
from integrations.hevy.sync import sync_run
from integrations.models import ConnectionStatus, HevyConnection, HevyExerciseMapping, HevySyncRun
from integrations.tasks_push import hevy_push_workout
from workouts.models import Exercise, Workout, WorkoutSource
from workouts.services.workouts import workout_finish
from workouts.tests.factories import ExerciseFactory, WorkoutExerciseFactory, WorkoutFactory, WorkoutSetFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)


def connect(user, fake, **extra) -> HevyConnection:
    values = {"push_workouts": True, **extra}
    return HevyConnection.objects.create(user=user, api_key=fake.api_key, key_last4=fake.api_key[-4:], **values)


@pytest.fixture
def workout(their_client):
    """A finished FitnessPr workout: squat (a Hevy built-in) with an RPE Hevy does not allow, and a custom move."""
    workout = WorkoutFactory(
        user=their_client, name="Legs", notes="Felt good", started_at=START, ended_at=START + timedelta(minutes=70)
    )
    squat = WorkoutExerciseFactory(
        workout=workout, position=0, exercise=Exercise.objects.get(name="Squat (Barbell)", owner=None)
    )
    WorkoutSetFactory(workout_exercise=squat, position=0, set_type="warmup", reps=5, weight_kg=60, rpe=None)
    WorkoutSetFactory(workout_exercise=squat, position=1, reps=5, weight_kg=Decimal("102.5"), rpe=Decimal("6.5"))
    hops = WorkoutExerciseFactory(
        workout=workout,
        position=1,
        exercise=ExerciseFactory(name="Pogo Hops", owner=their_client, exercise_type="reps_only", equipment="none"),
        superset_group=2,
    )
    WorkoutSetFactory(workout_exercise=hops, position=0, reps=20, weight_kg=None)
    return workout


def sync(connection):
    run = HevySyncRun.objects.create(connection=connection)
    sync_run(connection=connection, run=run)
    run.refresh_from_db()
    return run


def test_finished_workout_is_sent_on_commit_and_its_hevy_id_stored(
    fake_hevy, their_client, workout, django_capture_on_commit_callbacks
):
    connect(their_client, fake_hevy)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        on_workout_finished(workout)
    assert len(callbacks) == 1

    workout.refresh_from_db()
    (sent,) = fake_hevy.workouts.values()
    assert workout.hevy_id == sent["id"]
    (post,) = fake_hevy.requests("POST", "/v1/workouts")
    body = post.body["workout"]
    assert "routine_id" not in body
    assert body["title"] == "Legs" and body["description"] == "Felt good" and body["is_private"] is False
    assert body["start_time"] == "2026-05-04T07:00:00Z" and body["end_time"] == "2026-05-04T08:10:00Z"
    squat, hops = body["exercises"]
    assert squat["exercise_template_id"] == "D04AC939"
    assert [(s["type"], s["reps"], s["weight_kg"], s["rpe"]) for s in squat["sets"]] == [
        ("warmup", 5, 60, None),
        ("normal", 5, 102.5, 7),  # 6.5 is not allowed by Hevy: rounded to 7
    ]
    # the custom exercise got a Hevy custom exercise first
    template_id = HevyExerciseMapping.objects.get(user=their_client, exercise__name="Pogo Hops").template_id
    assert hops["exercise_template_id"] == template_id and hops["superset_id"] == 2
    assert fake_hevy.templates[template_id]["type"] == "reps_only"


def test_round_trip_through_the_events_feed_makes_no_duplicate(fake_hevy, their_client, workout):
    connection = connect(their_client, fake_hevy)
    fake_hevy.add_workout(title="Logged in the Hevy app", start_time=START - timedelta(days=1))

    hevy_push_workout.delay(str(workout.pk))
    run = sync(connection)

    assert run.status == "succeeded"
    workout.refresh_from_db()
    assert Workout.objects.filter(user=their_client).count() == 2  # ours + the one logged in Hevy
    assert Workout.objects.filter(user=their_client, hevy_id=workout.hevy_id).get().pk == workout.pk
    assert workout.source == WorkoutSource.FITNESSPR
    assert workout.exercises.count() == 2 and sum(e.sets.count() for e in workout.exercises.all()) == 3
    # pushing again (e.g. after an edit) updates the same Hevy workout, and another sync still adds nothing
    hevy_push_workout.delay(str(workout.pk))
    assert len(fake_hevy.requests("POST", "/v1/workouts")) == 1
    assert len(fake_hevy.requests("PUT", f"/v1/workouts/{workout.hevy_id}")) == 1
    assert len(fake_hevy.workouts) == 2
    sync(connection)
    assert Workout.objects.filter(user=their_client).count() == 2


def test_an_imported_copy_made_before_the_id_was_stored_is_removed(fake_hevy, their_client, workout, monkeypatch):
    """A sync that ran between Hevy's answer and the store imported the workout as new: that copy goes."""
    connection = connect(their_client, fake_hevy)
    store = push_workouts.workout_set_external_id

    def sync_then_store(*, workout, hevy_id):
        sync(connection)  # the race: the events feed already has the pushed workout
        assert Workout.objects.filter(user=their_client, hevy_id=hevy_id, source=WorkoutSource.HEVY).exists()
        store(workout=workout, hevy_id=hevy_id)

    monkeypatch.setattr(push_workouts, "workout_set_external_id", sync_then_store)
    hevy_id = workout_push(workout=workout)

    assert Workout.objects.filter(user=their_client).count() == 1
    workout.refresh_from_db()
    assert workout.hevy_id == hevy_id and workout.source == WorkoutSource.FITNESSPR
    assert workout.exercises.count() == 2


def test_nothing_is_sent_when_push_is_off_unfinished_or_from_hevy(
    fake_hevy, their_client, workout, django_capture_on_commit_callbacks
):
    connection = connect(their_client, fake_hevy, push_workouts=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        on_workout_finished(workout)
    assert callbacks == []

    connection.push_workouts = True
    connection.save()
    from_hevy = WorkoutFactory(user=their_client, source=WorkoutSource.HEVY, hevy_id="abc")
    running = WorkoutFactory(user=their_client, ended_at=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        on_workout_finished(from_hevy)
        on_workout_finished(running)
    assert callbacks == []
    assert workout_push(workout=from_hevy) is None and workout_push(workout=running) is None

    connection.status = ConnectionStatus.INVALID
    connection.save()
    assert hevy_push_workout.delay(str(workout.pk)).get() is None
    assert fake_hevy.log == []


def test_finishing_through_the_service_sends_it_to_hevy_through_the_event(
    fake_hevy, their_client, django_capture_on_commit_callbacks
):
    """workout_finish publishes WorkoutFinished; the integration's subscriber queues the push. Nothing else calls
    the integration: the workouts domain does not know Hevy exists."""
    connect(their_client, fake_hevy)
    running = WorkoutFactory(user=their_client, started_at=START, ended_at=None)
    WorkoutSetFactory(
        workout_exercise=WorkoutExerciseFactory(
            workout=running, exercise=Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        workout_finish(workout=running, ended_at=START + timedelta(hours=1))
    running.refresh_from_db()
    assert running.hevy_id in fake_hevy.workouts


def test_rate_limits_and_server_errors_are_retried_by_the_task(fake_hevy, their_client, workout):
    connect(their_client, fake_hevy)
    # more 503s than the client's own retries: the task retries (with backoff on a worker; at once when eager)
    fake_hevy.fail_next(503, times=6, path="/v1/workouts", method="POST")
    app.conf.task_eager_propagates = False  # eager apply() then runs the retry instead of raising it (reset per test)

    hevy_id = hevy_push_workout.delay(str(workout.pk)).get()

    assert hevy_id and list(fake_hevy.workouts) == [hevy_id]
    assert [r.status for r in fake_hevy.requests("POST", "/v1/workouts")] == [503] * 6 + [200]
    workout.refresh_from_db()
    assert workout.hevy_id == hevy_id


def test_a_rejected_key_stops_the_task_and_marks_the_connection(fake_hevy, their_client, workout):
    connection = connect(their_client, fake_hevy)
    fake_hevy.fail_next(401)

    assert hevy_push_workout.delay(str(workout.pk)).get() is None

    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.INVALID
    workout.refresh_from_db()
    assert workout.hevy_id is None


def test_a_workout_gone_from_hevy_is_sent_again(fake_hevy, their_client, workout):
    connect(their_client, fake_hevy)
    first = workout_push(workout=workout)
    del fake_hevy.workouts[first]

    second = workout_push(workout=workout)

    assert second != first and list(fake_hevy.workouts) == [second]
    workout.refresh_from_db()
    assert workout.hevy_id == second


def test_the_task_is_registered_with_time_limits():
    assert hevy_push_workout.time_limit and hevy_push_workout.soft_time_limit
    assert hevy_push_workout.soft_time_limit < hevy_push_workout.time_limit
    assert hevy_push_workout.max_retries
