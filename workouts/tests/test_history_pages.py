"""The history page and the exercise page: content, units, permissions, query counts."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from workouts.services.records import estimate_1rm
from workouts.tests.factories import ExerciseFactory, WorkoutExerciseFactory, WorkoutFactory, WorkoutSetFactory

UTC = datetime.UTC
HISTORY = reverse("workouts:history")


def exercise_url(exercise, client=None):
    url = reverse("workouts:exercise_history", args=[exercise.pk])
    return f"{url}?client={client.pk}" if client else url


def log(user, started_at, exercise, sets, minutes=60):
    workout = WorkoutFactory(
        user=user, name="Push day", started_at=started_at, ended_at=started_at + datetime.timedelta(minutes=minutes)
    )
    entry = WorkoutExerciseFactory(workout=workout, exercise=exercise, position=0)
    for position, (set_type, weight, reps) in enumerate(sets):
        weight = Decimal(weight)
        WorkoutSetFactory(
            workout_exercise=entry, position=position, set_type=set_type, weight_kg=weight, reps=reps,
            estimated_1rm_kg=estimate_1rm(weight_kg=weight, reps=reps, set_type=set_type),
        )  # fmt: skip
    return workout


@pytest.fixture
def bench(db):
    return ExerciseFactory(name="Page Test Bench Press")


@pytest.fixture
def trained(their_client, bench):
    """Two weeks of bench pressing: 3 weeks ago and last week."""
    start = datetime.datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    log(their_client, start - datetime.timedelta(weeks=3), bench, [("warmup", "40", 10), ("normal", "60", 8)])
    log(their_client, start - datetime.timedelta(weeks=1), bench, [("normal", "65", 5), ("normal", "65", 5)])
    return their_client


# --- The history page --------------------------------------------------------------------------------


def test_client_sees_weeks_with_totals_in_kg(login, trained, bench):
    response = login(trained).get(HISTORY)

    assert response.status_code == 200
    weeks = response.context["history"].weeks
    assert [week.working_sets for week in weeks] == [2, 1]
    body = response.content.decode()
    assert "Your training history" in body
    assert "650 kg" in body and "480 kg" in body  # 65 x 5 x 2, 60 x 8 (the warm-up left out)
    assert "Page Test Bench Press" in body
    assert reverse("workouts:exercise_history", args=[bench.pk]) in body


def test_volume_is_shown_in_pounds_for_a_viewer_who_prefers_them(login, trained):
    trained.units = "lb"
    trained.save(update_fields=["units"])
    body = login(trained).get(HISTORY).content.decode()
    assert "1,433 lb" in body  # 650 kg / 0.45359237
    assert "650 kg" not in body


def test_trainer_sees_a_client_history_with_client_links(login, trainer, trained):
    response = login(trainer).get(HISTORY, {"client": trained.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"{trained.display_name}'s training history" in body
    assert f"?client={trained.pk}" in body


def test_trainer_without_client_picks_one(login, trainer, their_client):
    response = login(trainer).get(HISTORY)
    assert response.status_code == 200
    assert f"?client={their_client.pk}" in response.content.decode()


@pytest.mark.parametrize("person", ["other_trainer", "other_client"])
def test_strangers_get_404(request, login, trained, person):
    client = login(request.getfixturevalue(person))
    assert client.get(HISTORY, {"client": trained.pk}).status_code == 404


def test_a_client_cannot_read_their_trainer_or_a_malformed_id(login, trainer, their_client):
    client = login(their_client)
    assert client.get(HISTORY, {"client": trainer.pk}).status_code == 404
    assert client.get(HISTORY, {"client": "nope"}).status_code == 404
    assert client.get(HISTORY, {"page": "x"}).status_code == 404
    assert client.get(HISTORY, {"page": "9"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(HISTORY)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_an_empty_history_says_so(login, their_client):
    assert "No workouts yet" in login(their_client).get(HISTORY).content.decode()


def test_a_former_trainer_no_longer_sees_the_history(login, trainer, trained):
    link = trained.trainer_links.get()
    link.ended_at = datetime.datetime.now(UTC)
    link.save(update_fields=["ended_at"])
    assert login(trainer).get(HISTORY, {"client": trained.pk}).status_code == 404


@pytest.mark.parametrize("weeks", [2, 12])
def test_history_page_query_count_does_not_grow(login, trainer, their_client, weeks, django_assert_num_queries):
    exercises = [ExerciseFactory() for _ in range(3)]
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for week in range(weeks):
        for day in range(3):
            for exercise in exercises:
                log(their_client, start + datetime.timedelta(weeks=week, days=day * 2), exercise, [("normal", "50", 5)])
    client = login(trainer)
    # 1 session, 2 user, 3 the client (a current client of the trainer), 4 the dates of their workouts (the
    # list of weeks), 5 the page's workouts with their set totals, 6 their exercises, 7 the exercises trained
    # (sessions, last date), 8 the best e1RM of each (from the personal records).
    with django_assert_num_queries(8):
        response = client.get(HISTORY, {"client": their_client.pk})
    assert response.status_code == 200
    assert sum(len(week.workout_list) for week in response.context["history"].weeks) == min(weeks, 6) * 9


# --- The exercise page -------------------------------------------------------------------------------


def test_exercise_page_shows_records_formula_and_chart_data(login, trained, bench):
    response = login(trained).get(exercise_url(bench))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Epley formula: weight × (1 + reps ÷ 30), from sets of 10 reps or fewer" in body  # noqa: RUF001
    assert "Best estimated 1RM" in body and "76 kg" in body  # 60 x (1 + 8/30) = 76
    assert "<canvas" in body and 'data-series-id="e1rm-series"' in body
    data = json.loads(body.split('<script id="e1rm-series" type="application/json">')[1].split("</script>")[0])
    assert [point["y"] for point in data["points"]] == [76.0, 75.83]  # 65 x (1 + 5/30) = 75.83
    assert data["units"] == "kg"
    # sets read as the logger and the workout page say them: reps @ weight
    text = " ".join(body.split())
    assert "8 @ 60 kg" in text and "5 @ 65 kg" in text and "10 @ 40 kg" in text
    assert "60 kg \u00d7 8" not in text


def test_exercise_page_chart_in_pounds(login, trained, bench):
    trained.units = "lb"
    trained.save(update_fields=["units"])
    body = login(trained).get(exercise_url(bench)).content.decode()
    data = json.loads(body.split('<script id="e1rm-series" type="application/json">')[1].split("</script>")[0])
    assert data["units"] == "lb" and data["points"][0]["y"] == 167.6  # 76 kg


def test_exercise_page_for_the_trainer_and_404_for_strangers(
    login, trainer, other_trainer, other_client, trained, bench
):
    assert login(trainer).get(exercise_url(bench, trained)).status_code == 200
    assert login(other_trainer).get(exercise_url(bench, trained)).status_code == 404
    assert login(other_client).get(exercise_url(bench, trained)).status_code == 404


def test_exercise_page_of_an_invisible_custom_exercise_is_404(login, their_client, other_client):
    custom = ExerciseFactory(owner=other_client, name="Secret Move")
    assert login(their_client).get(exercise_url(custom)).status_code == 404


def test_exercise_page_without_data(login, their_client, bench):
    body = login(their_client).get(exercise_url(bench)).content.decode()
    assert "Not logged yet" in body and "<canvas" not in body


def test_exercise_page_anonymous(client, bench):
    response = client.get(exercise_url(bench))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("sessions", [2, 15])
def test_exercise_page_query_count_does_not_grow(
    login, trainer, their_client, bench, sessions, django_assert_num_queries
):
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for number in range(sessions):
        log(their_client, start + datetime.timedelta(days=number * 3), bench, [("normal", str(50 + number), 5)] * 3)
    client = login(trainer)
    # 1 session, 2 user, 3 the client, 4 the exercise, 5 best e1RM, 6 heaviest, 7 most reps at a weight,
    # 8 best session volume, 9 e1RM series, 10 recent sessions with their workouts, 11 their sets.
    with django_assert_num_queries(11):
        response = client.get(exercise_url(bench, their_client))
    assert len(response.context["data"].series) == sessions


def test_exercise_list_shows_the_best_e1rm_from_the_records(login, their_client, bench):
    from workouts.services.workouts import workout_create

    started = datetime.datetime(2026, 10, 5, 18, 0, tzinfo=UTC)
    workout_create(
        user=their_client,
        data={
            "started_at": started,
            "ended_at": started + datetime.timedelta(hours=1),
            "exercises": [{"exercise": str(bench.pk), "sets": [{"weight_kg": "60", "reps": 8}]}],
        },
    )
    body = login(their_client).get(HISTORY).content.decode()
    assert "best e1RM 76 kg" in body  # 60 x (1 + 8/30)


def test_older_weeks_link_keeps_the_client(login, trainer, their_client, bench):
    start = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    for week in range(7):
        log(their_client, start + datetime.timedelta(weeks=week), bench, [("normal", "50", 5)])
    client = login(trainer)
    body = client.get(HISTORY, {"client": their_client.pk}).content.decode()
    assert f"?client={their_client.pk}&amp;page=2" in body and "Older weeks" in body
    second = client.get(HISTORY, {"client": their_client.pk, "page": 2})
    assert [week.start for week in second.context["history"].weeks] == [datetime.date(2026, 6, 1)]
    assert "Newer weeks" in second.content.decode()
