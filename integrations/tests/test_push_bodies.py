"""The request bodies sent to Hevy, built from plans and workouts (pure functions, no HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from fitnesspr.errors import ApplicationError
from integrations.hevy.bodies import hevy_rpe, routine_body, routine_set_body, workout_body
from workouts.models import Exercise, ExerciseType, PlanSet
from workouts.selectors.plans import target_for_week
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanSetFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)
from workouts.units import KG_PER_LB


def target(**values):
    return target_for_week(PlanSet(**values), 0)


ROUTINE_SET_KEYS = {"type", "weight_kg", "reps", "distance_meters", "duration_seconds", "custom_metric"}
WORKOUT_SET_KEYS = ROUTINE_SET_KEYS | {"rpe"}


def test_a_fixed_rep_target_is_reps_and_has_no_rep_range():
    body = routine_set_body(target(reps_min=5, reps_max=5, target_weight_kg=Decimal("100.00")))
    assert body == {
        "type": "normal",
        "weight_kg": 100,
        "reps": 5,
        "distance_meters": None,
        "duration_seconds": None,
        "custom_metric": None,
    }


def test_a_rep_range_is_an_object_and_never_null():
    body = routine_set_body(target(reps_min=8, reps_max=12, target_weight_kg=Decimal("62.5"), target_rpe=8))
    assert body["rep_range"] == {"start": 8, "end": 12}
    assert body["reps"] is None
    assert body["weight_kg"] == 62.5
    assert "rpe" not in body  # routine sets may not carry rpe


@pytest.mark.parametrize(("low", "high", "reps"), [(None, 10, 10), (6, None, 6), (None, None, None)])
def test_a_one_sided_target_is_fixed_reps(low, high, reps):
    body = routine_set_body(target(reps_min=low, reps_max=high))
    assert body["reps"] == reps
    assert "rep_range" not in body
    assert set(body) == ROUTINE_SET_KEYS


def test_distance_and_duration_sets():
    body = routine_set_body(target(set_type="warmup", distance_m=Decimal("400.6"), duration_seconds=90))
    assert body["type"] == "warmup"
    assert body["distance_meters"] == 401  # Hevy takes whole metres
    assert body["duration_seconds"] == 90


@pytest.mark.django_db
def test_routine_body_for_post_and_put():
    day = PlanDayFactory(name="Push A", notes="Go heavy")
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
    first = PlanExerciseFactory(day=day, exercise=bench, position=0, superset_group=1, rest_seconds=120, notes="Pause")
    PlanSetFactory(plan_exercise=first, position=0, reps_min=5, reps_max=5, target_weight_kg=80, target_rpe=8)
    PlanSetFactory(plan_exercise=first, position=1, reps_min=6, reps_max=8, target_weight_kg=75, target_rpe=None)
    plank = ExerciseFactory(name="Timed Hold", exercise_type=ExerciseType.DURATION, equipment="none")
    second = PlanExerciseFactory(day=day, exercise=plank, position=1)
    PlanSetFactory(plan_exercise=second, reps_min=None, reps_max=None, target_weight_kg=None, duration_seconds=60)
    ids = {bench.pk: "79D0BB3A", plank.pk: "C6272009"}

    post = routine_body(day, ids, folder_id=42)
    assert list(post) == ["title", "folder_id", "notes", "exercises"]
    assert post["title"] == "Push A" and post["folder_id"] == 42 and post["notes"] == "Go heavy"
    bench_body, plank_body = post["exercises"]
    assert set(bench_body) == {"exercise_template_id", "superset_id", "rest_seconds", "notes", "sets"}
    assert bench_body["exercise_template_id"] == "79D0BB3A"
    assert bench_body["superset_id"] == 1
    assert bench_body["rest_seconds"] == 120
    assert bench_body["notes"] == "Pause\nTarget RPE: 8 / -"  # no rpe on routine sets: kept in the notes
    assert [s.get("rep_range") for s in bench_body["sets"]] == [None, {"start": 6, "end": 8}]
    assert [s["reps"] for s in bench_body["sets"]] == [5, None]
    assert plank_body["superset_id"] is None and plank_body["notes"] is None
    assert plank_body["sets"][0]["duration_seconds"] == 60

    week_three = routine_body(day, ids, folder_id=42, week_index=2)["exercises"][0]["sets"]
    assert [s["weight_kg"] for s in week_three] == [80, 75]  # no progression written: the same targets

    put = routine_body(day, ids, folder_id=42, for_update=True)
    assert "folder_id" not in put
    assert put["exercises"] == post["exercises"]


@pytest.mark.django_db
@pytest.mark.django_db
def test_routine_targets_are_rounded_as_the_lifter_loads_them():
    """A pound lifter's routine in Hevy carries whole steps of pounds (Hevy stores kg: 80 lb is 36.287 kg)."""
    day = PlanDayFactory()
    bench = ExerciseFactory(name="Bench (Barbell)", equipment="barbell")
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day=day, exercise=bench), target_weight_kg=Decimal("36.21"))

    in_kg = routine_body(day, {bench.pk: "T1"}, folder_id=None)["exercises"][0]["sets"][0]["weight_kg"]
    in_lb = routine_body(day, {bench.pk: "T1"}, folder_id=None, units="lb")["exercises"][0]["sets"][0]["weight_kg"]

    assert in_kg == 35
    assert round(Decimal(str(in_lb)) / KG_PER_LB, 2) == 80


