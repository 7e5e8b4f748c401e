"""Navigation that leads to the work: a client signs in on a phone and lands on Today, with "Start" one tap away
inside the first screen; "Today" in the bar is that page and "History" holds the workouts. A signed-out visitor at
/ reads what FitnessPr is, with sign-in and sign-up. Connecting a Hevy key says it is being checked, and says so
clearly when Hevy cannot be reached."""

from __future__ import annotations

import re
import socket

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import ClientFactory, CoachingLinkFactory, TrainerFactory
from tests.browser.test_clients_page import log_in
from tests.browser.test_workouts_flow import catalogue  # noqa: F401  (a fixture)
from workouts.models import Exercise
from workouts.tests.factories import PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"viewport": {"width": 1366, "height": 900}, "is_mobile": False}


def client_with_todays_plan():
    trainer = TrainerFactory(email="tara@example.com", display_name="Tara Trainer")
    client = ClientFactory(email="cody@example.com", display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=client)
    plan = PlanFactory(client=client, author=trainer, name="Block 1", status="active")
    day = PlanDayFactory(plan=plan, name="Push A", position=0)
    for position in range(3):
        item = PlanExerciseFactory(day=day, position=position, exercise=Exercise.objects.filter(owner=None)[position])
        for set_position in range(3):
            PlanSetFactory(plan_exercise=item, position=set_position)
    return client


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_client_lands_on_today_and_starts_in_one_tap(catalogue, new_page, screenshot, size):  # noqa: F811
    client = client_with_todays_plan()
    page = new_page(**(LAPTOP if size == "laptop" else {}))
    log_in(page, client.email)

    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    start = page.get_by_role("button", name="Start Push A")
    expect(start).to_be_in_viewport()  # no scrolling to reach it
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    screenshot(page, f"today-{size}")

    start.click()
    expect(page).to_have_url(re.compile(r"/workouts/[0-9a-f-]+/log/$"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/history/$"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="History")).to_have_attribute(
        "aria-current", "page"
    )


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_signed_out_visitor_reads_what_fitnesspr_is(new_page, screenshot, size):
    page = new_page(**(LAPTOP if size == "laptop" else {}))
    page.goto("/")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_be_visible()
    expect(main.get_by_text("FitnessPr is where personal trainers build workout plans")).to_be_visible()
    expect(main.get_by_role("button", name="Sign up")).to_be_in_viewport()
    expect(main.get_by_role("button", name="Log in")).to_be_in_viewport()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    screenshot(page, f"landing-{size}")
    main.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/signup/$"))


def test_connecting_hevy_shows_the_check_and_a_clear_message_when_hevy_is_unreachable(new_page, screenshot, settings):
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.HEVY_API_BASE_URL = f"http://127.0.0.1:{port}"
    client = ClientFactory(email="cody@example.com", display_name="Cody Client")
    page = new_page()
    log_in(page, client.email)
    page.goto("/settings/hevy/")
    page.get_by_label(re.compile("API key", re.I)).fill("4f7c2d9e-1b3a-4c5d-8e6f-70a1b2c3d9f1")
    # First the waiting state: a listener after hevy.js's stops this one submission, so the page stays to be read.
    page.evaluate("window.addEventListener('submit', (event) => event.preventDefault(), {once: true})")
    page.get_by_role("button", name="Connect").click()
    busy = page.get_by_role("button", name="Checking your key with Hevy…")
    expect(busy).to_be_disabled()
    expect(busy).to_have_attribute("aria-busy", "true")
    screenshot(page, "hevy-checking")

    # Then the real answer: Hevy cannot be reached, said plainly, within seconds.
    page.reload()
    page.get_by_label(re.compile("API key", re.I)).fill("4f7c2d9e-1b3a-4c5d-8e6f-70a1b2c3d9f1")
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_text("Hevy could not be reached to check your key")).to_be_visible(timeout=5000)
    expect(page.get_by_role("button", name="Connect")).to_be_enabled()
    screenshot(page, "hevy-unreachable")
