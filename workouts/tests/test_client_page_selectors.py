"""The loader of the workouts sections of a trainer's page of a client (workouts.selectors.client_page)."""

from __future__ import annotations

from datetime import timedelta

import pytest
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
