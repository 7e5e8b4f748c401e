"""The exercise library in a phone browser: live search with htmx, filters in the URL, adding an exercise."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TrainerFactory
from tests.browser.test_clients_page import log_in
from workouts.data.exercises import load_catalogue
from workouts.models import Exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    # Transactional tests empty every table afterwards, the migration's catalogue included: load it again.
    load_catalogue(Exercise)


def test_live_search_filters_and_add_a_custom_exercise(catalogue, new_page, screenshot):
    trainer = TrainerFactory(email="tara@example.com")
    page = new_page()
    log_in(page, trainer.email)
    page.goto("/exercises/")
    expect(page.locator("#exercise-results")).to_contain_text("Ab Wheel Rollout")
    screenshot(page, "30-exercise-library")

    page.evaluate("window.__notReloaded = true")
    page.get_by_role("searchbox", name="Search").fill("lateral dumbbell")
    expect(page.locator("#exercise-results")).to_contain_text("Lateral Raise (Dumbbell)")
    expect(page.locator("#exercise-results")).not_to_contain_text("Ab Wheel Rollout")
    expect(page).to_have_url(re.compile(r"/exercises/\?q=lateral(%20|\+)dumbbell$"))  # no empty filters
    page.get_by_label("Equipment").select_option("machine")
    expect(page.locator("#exercise-results")).to_contain_text("No exercise matches")
    assert page.evaluate("window.__notReloaded") is True
    screenshot(page, "31-exercise-library-filtered")

    page.goto("/exercises/new/")
    page.get_by_label("Name").fill("Zottman Curl (Dumbbell)")
    page.get_by_label("Main muscle group").select_option("biceps")
    page.get_by_label("Forearms").check()
    page.get_by_label("Equipment").select_option("dumbbell")
    page.get_by_label("Isolation").check()
    page.get_by_label("Instructions").fill("Curl palms up, lower palms down.")
    screenshot(page, "32-exercise-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Add exercise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zottman Curl (Dumbbell)")
    expect(page.locator(".exercise-detail")).to_contain_text("Forearms")
    screenshot(page, "33-exercise-detail")
    assert Exercise.objects.get(owner=trainer).mechanic == "isolation"
    assert page.csp_violations == []
