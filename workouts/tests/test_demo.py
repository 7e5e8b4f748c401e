"""seed_demo's training data: an active plan per demo client and three months of realistic history."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.urls import reverse

from accounts.models import User
from workouts.demo import DELOAD_WEEK, PLANS, WEEKS
from workouts.models import (
    Exercise,
    PersonalRecord,
    Plan,
    PlanExercise,
    PlanStatus,
    SetType,
    Workout,
    WorkoutComment,
    WorkoutSet,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(capsys):
    began = time.perf_counter()
    call_command("seed_demo")
    elapsed = time.perf_counter() - began
    return {"out": capsys.readouterr().out, "elapsed": elapsed}


def test_every_plan_exercise_is_in_the_catalogue():
    names = {lift.name for spec in PLANS for day in spec.days for lift in day.lifts}
    found = set(Exercise.objects.filter(owner__isnull=True, name__in=names).values_list("name", flat=True))
    assert names - found == set()


def test_each_demo_client_has_an_active_plan_and_three_months_of_history(seeded):
    assert "training: 3 active plans" in seeded["out"]
    assert seeded["elapsed"] < 20
    for spec in PLANS:
        client = User.objects.get(email=spec.email)
        plan = Plan.objects.get(client=client, status=PlanStatus.ACTIVE)
        assert plan.name == spec.name and plan.days.count() == len(spec.days)
        assert PlanExercise.objects.filter(day__plan=plan).count() == sum(len(day.lifts) for day in spec.days)
        workouts = Workout.objects.filter(user=client)
        span = workouts.aggregate(first=Min("started_at"), last=Max("started_at"))
        assert span["last"] - span["first"] > datetime.timedelta(weeks=WEEKS - 2)
        # 3 to 5 sessions a week, with a few missed: at least 80 % of the planned days of the finished weeks
        assert workouts.count() >= 0.8 * len(spec.days) * (WEEKS - 1)
        assert workouts.filter(plan_day__plan=plan).count() == workouts.count()
        assert not workouts.filter(ended_at__isnull=True).exists()
        assert workouts.filter(started_at__gt=datetime.datetime.now(datetime.UTC)).count() == 0


def test_the_history_is_realistic(seeded):
    sets = WorkoutSet.objects.all()
    assert sets.filter(set_type=SetType.WARMUP).count() > 100
    assert sets.filter(rpe__isnull=False).count() > 20
    assert sets.filter(distance_m__gt=0, duration_seconds__gt=0).count() > 20  # cardio
    assert sets.filter(duration_seconds__gt=0, distance_m__isnull=True).count() > 10  # planks
    assert not sets.filter(reps__gt=25).exists()
    working = sets.exclude(set_type=SetType.WARMUP).filter(weight_kg__isnull=False)
    reps = working.aggregate(low=Min("reps"), high=Max("reps"))
    assert reps["low"] >= 1 and reps["high"] <= 15
    # progression: Alex's bench press gets heavier from the first week to the last
    alex = User.objects.get(email="alex@fitnesspr.test")
    bench = sets.filter(
        workout_exercise__workout__user=alex,
        workout_exercise__exercise__name="Bench Press (Barbell)",
        set_type=SetType.NORMAL,
    ).order_by("workout_exercise__workout__started_at")
    assert bench.last().weight_kg - bench.first().weight_kg >= 10
    # the deload week is lighter
    assert any("Deload" in notes for notes in Workout.objects.values_list("notes", flat=True))
    assert DELOAD_WEEK < WEEKS
    # Sam prefers pounds: the dumbbells are whole 5 lb steps
    sam = User.objects.get(email="sam@fitnesspr.test")
    sam_weights = sets.filter(workout_exercise__workout__user=sam, set_type=SetType.NORMAL, weight_kg__gt=0)
    for weight in sam_weights.values_list("weight_kg", flat=True).distinct():
        pounds = float(weight) / 0.45359237
        assert abs(pounds - round(pounds / 2.5) * 2.5) < 0.05


def test_records_and_e1rm_exist(seeded):
    assert WorkoutSet.objects.filter(estimated_1rm_kg__isnull=False).count() > 500
    kinds = dict(PersonalRecord.objects.values_list("kind").annotate(n=Count("pk")))
    assert set(kinds) == {"e1rm", "heaviest", "most_reps", "volume"}
    assert WorkoutComment.objects.count() >= 3


def test_running_it_again_adds_nothing(seeded, capsys):
    counts = (Plan.objects.count(), Workout.objects.count(), WorkoutSet.objects.count(), PersonalRecord.objects.count())
    call_command("seed_demo")
    assert (
        Plan.objects.count(),
        Workout.objects.count(),
        WorkoutSet.objects.count(),
        PersonalRecord.objects.count(),
    ) == counts
    assert "training plans and workout history already exist" in capsys.readouterr().out


def test_the_trainer_sees_the_demo_history(seeded, client):
    trainer = User.objects.get(email="trainer@fitnesspr.test")
    jordan = User.objects.get(email="jordan@fitnesspr.test")
    client.force_login(trainer)
    response = client.get(reverse("workouts:history"), {"client": jordan.pk})
    assert response.status_code == 200
    assert len(response.context["history"].weeks) == 6
    assert all(week.working_sets > 0 and week.volume_kg > 0 for week in response.context["history"].weeks)
    squat = Exercise.objects.get(name="Squat (Barbell)", owner__isnull=True)
    page = client.get(reverse("workouts:exercise_history", args=[squat.pk]), {"client": jordan.pk})
    assert page.status_code == 200 and len(page.context["data"].series) > 15


def test_every_demo_target_is_a_loadable_weight_in_the_clients_unit(seeded):
    """Demo plans used to show 29.96, 16.22, 34.96 kg: every week's target is now a whole step of its equipment."""
    from decimal import Decimal

    from workouts.loading import step_for
    from workouts.selectors.plans import plan_day_targets
    from workouts.units import kg_to_display

    checked = 0
    for plan in Plan.objects.filter(status=PlanStatus.ACTIVE).select_related("client", "author"):
        for day in plan.days.all():
            day.plan = plan
            for week in range(plan.weeks):
                on_date = plan.start_date + datetime.timedelta(weeks=week)
                for item, targets in plan_day_targets(day, on_date):
                    for target in targets:
                        if target.weight_kg is None:
                            continue
                        shown = kg_to_display(target.weight_kg, plan.client.units)
                        step = step_for(item.exercise.equipment, shown, plan.client.units)
                        assert shown % step == Decimal("0"), (item.exercise.name, week, shown, plan.client.units)
                        checked += 1
    assert checked > 50
