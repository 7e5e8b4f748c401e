"""API: /api/v1/exercises/ — reading the library, custom exercises, who may change them."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from accounts.tests.factories import ClientFactory
from fitnesspr.tests.api import assert_error
from workouts.models import Exercise
from workouts.tests.factories import ExerciseFactory, PlanExerciseFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:exercise-list")


def detail(exercise):
    return reverse("api:exercise-detail", args=[exercise.pk])


def body(**overrides):
    data = {
        "name": "Zottman Curl (Dumbbell)",
        "primary_muscle": "biceps",
        "secondary_muscles": ["forearms"],
        "equipment": "dumbbell",
        "exercise_type": "weight_reps",
        "mechanic": "isolation",
        "instructions": "Palms up on the way up, palms down on the way down.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def client_exercise(their_client):
    return ExerciseFactory(owner=their_client, name="Client Special")


# --- Reading -----------------------------------------------------------------------------------------


def test_anonymous_gets_401(api, client_exercise):
    assert_error(api().get(LIST), 401)
    assert_error(api().post(LIST, body()), 401)
    assert_error(api().get(detail(client_exercise)), 401)
    assert_error(api().patch(detail(client_exercise), {"name": "Anon"}), 401)
    assert_error(api().delete(detail(client_exercise)), 401)
    assert Exercise.objects.filter(pk=client_exercise.pk, name="Client Special").exists()


def test_list_is_paginated_and_sorted_by_name(api, trainer):
    data = api(trainer).get(LIST).json()
    assert data["count"] == Exercise.objects.filter(owner__isnull=True).count()
    assert len(data["results"]) == 20
    names = [row["name"] for row in data["results"]]
    assert names == sorted(names)
    row = data["results"][0]
    assert set(row) >= {"id", "name", "primary_muscle", "secondary_muscles", "equipment", "exercise_type", "mechanic"}
    assert row["is_custom"] is False and row["owner"] is None and row["is_own"] is False


def test_search_and_filters(api, trainer):
    response = api(trainer).get(LIST, {"search": "bench barbell", "muscle": "triceps", "equipment": "barbell"})
    names = [row["name"] for row in response.json()["results"]]
    assert "Bench Press (Barbell)" in names and "Close Grip Bench Press (Barbell)" in names
    response = api(trainer).get(LIST, {"exercise_type": "short_distance_weight", "page_size": 100})
    assert {row["exercise_type"] for row in response.json()["results"]} == {"short_distance_weight"}


def test_custom_filter_and_ordering(api, trainer, client_exercise):
    ExerciseFactory(owner=trainer, name="Trainer Special")
    response = api(trainer).get(LIST, {"custom": "true", "ordering": "-name"})
    assert [row["name"] for row in response.json()["results"]] == ["Trainer Special", "Client Special"]
    rows = response.json()["results"]
    assert rows[0]["is_own"] is True and rows[1]["is_own"] is False
    assert rows[1]["owner_name"] == "Cody Client"
    response = api(trainer).get(LIST, {"custom": "false", "page_size": 100})
    assert all(not row["is_custom"] for row in response.json()["results"])


@pytest.mark.parametrize(
    "params",
    [{"muscle": "back"}, {"equipment": "cable"}, {"exercise_type": "reps"}, {"custom": "maybe"}, {"ordering": "owner"}],
)
def test_bad_filters_answer_400(api, trainer, params):
    response = api(trainer).get(LIST, params)
    if "ordering" in params:
        # an unknown ordering field is ignored by DRF's OrderingFilter: the default order stays
        assert response.status_code == 200
    else:
        assert_error(response, 400, "invalid")


@pytest.mark.parametrize(
    ("who", "status"),
    [("their_client", 200), ("trainer", 200), ("other_trainer", 404), ("other_client", 404)],
)
def test_retrieve_a_custom_exercise(request, api, client_exercise, who, status):
    response = api(request.getfixturevalue(who)).get(detail(client_exercise))
    if status == 200:
        assert response.json()["name"] == "Client Special"
        assert response.json()["required_measures"] == ["weight_kg", "reps"]
    else:
        assert_error(response, 404, "not_found")


def test_retrieve_a_bad_or_unknown_id_is_404(api, trainer):
    assert_error(api(trainer).get(reverse("api:exercise-list") + "nope/"), 404)
    assert_error(api(trainer).get(reverse("api:exercise-detail", args=[uuid.uuid4()])), 404)


@pytest.mark.parametrize("count", [5, 60])
def test_list_query_count_does_not_grow(api, trainer, their_client, count, django_assert_num_queries):
    for n in range(count):
        ExerciseFactory(owner=their_client if n % 2 else trainer)
    trainer_api = api(trainer)
    # 1. COUNT(*) for the paginator
    # 2. the page of exercises with their owners joined (clients of the trainer as a subquery)
    with django_assert_num_queries(2):
        response = trainer_api.get(LIST, {"page_size": 100, "custom": "true"})
    assert response.json()["count"] == count


# --- Writing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "their_client"])
def test_trainers_and_clients_add_custom_exercises(request, api, who):
    user = request.getfixturevalue(who)
    response = api(user).post(LIST, body())
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["is_custom"] and data["is_own"] and data["owner"] == str(user.pk)
    assert Exercise.objects.get(pk=data["id"]).owner == user


def test_a_trainers_exercise_is_visible_to_their_client_only(api, trainer, their_client, other_client):
    exercise_id = api(trainer).post(LIST, body()).json()["id"]
    assert api(their_client).get(reverse("api:exercise-detail", args=[exercise_id])).status_code == 200
    assert_error(api(other_client).get(reverse("api:exercise-detail", args=[exercise_id])), 404)


def test_create_defaults_type_and_mechanic(api, trainer):
    data = api(trainer).post(LIST, {"name": "Neck Harness", "primary_muscle": "neck", "equipment": "other"}).json()
    assert (data["exercise_type"], data["mechanic"], data["secondary_muscles"]) == ("weight_reps", "compound", [])


def test_create_with_bad_values_names_the_fields(api, trainer):
    response = api(trainer).post(LIST, body(primary_muscle="back", secondary_muscles=["wings"], equipment="cable"))
    error = assert_error(response, 400, "invalid")
    assert {"primary_muscle", "secondary_muscles.0", "equipment"} <= set(error["fields"])


def test_create_a_duplicate_of_a_builtin_is_409(api, trainer):
    error = assert_error(api(trainer).post(LIST, body(name="BENCH PRESS (BARBELL)", equipment="barbell")), 409)
    assert error["code"] == "exercise_exists" and "name" in error["fields"]


def test_the_owner_updates_their_exercise(api, their_client, client_exercise):
    response = api(their_client).patch(detail(client_exercise), {"name": "Renamed", "secondary_muscles": ["calves"]})
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Renamed" and response.json()["secondary_muscles"] == ["calves"]
    response = api(their_client).put(detail(client_exercise), body(name="Replaced"))
    assert response.status_code == 200 and response.json()["mechanic"] == "isolation"


def test_put_needs_every_required_field(api, their_client, client_exercise):
    error = assert_error(api(their_client).put(detail(client_exercise), {"name": "Only a name"}), 400)
    assert "primary_muscle" in error["fields"]


@pytest.mark.parametrize(("who", "status"), [("trainer", 403), ("other_trainer", 404), ("other_client", 404)])
def test_only_the_owner_writes(request, api, client_exercise, who, status):
    user_api = api(request.getfixturevalue(who))
    assert_error(user_api.patch(detail(client_exercise), {"name": "Hijacked"}), status)
    assert_error(user_api.delete(detail(client_exercise)), status)
    # A body that would not validate changes nothing: who may write is answered first.
    assert_error(user_api.put(detail(client_exercise), {"name": ""}), status)
    client_exercise.refresh_from_db()
    assert client_exercise.name == "Client Special"


def test_builtins_are_read_only(api, trainer):
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner__isnull=True)
    assert_error(api(trainer).patch(detail(bench), {"name": "Mine"}), 403, "permission_denied")
    assert_error(api(trainer).delete(detail(bench)), 403, "permission_denied")
    assert_error(api(trainer).put(detail(bench), {}), 403, "permission_denied")
    assert Exercise.objects.filter(pk=bench.pk, name="Bench Press (Barbell)").exists()


def test_the_owner_deletes_an_unused_exercise(api, their_client, client_exercise):
    assert api(their_client).delete(detail(client_exercise)).status_code == 204
    assert not Exercise.objects.filter(pk=client_exercise.pk).exists()


def test_deleting_an_exercise_in_use_is_409(api, their_client, client_exercise):
    PlanExerciseFactory(exercise=client_exercise)
    assert_error(api(their_client).delete(detail(client_exercise)), 409, "exercise_in_use")
    assert Exercise.objects.filter(pk=client_exercise.pk).exists()


def test_a_client_without_a_trainer_keeps_their_exercises_private(api, trainer):
    loner = ClientFactory()
    exercise_id = api(loner).post(LIST, body()).json()["id"]
    assert_error(api(trainer).get(reverse("api:exercise-detail", args=[exercise_id])), 404)
