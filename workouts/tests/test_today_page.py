"""Today (`/today/`): where a client lands. Today's workout from the active plan with "Start" one tap away (or the
workout in progress to continue), an empty workout, and the last workouts; the rest of the history is under
History. Always the signed-in person's own day: it takes no id."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from workouts.tests.factories import (
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
    earlier_today,
)
from workouts.units import format_duration

pytestmark = pytest.mark.django_db
URL = reverse("workouts:today")
# session, user, workout in progress, active plan, its days, the last workout from the plan (which day is next),
# the day's exercises, their sets, the recent workouts, the client's trainer (may they build a plan?)
EXPECTED_QUERIES = {False: 10, True: 10}


def plan_with_day(trainer, client, *, exercises: int = 1, sets: int = 1):
    plan = PlanFactory(client=client, author=trainer, name="Block 1", status="active")
    day = PlanDayFactory(plan=plan, name="Push A", position=0)
    for _ in range(exercises):
        item = PlanExerciseFactory(day=day)
        for _ in range(sets):
            PlanSetFactory(plan_exercise=item)
    return plan, day


def finished_earlier_today(user, day, *, sets: int = 2):
    """A workout of `day` started earlier today (in the user's time zone) and finished just now."""
    workout = WorkoutFactory(
        user=user, plan_day=day, name=day.name, started_at=earlier_today(user), ended_at=timezone.now()
    )
    entry = WorkoutExerciseFactory(workout=workout)
    WorkoutSetFactory(workout_exercise=entry, set_type="warmup")
    WorkoutSetFactory.create_batch(sets, workout_exercise=entry)
    return workout


def test_url():
    assert URL == "/today/"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.url


def test_todays_workout_with_start_first(login, trainer, their_client):
    _, day = plan_with_day(trainer, their_client)
    html = login(their_client).get(URL).content.decode()
    assert "<h1>Today</h1>" in html and "Push A" in html and "Block 1 · week 1 of 4" in html
    start = html.index(f'name="plan_day" value="{day.pk}"')
    assert html.index("Start Push A") > start
    assert html.index("Start Push A") < html.index('class="plan-targets"')  # the button before the targets
    assert f'action="{reverse("workouts:workout_start")}"' in html


def test_after_finishing_todays_workout_it_is_done_and_the_next_day_waits(login, trainer, their_client):
    plan, push = plan_with_day(trainer, their_client)
    pull = PlanDayFactory(plan=plan, name="Pull B", position=1)
    done = finished_earlier_today(their_client, push)
    html = login(their_client).get(URL).content.decode()
    assert "Done today: Push A" in html
    assert f"2 sets · {format_duration(done.duration_seconds)}" in html
    assert reverse("workouts:workout_detail", args=[done.pk]) in html
    # the next day is offered for later, not as today's workout
    assert "Next: <strong>Pull B</strong>" in html and "Start anyway" in html
    assert f'name="plan_day" value="{pull.pk}"' in html
    assert "Start Pull B" not in html and "Start Push A" not in html and 'class="plan-targets"' not in html


def test_a_workout_in_progress_is_continued_not_started_again(login, trainer, their_client):
    plan_with_day(trainer, their_client)
    running = WorkoutFactory(user=their_client, name="Morning lift", started_at=timezone.now(), ended_at=None)
    html = login(their_client).get(URL).content.decode()
    assert "Continue logging" in html and reverse("workouts:workout_logger", args=[running.pk]) in html
    assert "Start Push A" not in html and "Start an empty workout" not in html


def test_without_a_plan_an_empty_workout_can_be_started(login, their_client):
    html = login(their_client).get(URL).content.decode()
    assert "Your trainer has not given you a plan yet" in html and "Start an empty workout" in html


def test_last_workouts_are_the_users_own_and_link_to_history(login, their_client, other_client):
    WorkoutFactory(user=their_client, name="Legs yesterday", started_at=timezone.now() - timedelta(days=1))
    WorkoutFactory(user=other_client, name="Not mine")
    html = login(their_client).get(URL).content.decode()
    assert "Legs yesterday" in html and "Not mine" not in html
    assert f'href="{reverse("workouts:history")}"' in html


def test_another_clients_plan_never_shows(login, trainer, their_client, other_client, other_trainer):
    plan_with_day(other_trainer, other_client)
    html = login(their_client).get(URL).content.decode()
    assert "Push A" not in html


def test_a_trainer_sees_their_own_day(login, trainer, their_client):
    plan_with_day(trainer, their_client)
    response = login(trainer).get(URL)
    assert response.status_code == 200 and "Push A" not in response.content.decode()


@pytest.mark.parametrize("in_progress", [False, True])
def test_constant_queries(login, trainer, their_client, in_progress):
    """The same count (EXPECTED_QUERIES) for a small and a big plan with more past workouts."""
    client = login(their_client)
    counts = []
    for exercises, sets, past in ((1, 1, 1), (6, 4, 8)):
        PlanFactory._meta.model.objects.filter(client=their_client).delete()
        plan_with_day(trainer, their_client, exercises=exercises, sets=sets)
        for days in range(past):
            WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=days + 1))
        if in_progress:
            WorkoutFactory(user=their_client, started_at=timezone.now(), ended_at=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] == EXPECTED_QUERIES[in_progress], counts
