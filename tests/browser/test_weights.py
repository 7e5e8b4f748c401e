"""Weights that can be loaded, in a real browser at phone size: plan targets rounded to what a kg and a pound
lifter can load (never 36.21 kg or 132.3 lb), the weight steps in the settings, and the plate calculator that opens
from a barbell set in the logger."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import ClientFactory, CoachingLinkFactory, TrainerFactory
from tests.browser.test_clients_page import log_in
from tests.browser.test_workouts_flow import settled
from workouts.models import PlanStatus
from workouts.tests.factories import ExerciseFactory, PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"viewport": {"width": 1366, "height": 900}, "is_mobile": False}


def plan_for(client, trainer):
    """An active plan in its first week: a barbell 36.21 kg, a dumbbell 16.22 kg, a machine 34.96 kg target."""
    plan = PlanFactory(
        client=client, author=trainer, status=PlanStatus.ACTIVE, start_date=timezone.localdate(), weeks=4, name="Block"
    )
    day = PlanDayFactory(plan=plan, name="Day A")
    targets = [
        ("Back Squat T", "barbell", "36.21"),
        ("Curl T", "dumbbell", "16.22"),
        ("Leg Press T", "machine", "34.96"),
    ]
    for position, (name, equipment, weight) in enumerate(targets):
        item = PlanExerciseFactory(day=day, position=position, exercise=ExerciseFactory(name=name, equipment=equipment))
        PlanSetFactory(plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=Decimal(weight))
    return plan, day


@pytest.mark.parametrize(
    ("units", "expected", "never"),
    [
        ("kg", ["5 reps · 35 kg", "5 reps · 16 kg", "5 reps · 35 kg"], ["36.21", "16.22", "34.96"]),
        ("lb", ["5 reps · 80 lb", "5 reps · 35 lb", "5 reps · 75 lb"], ["79.8", "35.8", "77.1"]),
    ],
)
def test_plan_targets_are_plate_rounded_for_a_kg_and_a_pound_user(new_page, screenshot, units, expected, never):
    trainer = TrainerFactory(email=f"coach-{units}@example.com")
    client = ClientFactory(email=f"lifter-{units}@example.com", units=units)
    CoachingLinkFactory(trainer=trainer, client=client)
    plan, _ = plan_for(client, trainer)

    page = new_page()
    log_in(page, client.email)
    page.goto(f"/plans/{plan.pk}/")
    targets = page.locator(".plan-targets")
    for text in expected:
        expect(targets).to_contain_text(text)
    body = page.locator("main").inner_text()
    assert not any(odd in body for odd in never), body
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"weights-plan-{units}-phone")

    laptop = new_page(**LAPTOP)
    log_in(laptop, trainer.email)
    laptop.goto(f"/plans/{plan.pk}/")
    for text in expected if units == "kg" else ["5 reps · 35 kg", "5 reps · 16 kg"]:  # the trainer trains in kg
        expect(laptop.locator(".plan-targets")).to_contain_text(text)
    screenshot(laptop, f"weights-plan-{units}-trainer-laptop")


def test_weight_steps_in_the_settings_change_the_targets(new_page, screenshot):
    trainer = TrainerFactory(email="coach@example.com")
    client = ClientFactory(email="lifter@example.com")
    CoachingLinkFactory(trainer=trainer, client=client)
    plan, _ = plan_for(client, trainer)

    page = new_page()
    log_in(page, client.email)
    page.goto("/settings/")
    section = page.get_by_role("region", name="Weight steps")
    expect(section).to_be_visible()
    section.get_by_label("Smallest barbell plate").select_option(label="0.5 kg")
    screenshot(page, "weights-settings-phone")
    with page.expect_navigation():
        section.get_by_role("button", name="Save weight steps").click()
    expect(page.get_by_text("Weight steps saved")).to_be_visible()
    assert page.url.endswith("/settings/")  # back on the settings page, not the bare weights page
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    page.goto(f"/plans/{plan.pk}/")
    expect(page.locator(".plan-targets")).to_contain_text("5 reps · 36 kg")  # 1 kg steps with 0.5 kg plates


@pytest.mark.parametrize(
    ("units", "typed", "expected"),
    [("kg", "102,5", "Each side: 25 + 15 + 1.25 kg"), ("lb", "225", "Each side: 45 + 45 lb")],
)
def test_plate_calculator_opens_from_a_barbell_set(new_page, screenshot, units, typed, expected):
    from workouts.services.workouts import workout_create

    trainer = TrainerFactory(email=f"coach-p{units}@example.com")
    client = ClientFactory(email=f"plates-{units}@example.com", units=units)
    CoachingLinkFactory(trainer=trainer, client=client)
    _plan, day = plan_for(client, trainer)
    squat, curl = (item.exercise for item in day.exercises.order_by("position")[:2])
    workout = workout_create(
        user=client,
        data={
            "name": "Day A",
            "plan_day": day.pk,
            "started_at": timezone.now() - timedelta(minutes=5),
            "exercises": [{"exercise": squat.pk, "sets": []}, {"exercise": curl.pk, "sets": []}],
        },
    )

    for options, size in (({}, "phone"), (LAPTOP, "laptop")):
        page = new_page(**options)
        log_in(page, client.email)
        page.goto(f"/workouts/{workout.pk}/log/")
        squat_card = page.get_by_role("article", name=squat.name)
        curl_card = page.get_by_role("article", name=curl.name)
        expect(curl_card.locator("[data-plate-calculator]")).to_have_count(0)  # dumbbells: no plates
        squat_card.get_by_label(f"Weight ({units})").fill(typed)
        squat_card.get_by_text("Plates", exact=True).click()
        expect(squat_card.locator("[data-plate-result]")).to_contain_text(expected)
        squat_card.get_by_label(f"Weight ({units})").fill("20" if units == "kg" else "45")
        expect(squat_card.locator("[data-plate-result]")).to_contain_text("Just the")
        if size == "phone":  # after a saved set htmx swaps the card in: the calculator still works
            squat_card.get_by_role("button", name="Save set").click()
            expect(squat_card.locator(".set-list li")).to_have_count(1)
            settled(squat_card)
            squat_card.get_by_label(f"Weight ({units})").fill(typed)
            squat_card.get_by_text("Plates", exact=True).click()
            expect(squat_card.locator("[data-plate-result]")).to_contain_text(expected)
        screenshot(page, f"weights-plates-{units}-{size}")
