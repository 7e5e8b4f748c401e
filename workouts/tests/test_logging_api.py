"""The workouts API: nested create (bulk), list filters and query counts, sets, finish, comments, permissions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fitnesspr.tests.api import assert_error
from workouts.models import ExerciseType, PersonalRecord, Workout, WorkoutComment, WorkoutSet
from workouts.services import workouts as workout_services
from workouts.tests.factories import (
    ExerciseFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/workouts/"


def detail(workout):
    return f"{LIST}{workout.pk}/"


def payload(exercises, sets_each):
    started = timezone.now() - timedelta(hours=2)
    return {
        "name": "Push",
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(hours=1)).isoformat(),
        "exercises": [
            {
                "exercise": str(exercise.pk),
                "sets": [{"reps": 8, "weight_kg": "60", "rpe": "8"} for _ in range(sets_each)],
            }
            for exercise in exercises
        ],
    }


def logged(user, sets=2):
    workout = WorkoutFactory(user=user)
    row = WorkoutExerciseFactory(workout=workout)
    for position in range(sets):
        WorkoutSetFactory(workout_exercise=row, position=position)
    return workout


def trained_before(user, exercises, days_ago=3):
    """An earlier, lighter workout of these exercises: the records that stood before (only beating them flags)."""
    started = timezone.now() - timedelta(days=days_ago)
    data = {
        "started_at": started,
        "ended_at": started + timedelta(hours=1),
        "exercises": [{"exercise": e.pk, "sets": [{"reps": 3, "weight_kg": Decimal("40")}]} for e in exercises],
    }
    return workout_services.workout_create(user=user, data=data)


# --- Create ----------------------------------------------------------------------------------------


def test_create_a_whole_workout_with_records(api, their_client):
    exercises = ExerciseFactory.create_batch(2)
    trained_before(their_client, exercises)
    response = api(their_client).post(LIST, payload(exercises, 3), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [len(e["sets"]) for e in body["exercises"]] == [3, 3]
    assert body["duration_seconds"] == 3600 and body["user"] == str(their_client.pk)
    assert body["exercises"][0]["sets"][0]["estimated_1rm_kg"] == 76.0
    assert {r["kind"] for r in body["new_records"]} == {"e1rm", "heaviest", "most_reps", "volume"}


@pytest.mark.parametrize("sets_each", [1, 5])
def test_create_query_count_does_not_grow_with_sets(api, their_client, sets_each, django_assert_num_queries):
    exercises = ExerciseFactory.create_batch(5)
    client_api = api(their_client)
    data = payload(exercises, sets_each)  # 5 sets, then 25 sets
    # savepoint, 1 visible exercises, 2 workout, 3 exercises (bulk), 4 sets (bulk); records (in the same
    # savepoint): 5-7 bests before, 8 sets since ranked, 9 old records, 10 delete, 11 insert; release; the
    # answer: 12 the workout, 13 its exercises, 14 their sets. Who is told (trainers, Hevy) runs after the commit.
    with django_assert_num_queries(16):
        response = client_api.post(LIST, data, format="json")
    assert response.status_code == 201
    assert WorkoutSet.objects.count() == 5 * sets_each


def test_create_errors_name_the_nested_field(api, their_client):
    exercise = ExerciseFactory()
    data = payload([exercise], 3)
    data["exercises"][0]["sets"][2]["rpe"] = "7.3"
    error = assert_error(api(their_client).post(LIST, data, format="json"), 400, "invalid")
    assert error["fields"] == {"exercises.0.sets.2.rpe": ["RPE is 6 to 10, in steps of 0.5 (or leave it empty)."]}
    assert not Workout.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"set_type": "giant"}, "exercises.0.sets.1.set_type"),
        ({"reps": -3}, "exercises.0.sets.1.reps"),
        ({"weight_kg": None}, "exercises.0.sets.1.weight_kg"),
        ({"weight_kg": "1.234"}, "exercises.0.sets.1.weight_kg"),
    ],
)
def test_set_errors_in_the_one_shape(api, their_client, change, field):
    data = payload([ExerciseFactory()], 2)
    data["exercises"][0]["sets"][1].update(change)
    error = assert_error(api(their_client).post(LIST, data, format="json"), 400, "invalid")
    assert list(error["fields"]) == [field]


def test_create_refuses_a_future_start_and_an_invisible_exercise(api, their_client, other_client):
    data = payload([ExerciseFactory(owner=other_client)], 1)
    data["started_at"] = (timezone.now() + timedelta(hours=1)).isoformat()
    data["ended_at"] = None
    error = assert_error(api(their_client).post(LIST, data, format="json"), 400)
    assert set(error["fields"]) == {"started_at", "exercises.0.exercise"}


def test_cardio_needs_distance_and_duration(api, their_client):
    run = ExerciseFactory(exercise_type=ExerciseType.DISTANCE_DURATION)
    data = {"exercises": [{"exercise": str(run.pk), "sets": [{"distance_m": "5000"}]}]}
    error = assert_error(api(their_client).post(LIST, data, format="json"), 400)
    assert list(error["fields"]) == ["exercises.0.sets.0.duration_seconds"]


# --- List ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_list_query_count_does_not_grow(api, trainer, their_client, count, django_assert_num_queries):
    for _ in range(count):
        logged(their_client, sets=3)
    trainer_api = api(trainer)
    # 1 the client is theirs, 2 COUNT(*), 3 the page of workouts (with user and plan day), 4 their exercises,
    # 5 their sets
    with django_assert_num_queries(5):
        response = trainer_api.get(LIST, {"page_size": 100, "client": str(their_client.pk)})
    body = response.json()
    assert body["count"] == count and all(len(w["exercises"][0]["sets"]) == 3 for w in body["results"])


def test_list_filters(api, their_client):
    bench = ExerciseFactory()
    old = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=10))
    WorkoutExerciseFactory(workout=old, exercise=bench)
    new = WorkoutFactory(user=their_client, source="hevy", hevy_id="h1")
    client_api = api(their_client)

    def ids(**params):
        return [w["id"] for w in client_api.get(LIST, params).json()["results"]]

    assert ids() == [str(new.pk), str(old.pk)]
    assert ids(exercise=str(bench.pk)) == [str(old.pk)]
    assert ids(source="hevy") == [str(new.pk)]
    assert ids(started_after=(timezone.now() - timedelta(days=3)).isoformat()) == [str(new.pk)]
    assert ids(started_before=(timezone.now() - timedelta(days=3)).isoformat()) == [str(old.pk)]
    assert ids(ordering="started_at") == [str(old.pk), str(new.pk)]
    assert_error(client_api.get(LIST, {"exercise": "nope"}), 400)


def test_list_is_scoped(api, trainer, their_client, other_client, other_trainer):
    mine = logged(their_client)
    logged(other_client)
    assert [w["id"] for w in api(their_client).get(LIST).json()["results"]] == [str(mine.pk)]
    assert [w["id"] for w in api(trainer).get(LIST).json()["results"]] == [str(mine.pk)]
    assert [w["id"] for w in api(trainer).get(LIST, {"user": str(their_client.pk)}).json()["results"]] == [
        str(mine.pk)
    ]  # `user` is the older name of `client`
    for params in ({"client": str(their_client.pk)}, {"user": str(their_client.pk)}):
        assert_error(api(other_trainer).get(LIST, params), 404, "not_found")
    assert_error(api().get(LIST), 401)


# --- One workout: permissions ---------------------------------------------------------------------


def test_retrieve_permissions(api, trainer, their_client, other_trainer, other_client):
    workout = logged(their_client)
    assert api(their_client).get(detail(workout)).status_code == 200
    assert api(trainer).get(detail(workout)).status_code == 200
    assert_error(api(other_trainer).get(detail(workout)), 404)
    assert_error(api(other_client).get(detail(workout)), 404)
    assert_error(api().get(detail(workout)), 401)
    assert_error(api(their_client).get(f"{LIST}not-a-uuid/"), 404)


def test_update_and_delete_only_by_the_owner(api, trainer, their_client, other_trainer, other_client):
    workout = logged(their_client)
    assert_error(api(trainer).patch(detail(workout), {"name": "Mine"}, format="json"), 403)
    assert_error(api(other_trainer).patch(detail(workout), {"name": "Mine"}, format="json"), 404)
    assert_error(api(other_client).delete(detail(workout)), 404)
    assert_error(api(trainer).delete(detail(workout)), 403)
    assert_error(api().delete(detail(workout)), 401)

    response = api(their_client).patch(detail(workout), {"name": "Legs", "notes": "Good"}, format="json")
    assert response.status_code == 200 and response.json()["name"] == "Legs"
    error = assert_error(
        api(their_client).patch(detail(workout), {"ended_at": "2000-01-01T00:00:00Z"}, format="json"), 400
    )
    assert "ended_at" in error["fields"]
    assert api(their_client).delete(detail(workout)).status_code == 204
    assert not Workout.objects.exists()


# --- Sets ----------------------------------------------------------------------------------------


def test_add_sets_in_bulk_and_single(api, their_client, trainer):
    workout = WorkoutFactory(user=their_client, ended_at=None)
    row = WorkoutExerciseFactory(workout=workout)
    other = ExerciseFactory()
    trained_before(their_client, [row.exercise, other])
    url = f"{detail(workout)}sets/"
    response = api(their_client).post(
        url,
        [
            {"workout_exercise": str(row.pk), "reps": 5, "weight_kg": "100"},
            {"exercise": str(other.pk), "reps": 10, "weight_kg": "20", "set_type": "dropset"},
        ],
        format="json",
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["sets"]) == 2 and response.json()["new_records"]
    single = api(their_client).post(url, {"workout_exercise": str(row.pk), "reps": 3, "weight_kg": "80"}, format="json")
    assert single.status_code == 201 and len(single.json()["sets"]) == 1
    assert_error(api(trainer).post(url, {"workout_exercise": str(row.pk), "reps": 3}, format="json"), 403)


def test_a_finished_workout_refuses_new_sets_unless_edited_on_purpose(api, their_client):
    workout = logged(their_client)  # finished
    row = workout.exercises.get()
    url = f"{detail(workout)}sets/"
    item = {"workout_exercise": str(row.pk), "reps": 5, "weight_kg": "100"}
    error = assert_error(api(their_client).post(url, item, format="json"), 409, "workout_finished")
    assert "finished" in error["message"]
    assert WorkoutSet.objects.filter(workout_exercise=row).count() == 2
    assert api(their_client).post(f"{url}?edit_finished=true", item, format="json").status_code == 201
    assert WorkoutSet.objects.filter(workout_exercise=row).count() == 3


def test_bulk_set_errors_name_the_set(api, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None)
    row = WorkoutExerciseFactory(workout=workout)
    url = f"{detail(workout)}sets/"
    good = {"workout_exercise": str(row.pk), "reps": 5, "weight_kg": "100"}
    error = assert_error(api(their_client).post(url, [good, {**good, "rpe": "12"}], format="json"), 400)
    assert list(error["fields"]) == ["sets.1.rpe"]
    error = assert_error(api(their_client).post(url, [good, {**good, "reps": "x"}], format="json"), 400)
    assert list(error["fields"]) == ["sets.1.reps"]
    assert not WorkoutSet.objects.exists()


def test_patch_and_delete_a_set(api, trainer, their_client, other_trainer):
    workout = logged(their_client, sets=1)
    workout_set = WorkoutSet.objects.get(workout_exercise__workout=workout)
    trained_before(their_client, [workout_set.workout_exercise.exercise], days_ago=30)
    url = f"/api/v1/workout-sets/{workout_set.pk}/"
    assert_error(api(trainer).patch(url, {"reps": 10}, format="json"), 403)
    assert_error(api(other_trainer).patch(url, {"reps": 10}, format="json"), 404)
    assert_error(api(their_client).patch(url, {"rpe": "5"}, format="json"), 400)
    response = api(their_client).patch(url, {"reps": 5, "weight_kg": "100"}, format="json")
    assert response.status_code == 200 and response.json()["estimated_1rm_kg"] == 116.67
    assert {r["kind"] for r in response.json()["new_records"]} >= {"e1rm", "heaviest"}
    assert_error(api(trainer).delete(url), 403)
    assert api(their_client).delete(url).status_code == 204
    assert not WorkoutSet.objects.filter(pk=workout_set.pk).exists()
    assert not PersonalRecord.objects.filter(workout_set=workout_set).exists()


# --- Finish and comments -------------------------------------------------------------------------


def test_finish(api, trainer, their_client):
    workout = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(minutes=30), ended_at=None)
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=workout), reps=5, weight_kg=Decimal("100"))
    url = f"{detail(workout)}finish/"
    assert_error(api(trainer).post(url), 403)
    response = api(their_client).post(url)
    assert response.status_code == 200
    assert 1800 <= response.json()["duration_seconds"] < 1900 and response.json()["new_records"]
    assert_error(api(their_client).post(url), 409, "workout_finished")


def test_comments(api, trainer, their_client, other_trainer):
    workout = logged(their_client)
    url = f"{detail(workout)}comments/"
    response = api(trainer).post(url, {"body": "Good depth"}, format="json")
    assert response.status_code == 201 and response.json()["author_name"] == trainer.display_name
    assert api(their_client).post(url, {"body": "Thanks!"}, format="json").status_code == 201
    assert [c["body"] for c in api(their_client).get(url).json()] == ["Good depth", "Thanks!"]
    assert_error(api(other_trainer).post(url, {"body": "Hi"}, format="json"), 404)
    assert_error(api(other_trainer).get(url), 404)
    assert_error(api(trainer).post(url, {"body": ""}, format="json"), 400)
    assert_error(api().get(url), 401)
    assert WorkoutComment.objects.count() == 2
