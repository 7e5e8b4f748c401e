from __future__ import annotations

import pytest
from django.urls import reverse

from workouts.tests.factories import (
    ExerciseFactory,
    PlanExerciseFactory,
    PlanSetFactory,
    WorkoutCommentFactory,
    WorkoutSetFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "exercise",
    "plan",
    "planday",
    "planexercise",
    "workout",
    "workoutexercise",
    "workoutset",
    "workoutcomment",
    "personalrecord",
]


@pytest.fixture
def data(their_client, trainer):
    ExerciseFactory(owner=their_client, name="Custom Curl")
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day__plan__client=their_client, day__plan__author=trainer))
    workout_set = WorkoutSetFactory(workout_exercise__workout__user=their_client)
    WorkoutCommentFactory(workout=workout_set.workout_exercise.workout, author=trainer)
    return workout_set


@pytest.mark.parametrize("model", MODELS)
def test_staff_can_list_and_search_every_workouts_model(login, staff_user, data, model):
    client = login(staff_user)
    url = reverse(f"admin:workouts_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "curl"}).status_code == 200


def test_staff_can_open_a_workout_and_a_plan(login, staff_user, data, their_client):
    client = login(staff_user)
    workout = data.workout_exercise.workout
    assert client.get(reverse("admin:workouts_workout_change", args=[workout.pk])).status_code == 200
    plan = their_client.plans.get()
    assert client.get(reverse("admin:workouts_plan_change", args=[plan.pk])).status_code == 200


def test_exercise_filter_tells_built_ins_from_custom(login, staff_user, data):
    client = login(staff_user)
    response = client.get(reverse("admin:workouts_exercise_changelist"), {"kind": "custom"})
    assert "Custom Curl" in response.content.decode()
    response = client.get(reverse("admin:workouts_exercise_changelist"), {"kind": "builtin", "q": "Custom"})
    assert "Custom Curl" not in response.content.decode()
