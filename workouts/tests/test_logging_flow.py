"""Logging records what was lifted (issue 9): the next set follows the lifter, a finished workout is not reopened
by a stale page, finishing an empty workout asks first, records stay meaningful, times and decimals are read as
people type them, and numbers read one way everywhere."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from workouts.forms.logging import SetForm, parse_duration
from workouts.models import ExerciseType, Workout, WorkoutSet
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)
from workouts.units import format_duration, format_weight

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def planned_workout(user, trainer, sets):
    """A workout started from a plan day whose one exercise has `sets` = [(reps, weight), ...] as targets."""
    plan = PlanFactory(client=user, author=trainer, start_date=timezone.localdate())
    day = PlanDayFactory(plan=plan, name="Push day")
    planned = PlanExerciseFactory(day=day)
    for position, (reps, weight) in enumerate(sets):
        PlanSetFactory(
            plan_exercise=planned, position=position, reps_min=reps, reps_max=reps, target_weight_kg=Decimal(weight)
        )
    workout = WorkoutFactory(user=user, plan_day=day, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entry = WorkoutExerciseFactory(workout=workout, exercise=planned.exercise)
    return workout, entry


def log_set(client, workout, entry, **values):
    data = {"set_type": "normal", "rpe": "", **values}
    url = reverse("workouts:set_add", args=[workout.pk, entry.pk])
    return client.post(url, {f"set-{entry.pk}-{key}": value for key, value in data.items()}, **HTMX)


def input_value(page, entry, name):
    match = re.search(rf'<input[^>]*name="set-{entry.pk}-{name}"[^>]*>', page)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def input_tag(page, entry, name):
    return re.search(rf'<input[^>]*name="set-{entry.pk}-{name}"[^>]*>', page).group(0)


# --- The next set follows the lifter ---------------------------------------------------------------


def test_after_a_set_that_differed_from_its_target_the_next_set_repeats_what_was_lifted(login, trainer, their_client):
    workout, entry = planned_workout(their_client, trainer, [(10, "37.5"), (10, "37.5"), (10, "37.5")])
    client = login(their_client)
    page = log_set(client, workout, entry, reps=9, weight="34").content.decode()
    assert input_value(page, entry, "weight") == "34" and input_value(page, entry, "reps") == "9"
    assert "Target for this set:</span> <span data-next-target>10 @ 37.5 kg" in page  # still visible
    assert "prefill-changed" not in page  # nothing differs from what was just lifted

    log_set(client, workout, entry, reps=input_value(page, entry, "reps"), weight=input_value(page, entry, "weight"))
    second = WorkoutSet.objects.filter(workout_exercise=entry).order_by("position").last()
    assert (second.reps, second.weight_kg) == (9, Decimal("34.00"))  # what was typed, not the target


def test_after_a_set_that_matched_its_target_the_next_target_is_prefilled_and_marked(login, trainer, their_client):
    workout, entry = planned_workout(their_client, trainer, [(10, "60"), (8, "65"), (6, "70")])  # a pyramid
    client = login(their_client)
    page = log_set(client, workout, entry, reps=10, weight="60").content.decode()
    assert input_value(page, entry, "weight") == "65" and input_value(page, entry, "reps") == "8"
    weight = input_tag(page, entry, "weight")
    assert "prefill-changed" in weight and "aria-describedby" in weight
    assert "Changed: last set 60" in page and "Changed: last set 10" in page


def test_a_pound_lifter_who_did_the_target_gets_the_next_target(login, trainer, their_client):
    """80 lb is 36.2874 kg exactly but 36.29 kg as a logged set stores it: matched all the same."""
    their_client.units = "lb"
    their_client.save(update_fields=["units"])
    workout, entry = planned_workout(their_client, trainer, [(10, "36.2873896"), (8, "40.82331")])  # 80 lb, 90 lb
    client = login(their_client)

    page = log_set(client, workout, entry, reps=10, weight="80").content.decode()

    assert input_value(page, entry, "weight") == "90" and input_value(page, entry, "reps") == "8"


def test_without_a_plan_the_next_set_repeats_the_last_one(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entry = WorkoutExerciseFactory(workout=workout)
    page = log_set(login(their_client), workout, entry, reps=7, weight="42,5").content.decode()
    assert input_value(page, entry, "weight") == "42.5" and input_value(page, entry, "reps") == "7"


# --- A finished workout is not silently reopened ---------------------------------------------------


def finished_with_a_set(user):
    workout = WorkoutFactory(user=user)
    entry = WorkoutExerciseFactory(workout=workout)
    WorkoutSetFactory(workout_exercise=entry, position=0)
    return workout, entry


def test_a_set_posted_to_a_finished_workout_is_refused_with_a_message(login, their_client):
    workout, entry = finished_with_a_set(their_client)
    client = login(their_client)
    url = reverse("workouts:set_add", args=[workout.pk, entry.pk])
    data = {f"set-{entry.pk}-set_type": "normal", f"set-{entry.pk}-reps": "8", f"set-{entry.pk}-weight": "60"}
    response = client.post(url, data, follow=True)  # the back button's stale logger
    assert response.redirect_chain[-1][0] == reverse("workouts:workout_detail", args=[workout.pk])
    assert "This workout is finished" in response.content.decode()
    htmx = client.post(url, data, **HTMX)
    assert htmx.status_code == 204 and htmx["HX-Redirect"] == reverse("workouts:workout_detail", args=[workout.pk])
    assert WorkoutSet.objects.filter(workout_exercise=entry).count() == 1


def test_a_finished_workout_takes_sets_through_edit_workout(login, their_client):
    workout, entry = finished_with_a_set(their_client)
    client = login(their_client)
    logger = reverse("workouts:workout_logger", args=[workout.pk])
    page = client.get(logger).content.decode()
    assert "This workout is finished" in page and f"{logger}?edit=1" in page and "Save set" not in page
    detail = client.get(reverse("workouts:workout_detail", args=[workout.pk])).content.decode()
    assert f"{logger}?edit=1" in detail and "Edit workout" in detail

    editing = client.get(f"{logger}?edit=1").content.decode()
    assert "Save set" in editing and 'name="edit_finished" value="1"' in editing
    url = reverse("workouts:set_add", args=[workout.pk, entry.pk])
    data = {"edit_finished": "1", f"set-{entry.pk}-set_type": "normal", f"set-{entry.pk}-reps": "5"}
    data[f"set-{entry.pk}-weight"] = "70"
    response = client.post(url, data)
    assert response.status_code == 302 and "edit=1" in response["Location"]
    assert WorkoutSet.objects.filter(workout_exercise=entry).count() == 2


def test_an_exercise_is_added_to_a_finished_workout_only_through_edit_workout(login, their_client):
    workout, _entry = finished_with_a_set(their_client)
    client = login(their_client)
    url = reverse("workouts:workout_exercise_add", args=[workout.pk])
    other = ExerciseFactory()
    stale = client.post(url, {"exercise": other.pk}, follow=True)
    assert "This workout is finished" in stale.content.decode() and workout.exercises.count() == 1
    card = client.post(url, {"exercise": other.pk, "edit_finished": "1"}, **HTMX).content.decode()
    assert workout.exercises.count() == 2 and "Save set" in card and 'name="edit_finished" value="1"' in card


# --- Finishing asks first, once --------------------------------------------------------------------


def test_finishing_with_no_sets_asks_first(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=30))
    WorkoutExerciseFactory(workout=workout, exercise=ExerciseFactory(name="Squat"))
    client = login(their_client)
    url = reverse("workouts:workout_finish", args=[workout.pk])
    response = client.post(url)
    assert response.status_code == 200 and "Finish anyway" in response.content.decode()
    assert "1 exercise has no sets: Squat" in response.content.decode()
    workout.refresh_from_db()
    assert workout.ended_at is None
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    workout.refresh_from_db()
    assert workout.ended_at is not None


def test_finishing_with_untouched_exercises_names_them_and_a_complete_one_just_finishes(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=30))
    done = WorkoutExerciseFactory(workout=workout, position=0)
    WorkoutSetFactory(workout_exercise=done)
    untouched = WorkoutExerciseFactory(workout=workout, position=1, exercise=ExerciseFactory(name="Curl"))
    client = login(their_client)
    url = reverse("workouts:workout_finish", args=[workout.pk])
    assert "1 exercise has no sets: Curl" in client.post(url).content.decode()
    logger = client.get(reverse("workouts:workout_logger", args=[workout.pk])).content.decode()
    assert "data-finish-workout" in logger and "data-confirm=" not in logger.split('class="finish"')[1]
    untouched.delete()
    assert client.post(url).status_code == 302  # nothing left untouched: no question


# --- Records stay meaningful -----------------------------------------------------------------------


def test_the_first_time_an_exercise_is_logged_no_set_is_flagged(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entry = WorkoutExerciseFactory(workout=workout)
    client = login(their_client)
    assert "New record!" not in log_set(client, workout, entry, reps=9, weight="34").content.decode()
    assert "New record!" not in log_set(client, workout, entry, reps=10, weight="36").content.decode()


def test_a_typo_weight_gets_a_check_this_hint_not_a_record(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entry = WorkoutExerciseFactory(workout=workout)
    earlier = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=3))
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=earlier, exercise=entry.exercise), reps=9)
    page = log_set(login(their_client), workout, entry, reps=10, weight="170").content.decode()
    assert "Check this: 170 kg is far more than before (your heaviest so far: 60 kg)" in page
    assert "New record!" not in page


def test_an_exercise_without_sets_is_not_last_time(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entry = WorkoutExerciseFactory(workout=workout)
    older = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=5))
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=older, exercise=entry.exercise), reps=8)
    empty = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=2))
    WorkoutExerciseFactory(workout=empty, exercise=entry.exercise)  # added, never trained
    page = login(their_client).get(reverse("workouts:workout_logger", args=[workout.pk])).content.decode()
    assert "Last time:</span> 1 × 8 @ 60 kg" in page  # noqa: RUF001


def test_an_exercise_without_sets_does_not_count_as_a_session(their_client):
    from workouts.selectors.history import exercises_trained

    exercise = ExerciseFactory(name="Dip")
    trained = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=4))
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=trained, exercise=exercise))
    for days in (2, 1):
        added = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=days))
        WorkoutExerciseFactory(workout=added, exercise=exercise)  # added, never trained
    [row] = exercises_trained(viewer=their_client, owner=their_client)
    assert row["sessions"] == 1 and row["last_trained"] == trained.started_at


# --- Data entry ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("1:30", 90), ("90", 90), ("90s", 90), ("1m30", 90), ("1m30s", 90), ("2m", 120), ("1:05:03", 3903)],
)
def test_durations_are_read_as_people_type_them(typed, seconds):
    assert parse_duration(typed) == seconds


def test_a_time_can_be_typed_in_minute_and_second_fields_with_a_numeric_keypad():
    exercise = ExerciseFactory(exercise_type=ExerciseType.DURATION)
    form = SetForm({"set_type": "normal", "duration_0": "1", "duration_1": "30"}, exercise=exercise, units="kg")
    assert form.is_valid(), form.errors
    assert form.to_data()["duration_seconds"] == 90
    html = str(form["duration"])
    assert html.count('inputmode="numeric"') == 2 and 'aria-label="minutes"' in html and 'pattern="[0-9]*"' in html
    shown = SetForm(exercise=exercise, units="kg", initial={"duration": "1:30"})
    assert 'value="30"' in str(shown["duration"])


def test_a_decimal_comma_is_a_decimal_point():
    form = SetForm({"set_type": "normal", "reps": "8", "weight": "32,5"}, exercise=ExerciseFactory(), units="kg")
    assert form.is_valid(), form.errors
    assert form.to_data()["weight_kg"] == Decimal("32.50")
    assert 'inputmode="decimal"' in str(form["weight"]) and 'type="text"' in str(form["weight"])
    bad = SetForm({"set_type": "normal", "reps": "8", "weight": "3,2,5"}, exercise=ExerciseFactory(), units="kg")
    assert not bad.is_valid() and "32,5" in bad.errors["weight"][0]


def test_numbers_are_formatted_one_way_everywhere(login, their_client):
    assert format_weight(Decimal("14400"), "kg") == "14,400 kg" and format_weight(62.5, "kg") == "62.5 kg"
    assert format_duration(6) == "0:06" and format_duration(4320) == "1:12:00"
    workout = WorkoutFactory(user=their_client)
    entry = WorkoutExerciseFactory(workout=workout)
    for position in range(3):
        WorkoutSetFactory(workout_exercise=entry, position=position, reps=10, weight_kg=480)
    page = login(their_client).get(reverse("workouts:workout_detail", args=[workout.pk])).content.decode()
    assert "14,400 kg" in page and "14400 kg" not in page
    assert page.count("10 @ 480 kg") == 3  # each set in the same words as the logger and the history
    assert Workout.objects.count() == 1
