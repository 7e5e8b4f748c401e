"""The workout list is built from plain rows (workouts/api/workouts/output.py): it must equal, value for value,
what WorkoutSerializer (the documented response) makes of the same workouts."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from fitnesspr.api.renderers import JSONRenderer
from workouts.api.workouts.output import WORKOUT_COLUMNS, workouts_output
from workouts.api.workouts.serializers import WorkoutSerializer
from workouts.models import ExerciseType, SetType, Workout
from workouts.selectors.workouts import workout_list
from workouts.tests.factories import ExerciseFactory, WorkoutExerciseFactory, WorkoutFactory, WorkoutSetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied_workouts(their_client):
    """Every kind of value the list carries: nulls, decimals with and without fractions, microseconds, a
    workout in progress, one from Hevy, a cardio set, supersets, notes with non-ASCII text, an empty exercise."""
    started = timezone.now().replace(microsecond=123456) - timedelta(days=1)
    lifting = WorkoutFactory(user=their_client, name="Push — A", notes="Felt strong ✓", started_at=started)
    bench = WorkoutExerciseFactory(workout=lifting, position=0, superset_group=1, notes="Pause reps")
    WorkoutSetFactory(workout_exercise=bench, position=0, set_type=SetType.WARMUP, reps=10, weight_kg=Decimal("40"))
    WorkoutSetFactory(
        workout_exercise=bench, position=1, reps=5, weight_kg=Decimal("82.5"), rpe=Decimal("8.5"),
        estimated_1rm_kg=Decimal("96.25"),
    )  # fmt: skip
    WorkoutExerciseFactory(workout=lifting, position=1)  # no sets yet
    run = ExerciseFactory(exercise_type=ExerciseType.DISTANCE_DURATION)
    cardio = WorkoutExerciseFactory(workout=lifting, position=2, exercise=run)
    WorkoutSetFactory(
        workout_exercise=cardio, position=0, reps=None, weight_kg=None, distance_m=Decimal("5000.5"),
        duration_seconds=1501,
    )  # fmt: skip
    WorkoutFactory(user=their_client, source="hevy", hevy_id="hevy-1", started_at=started - timedelta(days=2))
    WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(minutes=5), ended_at=None)
    return their_client


def rendered(data) -> object:
    return json.loads(JSONRenderer().render(data))


def test_the_rows_make_exactly_what_the_serializer_makes(varied_workouts):
    user = varied_workouts
    expected = WorkoutSerializer(workout_list(user=user), many=True).data
    rows = workout_list(user=user, nested=False).values_list(*WORKOUT_COLUMNS)

    assert rendered(workouts_output(rows)) == json.loads(DRFJSONRenderer().render(expected))
    assert len(expected) == 3 and expected[0]["ended_at"] is None


def test_the_list_endpoint_answers_the_serializers_shape(api, varied_workouts):
    user = varied_workouts
    expected = json.loads(DRFJSONRenderer().render(WorkoutSerializer(workout_list(user=user), many=True).data))

    body = api(user).get("/api/v1/workouts/").json()

    assert body["results"] == expected
    assert body["results"][0]["started_at"].endswith("Z")


def test_an_empty_page_needs_no_nested_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert workouts_output(Workout.objects.none().values_list(*WORKOUT_COLUMNS)) == []