@pytest.mark.django_db
def test_routine_body_with_no_folder_sends_null_explicitly():
    day = PlanDayFactory(notes="")
    body = routine_body(day, {}, folder_id=None)
    assert "folder_id" in body and body["folder_id"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("for_update", [False, True])
def test_a_day_without_notes_sends_an_empty_string_never_null(for_update):
    """Hevy answers 400 "routine.notes must be a string" to null notes on POST."""
    body = routine_body(PlanDayFactory(notes="  "), {}, folder_id=None, for_update=for_update)
    assert body["notes"] == ""


@pytest.mark.parametrize(
    ("ours", "hevy"),
    [
        (None, None),
        (Decimal("6"), 6),
        (Decimal("6.4"), 6),
        (Decimal("6.5"), 7),  # a tie rounds up
        (Decimal("7.2"), 7),
        (Decimal("7.3"), 7.5),
        (Decimal("8.5"), 8.5),
        (Decimal("9.8"), 10),
        (Decimal("10"), 10),
        (Decimal("5"), None),
    ],
)
def test_rpe_is_one_of_the_values_hevy_allows(ours, hevy):
    assert hevy_rpe(ours) == hevy


@pytest.mark.django_db
def test_workout_body():
    start = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    workout = WorkoutFactory(name="Legs", notes="", started_at=start, ended_at=start + timedelta(minutes=75))
    squat = Exercise.objects.get(name="Squat (Barbell)", owner=None)
    item = WorkoutExerciseFactory(workout=workout, exercise=squat, superset_group=None, notes="Belt")
    WorkoutSetFactory(workout_exercise=item, position=0, reps=5, weight_kg=Decimal("100.00"), rpe=Decimal("6.5"))
    WorkoutSetFactory(workout_exercise=item, position=1, set_type="failure", reps=8, weight_kg=Decimal("90"), rpe=None)

    body = workout_body(workout, {squat.pk: "D04AC939"})
    assert set(body) == {"title", "description", "start_time", "end_time", "is_private", "exercises"}
    assert "routine_id" not in body
    assert body["title"] == "Legs"
    assert body["description"] is None
    assert body["start_time"] == "2026-03-01T09:30:00Z"
    assert body["end_time"] == "2026-03-01T10:45:00Z"
    assert body["is_private"] is False
    (exercise,) = body["exercises"]
    assert set(exercise) == {"exercise_template_id", "superset_id", "notes", "sets"}
    assert exercise["exercise_template_id"] == "D04AC939" and exercise["notes"] == "Belt"
    assert [set(s) for s in exercise["sets"]] == [WORKOUT_SET_KEYS, WORKOUT_SET_KEYS]
    assert [(s["type"], s["reps"], s["weight_kg"], s["rpe"]) for s in exercise["sets"]] == [
        ("normal", 5, 100, 7),
        ("failure", 8, 90, None),
    ]


@pytest.mark.django_db
def test_an_unfinished_workout_has_no_body():
    workout = WorkoutFactory(ended_at=None)
    with pytest.raises(ApplicationError):
        workout_body(workout, {})


def test_the_weekly_progression_is_applied_to_the_week_sent():
    base = PlanSet(reps_min=8, reps_max=10, target_weight_kg=Decimal("60"), weight_increment_kg=Decimal("2.5"))
    base.reps_increment = 1
    assert routine_set_body(target_for_week(base, 2)) == {
        "type": "normal",
        "weight_kg": 65,
        "reps": None,
        "distance_meters": None,
        "duration_seconds": None,
        "custom_metric": None,
        "rep_range": {"start": 10, "end": 12},
    }
