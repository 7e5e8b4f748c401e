"""A workout imported from Hevy is a finished workout like any other: its events reach the trainer live, and it is
never sent back to Hevy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fitnesspr import events
from integrations.tests.helpers import connect, sync
from workouts.events import WorkoutFinished
from workouts.models import PersonalRecord, Workout

pytestmark = pytest.mark.django_db


def test_an_imported_hevy_workout_reaches_the_trainers_live_events(
    fake_hevy, their_client, trainer, monkeypatch, django_capture_on_commit_callbacks
):
    connection = connect(their_client, fake_hevy)
    connection.push_workouts = True  # even so, what came from Hevy does not go back
    connection.save(update_fields=["push_workouts"])
    finished: list[WorkoutFinished] = []
    monkeypatch.setitem(events._subscribers, WorkoutFinished, [*events._subscribers[WorkoutFinished]])
    events.subscribe(WorkoutFinished, finished.append)  # next to the real subscribers, for this test only
    pushed = []
    monkeypatch.setattr(
        "notifications.realtime.push_to_user", lambda user, kind, data: pushed.append((user, kind, data))
    )
    # A first log beats no record (nothing is announced); the heavier session after it does.
    lighter = [{"exercise_template_id": "79D0BB3A", "sets": [{"type": "normal", "weight_kg": 90, "reps": 5}]}]
    fake_hevy.add_workout(title="Easy bench", start_time=datetime.now(UTC) - timedelta(days=3), exercises=lighter)
    fake_hevy.add_workout(title="Bench day", start_time=datetime.now(UTC) - timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        run = sync(connection)

    assert run.created_count == 2
    easy, workout = Workout.objects.filter(user=their_client).order_by("started_at")
    assert {(e.workout_id, e.user_id, e.source, e.workout_name) for e in finished} == {
        (easy.pk, their_client.pk, "hevy", "Easy bench"),
        (workout.pk, their_client.pk, "hevy", "Bench day"),
    }
    assert PersonalRecord.objects.filter(workout=workout).exists()  # the records are flagged
    to_trainer = [(kind, data) for user, kind, data in pushed if user == trainer.pk and kind != "hevy.sync_progress"]
    assert ("records.new", str(workout.pk)) in {(kind, data.get("workout_id")) for kind, data in to_trainer}
    (records,) = [data for kind, data in to_trainer if kind == "records.new"]
    assert records["message"] == "Cody Client set a new record."
    assert fake_hevy.requests("POST", "/v1/workouts") == [] and fake_hevy.requests("PUT", "/v1/workouts/*") == []
