"""The history API: weekly totals, an exercise's records and e1RM series, personal records."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from fitnesspr.tests.api import assert_error
from workouts.models import PersonalRecord
from workouts.services.workouts import workout_create
from workouts.tests.factories import ExerciseFactory

WEEKS = "/api/v1/history/weeks/"
RECORDS = "/api/v1/records/"
UTC = datetime.UTC


def exercise_url(exercise) -> str:
    return f"/api/v1/history/exercises/{exercise.pk}/"


def train(user, exercise, started_at, sets):
    """Log through the logging service, so e1RM and records are computed as in real use."""
    return workout_create(
        user=user,
        data={
            "name": "Bench day",
            "started_at": started_at,
            "ended_at": started_at + datetime.timedelta(minutes=50),
            "exercises": [
                {
                    "exercise": str(exercise.pk),
                    "sets": [{"set_type": kind, "weight_kg": weight, "reps": reps} for kind, weight, reps in sets],
                }
            ],
        },
    )


@pytest.fixture
def bench(db):
    return ExerciseFactory(name="API Test Bench Press")


@pytest.fixture
def trained(their_client, bench):
    start = datetime.datetime(2026, 10, 5, 18, 0, tzinfo=UTC)  # a Monday
    train(their_client, bench, start, [("warmup", "40", 10), ("normal", "60", 8), ("normal", "60", 8)])
    train(their_client, bench, start + datetime.timedelta(days=2), [("normal", "62.5", 6)])
    train(their_client, bench, start + datetime.timedelta(weeks=2), [("normal", "65", 5), ("failure", "55", 10)])
    return their_client


# --- Weeks ---------------------------------------------------------------------------------------------


def test_weeks_with_totals_and_workouts(api, trained):
    response = api(trained).get(WEEKS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert newest["week_start"] == "2026-10-19" and newest["week_end"] == "2026-10-25"
    assert newest["workout_count"] == 1 and newest["working_sets"] == 2 and newest["volume_kg"] == 875.0
    assert oldest["workout_count"] == 2 and oldest["working_sets"] == 3
    assert oldest["volume_kg"] == 60 * 8 * 2 + 62.5 * 6 and oldest["duration_seconds"] == 100 * 60
    assert [workout["working_sets"] for workout in oldest["workouts"]] == [1, 2]
    assert oldest["workouts"][1]["exercises"] == ["API Test Bench Press"]


def test_weeks_paginate(api, trained):
    first = api(trained).get(WEEKS, {"page_size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1 and first["next"]
    assert_error(api(trained).get(WEEKS, {"page": 3}), 404, "not_found")


def test_trainer_reads_a_client_and_strangers_get_404(api, trainer, other_trainer, other_client, trained):
    assert api(trainer).get(WEEKS, {"client": trained.pk}).json()["count"] == 2
    assert_error(api(other_trainer).get(WEEKS, {"client": trained.pk}), 404, "not_found")
    assert_error(api(other_client).get(WEEKS, {"client": trained.pk}), 404, "not_found")
    assert_error(api(trained).get(WEEKS, {"client": trainer.pk}), 404, "not_found")
    assert_error(api(trainer).get(WEEKS, {"client": "nope"}), 404, "not_found")
    assert_error(api().get(WEEKS), 401)


@pytest.mark.parametrize("workouts", [2, 16])
def test_weeks_query_count_does_not_grow(api, trainer, their_client, bench, workouts, django_assert_num_queries):
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for number in range(workouts):
        train(their_client, bench, start + datetime.timedelta(days=number * 2), [("normal", "50", 5)] * 3)
    trainer_api = api(trainer)
    # 1 the client (a current client of the trainer), 2 the dates of their workouts (the list of weeks),
    # 3 the page's workouts with their set totals, 4 their exercises.
    with django_assert_num_queries(4):
        response = trainer_api.get(WEEKS, {"client": their_client.pk, "page_size": 100})
    assert sum(week["workout_count"] for week in response.json()["results"]) == workouts


# --- One exercise ---------------------------------------------------------------------------------------


def test_exercise_history(api, trained, bench):
    body = api(trained).get(exercise_url(bench)).json()

    assert body["exercise_name"] == "API Test Bench Press" and "Epley" in body["formula"]
    assert body["best_estimated_1rm"]["value"] == 76.0  # 60 x (1 + 8/30); the failure set 55 x 10 = 73.33
    assert body["heaviest_weight"]["value"] == 65.0
    assert body["best_session_volume"]["value"] == 960.0
    assert body["most_reps"][0] == {"weight_kg": 65.0, "reps": 5}
    assert [point["date"] for point in body["series"]] == ["2026-10-05", "2026-10-07", "2026-10-19"]
    assert [len(session["sets"]) for session in body["recent_sessions"]] == [2, 1, 3]


def test_exercise_history_permissions(api, trainer, other_trainer, other_client, trained, bench):
    assert api(trainer).get(exercise_url(bench), {"client": trained.pk}).status_code == 200
    assert_error(api(other_trainer).get(exercise_url(bench), {"client": trained.pk}), 404, "not_found")
    assert_error(api(other_client).get(exercise_url(bench), {"client": trained.pk}), 404, "not_found")
    assert_error(api(trained).get("/api/v1/history/exercises/not-a-uuid/"), 404, "not_found")
    hidden = ExerciseFactory(owner=other_client, name="Hidden Move")
    assert_error(api(trained).get(exercise_url(hidden)), 404, "not_found")
    assert_error(api().get(exercise_url(bench)), 401)


@pytest.mark.parametrize("sessions", [2, 12])
def test_exercise_history_query_count(api, their_client, bench, sessions, django_assert_num_queries):
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for number in range(sessions):
        train(their_client, bench, start + datetime.timedelta(days=number * 3), [("normal", str(50 + number), 5)])
    client_api = api(their_client)
    # 1 the exercise, 2 best e1RM, 3 heaviest, 4 most reps, 5 best volume, 6 series, 7 sessions, 8 their sets.
    with django_assert_num_queries(8):
        response = client_api.get(exercise_url(bench))
    assert len(response.json()["series"]) == sessions


# --- Personal records -----------------------------------------------------------------------------------


def test_records_list_filters_and_orders(api, trained, bench):
    response = api(trained).get(RECORDS, {"exercise": bench.pk, "kind": "heaviest", "ordering": "value"})

    assert response.status_code == 200
    values = [record["value"] for record in response.json()["results"]]
    assert values == [60.0, 62.5, 65.0]
    newest = api(trained).get(RECORDS, {"kind": "e1rm"}).json()["results"]
    assert [record["value"] for record in newest] == [76.0]  # later bests did not beat 60 x 8
    assert_error(api(trained).get(RECORDS, {"kind": "biggest"}), 400)


def test_records_are_scoped(api, trainer, other_trainer, other_client, trained):
    count = PersonalRecord.objects.filter(user=trained).count()
    assert count > 0
    assert api(trained).get(RECORDS).json()["count"] == count
    assert api(trainer).get(RECORDS).json()["count"] == count
    assert api(trainer).get(RECORDS, {"client": trained.pk}).json()["count"] == count
    assert api(other_trainer).get(RECORDS).json()["count"] == 0
    assert api(other_client).get(RECORDS).json()["count"] == 0
    assert_error(api(other_trainer).get(RECORDS, {"client": trained.pk}), 404, "not_found")
    assert_error(api().get(RECORDS), 401)


@pytest.mark.parametrize("workouts", [2, 12])
def test_records_query_count(api, trainer, their_client, bench, workouts, django_assert_num_queries):
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for number in range(workouts):
        train(their_client, bench, start + datetime.timedelta(days=number * 3), [("normal", str(50 + number), 5)])
    trainer_api = api(trainer)
    # 1 the client, 2 COUNT(*) for the paginator, 3 the page of records with exercise and user.
    with django_assert_num_queries(3):
        response = trainer_api.get(RECORDS, {"client": their_client.pk, "page_size": 100})
    assert response.json()["count"] == PersonalRecord.objects.filter(user=their_client).count() > workouts


def test_records_value_is_a_number(api, trained):
    record = api(trained).get(RECORDS).json()["results"][0]
    assert isinstance(record["value"], float) and Decimal(str(record["value"])) > 0
