"""Logging in under attack, in a phone browser: one lockout for the site and the admin, with a clear message;
and the admin shows logged workouts read-only."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import DEFAULT_PASSWORD, ClientFactory, StaffFactory
from tests.browser.test_clients_page import log_in
from workouts.services.workouts import workout_create
from workouts.tests.factories import ExerciseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_repeated_failures_lock_the_site_and_the_admin_alike(new_page, settings, screenshot, request):
    settings.LOGIN_FAILURE_LIMIT = 3
    request.node.expected_console_errors = ("status of 429", "429 POST")  # the admin's lockout page is a 429 on purpose
    staff = StaffFactory(email="boss@example.com")
    page = new_page()

    for _ in range(3):
        log_in(page, staff.email, password="not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Too many failed attempts. Please wait 15 minutes")
    screenshot(page, "30-login-locked")

    # The right password through the admin's own login: the same lockout.
    page.goto("/admin/login/")
    page.locator("#id_username").fill(staff.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed attempts")).to_be_visible()
    expect(page.get_by_role("link", name="reset it")).to_be_visible()
    screenshot(page, "31-admin-login-locked")
    assert page.csp_violations == []


def test_staff_read_a_logged_workout_but_cannot_edit_it(new_page, screenshot):
    staff = StaffFactory(email="boss@example.com")
    client = ClientFactory(display_name="Cody Client")
    started = timezone.now() - timedelta(days=1)
    workout = workout_create(
        user=client,
        data={
            "name": "Push day",
            "started_at": started,
            "ended_at": started + timedelta(hours=1),
            "exercises": [{"exercise": ExerciseFactory().pk, "sets": [{"reps": 5, "weight_kg": Decimal("100")}]}],
        },
    )
    page = new_page(viewport={"width": 1366, "height": 900}, is_mobile=False)
    page.goto("/admin/login/")
    page.locator("#id_username").fill(staff.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    page.goto(f"/admin/workouts/workout/{workout.pk}/change/")
    expect(page.get_by_text("Push day").first).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    expect(page.get_by_role("link", name="Delete")).to_be_visible()  # deleting goes through the service
    screenshot(page, "32-admin-workout-read-only")
    assert page.csp_violations == []
