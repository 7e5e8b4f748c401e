from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from workouts.models import PersonalRecord, RecordKind, Workout, WorkoutExercise, WorkoutSet
from workouts.tests.factories import (
    ExerciseFactory,
    PlanExerciseFactory,
    PlanSetFactory,
    WorkoutCommentFactory,
    WorkoutSetFactory,
)
from workouts.tests.test_records_services import log

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


# --- Logged rows are read-only; deleting a workout goes through the service ---------------------------


@pytest.fixture
def admin_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def two_workouts(their_client):
    exercise = ExerciseFactory()
    older = log(their_client, exercise, [(5, "100")], days_ago=2)
    newer = log(their_client, exercise, [(5, "120")], days_ago=1)
    return older, newer


def _best_heaviest() -> PersonalRecord:
    return PersonalRecord.objects.filter(kind=RecordKind.HEAVIEST_WEIGHT).order_by("-value").first()


@pytest.mark.parametrize("model", [Workout, WorkoutExercise, WorkoutSet, PersonalRecord])
def test_logged_rows_can_be_read_but_not_added_or_changed(admin_client, two_workouts, model):
    obj = model.objects.first()
    name = f"admin:workouts_{model._meta.model_name}"

    page = admin_client.get(reverse(f"{name}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # a view page, no save button
    assert admin_client.get(reverse(f"{name}_add")).status_code == 403
    assert admin_client.post(reverse(f"{name}_change", args=[obj.pk]), {}).status_code == 403
    assert admin_client.get(reverse(f"{name}_changelist")).status_code == 200


def test_sets_and_records_cannot_be_deleted_in_the_admin(admin_client, two_workouts):
    workout_set = WorkoutSet.objects.first()
    record = PersonalRecord.objects.first()

    assert admin_client.post(reverse("admin:workouts_workoutset_delete", args=[workout_set.pk])).status_code == 403
    assert admin_client.post(reverse("admin:workouts_personalrecord_delete", args=[record.pk])).status_code == 403
    assert WorkoutSet.objects.filter(pk=workout_set.pk).exists()


def test_deleting_a_workout_in_the_admin_re_evaluates_the_records_it_held(admin_client, their_client):
    exercise = ExerciseFactory()
    heavy = log(their_client, exercise, [(5, "120")], days_ago=2)
    lighter = log(their_client, exercise, [(5, "100")], days_ago=1)
    assert _best_heaviest().workout_id == heavy.pk  # 100 kg later was no record: 120 stood
    assert not PersonalRecord.objects.filter(workout=lighter, kind=RecordKind.HEAVIEST_WEIGHT).exists()

    response = admin_client.post(reverse("admin:workouts_workout_delete", args=[heavy.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Workout.objects.filter(pk=heavy.pk).exists()
    # With 120 kg gone, 100 kg is the record (a plain cascade delete would leave no record at all).
    assert _best_heaviest().workout_id == lighter.pk and _best_heaviest().value == Decimal("100")


def test_the_bulk_delete_action_goes_through_the_service_too(admin_client, their_client):
    exercise = ExerciseFactory()
    heavy = log(their_client, exercise, [(5, "120")], days_ago=2)
    lighter = log(their_client, exercise, [(5, "100")], days_ago=1)

    response = admin_client.post(
        reverse("admin:workouts_workout_changelist"),
        {"action": "delete_selected", "_selected_action": [str(heavy.pk)], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Workout.objects.filter(pk=heavy.pk).exists()
    assert _best_heaviest().workout_id == lighter.pk
