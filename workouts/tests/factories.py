from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.tests.factories import ClientFactory, TrainerFactory
from workouts.models import (
    Exercise,
    ExerciseType,
    Plan,
    PlanDay,
    PlanExercise,
    PlanSet,
    Workout,
    WorkoutComment,
    WorkoutExercise,
    WorkoutSet,
)


class ExerciseFactory(factory.django.DjangoModelFactory):
    """A built-in exercise unless `owner=` is given."""

    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Test Exercise {n}")
    primary_muscle = "chest"
    secondary_muscles = factory.LazyFunction(lambda: ["triceps"])
    equipment = "barbell"
    exercise_type = ExerciseType.WEIGHT_REPS
    mechanic = "compound"
    instructions = "Move the weight with control."
    owner = None


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    client = factory.SubFactory(ClientFactory)
    author = factory.SubFactory(TrainerFactory)
    name = factory.Sequence(lambda n: f"Plan {n}")
    weeks = 4
    status = "active"


class TemplatePlanFactory(PlanFactory):
    client = None
    is_template = True
    status = "draft"


class PlanDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanDay

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Day {n}")


class PlanExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanExercise

    day = factory.SubFactory(PlanDayFactory)
    position = factory.Sequence(lambda n: n)
    exercise = factory.SubFactory(ExerciseFactory)


class PlanSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSet

    plan_exercise = factory.SubFactory(PlanExerciseFactory)
    position = factory.Sequence(lambda n: n)
    reps_min = 8
    reps_max = 10
    target_weight_kg = Decimal("60")


class WorkoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workout

    user = factory.SubFactory(ClientFactory)
    name = "Workout"
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda o: o.started_at + timedelta(hours=1))


class WorkoutExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkoutExercise

    workout = factory.SubFactory(WorkoutFactory)
    position = factory.Sequence(lambda n: n)
    exercise = factory.SubFactory(ExerciseFactory)


class WorkoutSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkoutSet

    workout_exercise = factory.SubFactory(WorkoutExerciseFactory)
    position = factory.Sequence(lambda n: n)
    reps = 8
    weight_kg = Decimal("60")


class WorkoutCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkoutComment

    workout = factory.SubFactory(WorkoutFactory)
    author = factory.SubFactory(TrainerFactory)
    body = "Nice work."


def earlier_today(user, minutes: int = 45):
    """A moment up to `minutes` ago that is still today in the user's time zone (so never flaky near midnight)."""
    now = timezone.now()
    midnight = timezone.localtime(now, user.tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(now - timedelta(minutes=minutes), midnight)
