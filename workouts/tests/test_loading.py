"""Weights that can be loaded: rounding per equipment and unit, the per-user steps, and the plate breakdown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from workouts.loading import DefaultSteps, loadable_in_units, loadable_kg, plate_breakdown, step_for
from workouts.models import PlanSet
from workouts.selectors.plans import target_for_week
from workouts.units import format_weight

D = Decimal


@pytest.mark.parametrize(
    ("weight_kg", "equipment", "units", "expected"),
    [
        # barbell: 2.5 kg / 5 lb (a pair of the smallest plates)
        ("36.21", "barbell", "kg", "35"),
        ("36.25", "barbell", "kg", "37.5"),  # a half step rounds up
        ("60", "barbell", "kg", "60"),
        ("60", "barbell", "lb", "130"),  # 132.3 lb
        ("61.23", "barbell", "lb", "135"),
        # dumbbells and kettlebells: 1 kg under 10 kg, then 2 kg; 2.5 lb under 20 lb, then 5 lb
        ("16.22", "dumbbell", "kg", "16"),
        ("17.1", "dumbbell", "kg", "18"),
        ("7.4", "dumbbell", "kg", "7"),
        ("24.3", "kettlebell", "kg", "24"),
        ("16.22", "dumbbell", "lb", "35"),  # 35.76 lb
        ("7.4", "dumbbell", "lb", "17.5"),  # 16.31 lb
        ("16", "kettlebell", "lb", "35"),
        # machines and cables: 2.5 kg / 5 lb by default
        ("34.96", "machine", "kg", "35"),
        ("29.96", "machine", "lb", "65"),  # 66.05 lb
        # a single plate, or plates added to bodyweight: the smallest plate
        ("11.1", "plate", "kg", "11.25"),
        ("10.3", "none", "lb", "22.5"),  # 22.71 lb
        # anything else: 0.5 kg / 1 lb
        ("12.34", "resistance_band", "kg", "12.5"),
        ("12.34", "other", "lb", "27"),
        # something prescribed never rounds to nothing
        ("0.3", "barbell", "kg", "2.5"),
    ],
)
def test_rounds_to_a_loadable_step(weight_kg, equipment, units, expected):
    assert loadable_in_units(D(weight_kg), equipment, units) == D(expected)


def test_the_users_smallest_plates_and_machine_step_are_used():
    fine = DefaultSteps(
        barbell_plate_kg=D("0.5"), barbell_plate_lb=D("1.25"), machine_step_kg=D("5"), machine_step_lb=D("10")
    )
    assert step_for("barbell", D("60"), "kg", fine) == D("1")
    assert loadable_in_units(D("36.21"), "barbell", "kg", fine) == D("36")
    assert loadable_in_units(D("60"), "barbell", "lb", fine) == D("132.5")
    assert loadable_in_units(D("36.21"), "machine", "kg", fine) == D("35")
    assert loadable_in_units(D("36.21"), "machine", "lb", fine) == D("80")


def test_a_pound_weight_comes_back_exactly_in_pounds():
    """135 lb stored as kg shows as 135 lb again, never 134.99 or 132.3."""
    assert format_weight(loadable_kg(D("61.23"), "barbell", "lb"), "lb") == "135 lb"
    assert format_weight(loadable_kg(D("36.21"), "barbell", "kg"), "kg") == "35 kg"


def test_a_target_is_rounded_with_its_progression_and_keeps_the_exact_weight():
    plan_set = PlanSet(reps_min=5, reps_max=5, target_weight_kg=D("60"), weight_increment_kg=D("1.13"))
    target = target_for_week(plan_set, 3, units="kg", equipment="barbell")  # 63.39 kg
    assert target.weight_kg == D("62.5")
    assert target.exact_weight_kg == D("63.39")
    assert format_weight(target.weight_kg_in("lb"), "lb") == "140 lb"  # 139.75 lb


def test_a_target_without_weight_stays_without():
    target = target_for_week(PlanSet(reps_min=8, reps_max=8), 2, units="lb", equipment="barbell")
    assert target.weight_kg is None
    assert target.weight_kg_in("lb") is None


@pytest.mark.parametrize(
    ("total", "units", "per_side", "remainder"),
    [
        ("100", "kg", ["25", "15"], "0"),
        ("142.5", "kg", ["25", "25", "10", "1.25"], "0"),
        ("20", "kg", [], "0"),
        ("61", "kg", ["20"], "1"),  # 1 kg that 1.25 kg plates cannot make
        ("225", "lb", ["45", "45"], "0"),
        ("185", "lb", ["45", "25"], "0"),
        ("137.5", "lb", ["45"], "2.5"),  # no 1.25 lb plates by default
        ("135", "lb", ["45"], "0"),
    ],
)
def test_plate_breakdown(total, units, per_side, remainder):
    breakdown = plate_breakdown(D(total), units)
    assert list(breakdown.per_side) == [D(plate) for plate in per_side]
    assert breakdown.remainder == D(remainder)
    if breakdown.remainder == 0:
        assert breakdown.loaded == D(total)


def test_plate_breakdown_below_the_bar_says_how_much_is_missing():
    breakdown = plate_breakdown(D("15"), "kg")
    assert (breakdown.per_side, breakdown.remainder) == ((), D("-5"))


def test_plate_breakdown_uses_only_the_plates_the_user_has():
    assert plate_breakdown(D("21"), "kg", DefaultSteps(barbell_plate_kg=D("0.5"))).per_side == (D("0.5"),)
    assert plate_breakdown(D("21"), "kg").remainder == D("1")


@pytest.mark.django_db
def test_plan_targets_follow_the_lifters_unit_and_plates(their_client, trainer):
    from workouts.selectors.plans import plan_day_targets
    from workouts.services.preferences import training_preferences_update
    from workouts.tests.factories import (
        ExerciseFactory,
        PlanDayFactory,
        PlanExerciseFactory,
        PlanFactory,
        PlanSetFactory,
    )

    plan = PlanFactory(client=their_client, author=trainer, start_date=date(2026, 11, 2), weeks=4)
    day = PlanDayFactory(plan=plan)
    squat = PlanExerciseFactory(day=day, exercise=ExerciseFactory(name="Squat X", equipment="barbell"), position=0)
    curl = PlanExerciseFactory(day=day, exercise=ExerciseFactory(name="Curl X", equipment="dumbbell"), position=1)
    PlanSetFactory(plan_exercise=squat, target_weight_kg=D("36.21"), weight_increment_kg=D("1.13"))
    PlanSetFactory(plan_exercise=curl, target_weight_kg=D("16.22"))

    [(_, [squat_target]), (_, [curl_target])] = plan_day_targets(day, date(2026, 11, 2))
    assert (squat_target.weight_kg, curl_target.weight_kg) == (D("35"), D("16"))

    training_preferences_update(user=their_client, data={"barbell_plate_kg": D("0.5")})
    their_client.units = "lb"
    their_client.save()
    plan.refresh_from_db()
    day.plan = plan
    [(_, [squat_target]), (_, [curl_target])] = plan_day_targets(day, date(2026, 11, 9))  # week 2: 37.34 kg
    assert format_weight(squat_target.weight_kg, "lb") == "80 lb"  # 82.32 lb, in 5 lb steps (lb plates)
    assert format_weight(squat_target.weight_kg_in("kg"), "kg") == "37 kg"  # in kg, 0.5 kg plates: 1 kg steps
    assert format_weight(curl_target.weight_kg, "lb") == "35 lb"


def test_the_plate_calculator_offers_only_the_lifters_plates(their_client):
    """The browser's calculator gets the plates down to the lifter's smallest one (by default 2.5 lb, not 1.25)."""
    from workouts.templatetags.weight_loading import plate_list

    assert plate_list(their_client, "lb") == "45,35,25,10,5,2.5"
    assert plate_list(their_client, "kg").endswith(",1.25")
