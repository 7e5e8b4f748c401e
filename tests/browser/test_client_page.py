"""The trainer's page of a client, in a browser: opened from the Clients list on a phone, it shows the profile the
client entered, the active plan with today's workout and the last workout with its comments; it fits the screen
on a phone and on a laptop."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.tests.factories import DEFAULT_PASSWORD, ClientFactory, CoachingLinkFactory, TrainerFactory
from workouts.models import Exercise, PersonalRecord, PlanStatus, RecordKind
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutCommentFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"viewport": {"width": 1366, "height": 900}, "is_mobile": False}


def log_in(page: Page, email: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def builtin(name: str) -> Exercise:
    # A transactional test may find the catalogue flushed by an earlier one: make the exercise then.
    return Exercise.objects.filter(name=name, owner=None).first() or ExerciseFactory(name=name)


def make_client_with_training():
    trainer = TrainerFactory(email="tara@example.com", display_name="Tara Trainer")
    alex = ClientFactory(email="alex@example.com", display_name="Alex Rivera")
    CoachingLinkFactory(trainer=trainer, client=alex)
    profile = alex.client_profile
    profile.goal = "get_stronger"
    profile.training_days_per_week = 3
    profile.injuries = "Old left knee injury: no jumping, no deep lunges"
    profile.save()

    squat = builtin("Squat (Barbell)")
    bench = builtin("Bench Press (Barbell)")
    plan = PlanFactory(client=alex, author=trainer, name="Spring strength", status=PlanStatus.ACTIVE)
    day = PlanDayFactory(plan=plan, name="Lower body", position=0)
    item = PlanExerciseFactory(day=day, exercise=squat, position=0)
    for _ in range(3):
        PlanSetFactory(plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=Decimal("80"))

    workout = WorkoutFactory(
        user=alex, name="Upper body", started_at=timezone.now() - timedelta(days=1), notes="Bench felt heavy today."
    )
    entry = WorkoutExerciseFactory(workout=workout, exercise=bench, position=0)
    for _ in range(3):
        WorkoutSetFactory(workout_exercise=entry, reps=8, weight_kg=Decimal("60"))
    WorkoutCommentFactory(workout=workout, author=trainer, body="Good bar speed. Add 2.5 kg next time.")
    PersonalRecord.objects.create(
        user=alex,
        exercise=bench,
        kind=RecordKind.HEAVIEST_WEIGHT,
        value=Decimal("60"),
        workout=workout,
        achieved_at=workout.started_at,
    )
    return trainer, alex


def fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"the page is {width} px wide in a {viewport} px screen"


def test_the_trainer_opens_a_client_from_the_list_on_a_phone(new_page, screenshot):
    trainer, _alex = make_client_with_training()
    page = new_page()
    log_in(page, trainer.email)
    page.goto("/clients/")
    page.locator("#client-section").get_by_role("link", name="Alex Rivera", exact=True).click()

    expect(page.get_by_role("heading", name="Alex Rivera", level=1)).to_be_visible()
    profile = page.locator("#client-profile")
    expect(profile).to_contain_text("Get stronger")
    expect(profile).to_contain_text("Old left knee injury: no jumping, no deep lunges")
    expect(profile).to_contain_text("Barbell, Dumbbell")
    plan = page.locator("#training-plan")
    expect(plan.get_by_role("link", name="Spring strength")).to_be_visible()
    expect(plan).to_contain_text("Today: Lower body")
    expect(plan).to_contain_text("Squat (Barbell)")
    workouts = page.locator("#training-workouts")
    expect(workouts.get_by_role("link", name="Upper body")).to_be_visible()
    expect(workouts).to_contain_text("Bench felt heavy today.")
    expect(workouts).to_contain_text("Good bar speed. Add 2.5 kg next time.")
    expect(page.locator("#training-records")).to_contain_text("Bench Press (Barbell): 60 kg heaviest weight")
    expect(page.locator("#client-hevy")).to_contain_text("Not connected.")
    fits_the_screen(page)
    screenshot(page, "client-page-phone")
    assert page.csp_violations == []

    # The links lead to the rest: the client's workouts, filtered to them.
    workouts.get_by_role("link", name="All workouts").click()
    expect(page.get_by_role("heading", name="Alex Rivera’s workouts")).to_be_visible()  # noqa: RUF001


def test_the_client_page_on_a_laptop(new_page, screenshot):
    trainer, alex = make_client_with_training()
    page = new_page(**LAPTOP)
    log_in(page, trainer.email)
    page.goto(f"/clients/{alex.pk}/")
    expect(page.locator("#training-workouts")).to_contain_text("Upper body")
    fits_the_screen(page)
    screenshot(page, "client-page-laptop")
    assert page.csp_violations == []
