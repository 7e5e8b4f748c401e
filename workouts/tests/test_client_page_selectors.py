"""The loader of the workouts sections of a trainer's page of a client (workouts.selectors.client_page)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ClientFactory
from workouts.models import PlanStatus
from workouts.selectors.client_page import RECENT_WORKOUTS, client_training
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

pytestmark = pytest.mark.django_db


def test_each_client_gets_their_own_latest_workouts_plan_and_today():
    first, second, idle = ClientFactory(), ClientFactory(), ClientFactory()
    now = timezone.now()
    for n in range(RECENT_WORKOUTS + 2):
        WorkoutFactory(user=first, name=f"First {n}", started_at=now - timedelta(days=n + 1))
    WorkoutFactory(user=second, name="Second 0", started_at=now - timedelta(days=30))
    plan = PlanFactory(client=second, status=PlanStatus.ACTIVE)
    day = PlanDayFactory(plan=plan, name="Push")
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day=day))
    PlanFactory(client=first, status=PlanStatus.DRAFT)  # not active: not shown

    data = client_training([first, second, idle])

    assert [w.name for w in data[first.pk].workouts] == [f"First {n}" for n in range(RECENT_WORKOUTS)]
    assert [w.name for w in data[second.pk].workouts] == ["Second 0"]
    assert data[first.pk].plan is None and data[idle.pk].plan is None
    assert data[second.pk].plan == plan and data[second.pk].today == day
    assert len(data[second.pk].today_items) == 1 and len(data[second.pk].today_items[0].targets) == 1
    assert data[idle.pk].workouts == [] and data[idle.pk].records == []


def test_totals_leave_out_warm_ups():
    client = ClientFactory()
    entry = WorkoutExerciseFactory(workout=WorkoutFactory(user=client))
    WorkoutSetFactory(workout_exercise=entry, set_type="warmup", reps=10, weight_kg=20)
    WorkoutSetFactory(workout_exercise=entry, reps=5, weight_kg=100)
    (workout,) = client_training([client])[client.pk].workouts
    assert workout.working_sets == 1 and workout.volume_kg == 500


def test_once_todays_workout_is_done_the_trainer_sees_it_done_and_the_next_day(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, status=PlanStatus.ACTIVE)
    push = PlanDayFactory(plan=plan, name="Push A", position=0)
    pull = PlanDayFactory(plan=plan, name="Pull B", position=1)
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day=pull))
    done = WorkoutFactory(user=their_client, plan_day=push, started_at=earlier_today(their_client))
    WorkoutSetFactory.create_batch(3, workout_exercise=WorkoutExerciseFactory(workout=done))

    training = client_training([their_client])[their_client.pk]
    assert (training.today, training.done, training.next_day) == (push, done, pull)
    assert [len(item.targets) for item in training.today_items] == [1]  # the next day's exercises

    html = login(trainer).get(reverse("accounts:client_detail", args=[their_client.pk])).content.decode()
    assert "Done today: Push A" in html and "3 working sets" in html and "Next: Pull B" in html
    assert "Today: Push A" not in html and reverse("workouts:workout_detail", args=[done.pk]) in html
