"""Hevy, on a phone: a client finds the Hevy page from Settings, pastes a key (checked against the fake Hevy server on
loopback), sees it connected with only its last four characters, presses "Sync now", watches the sync go from
queued to finished, and finds the imported workouts in their history.

"Sync now" queues the sync; a worker runs it. Here the queue is caught (`hevy_sync.delay` patched) and the test then
runs the task itself, as the worker would, while the page is open. The live server speaks WSGI only (no WebSocket),
so the page shows the progress through its fallback: the list of syncs polls every 2 s while a sync is queued or
running (templates/integrations/partials/hevy_sync_section.html) and the progress line follows it (hevy.js).
"""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import ClientFactory
from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from integrations.tasks import hevy_sync
from integrations.tests.fake_hevy import FakeHevy, seed_demo
from tests.browser.test_clients_page import log_in
from tests.browser.test_workouts_flow import catalogue, watch  # noqa: F401  (catalogue is a fixture)
from workouts.models import Exercise, Workout, WorkoutSet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY = "4f7c2d9e-1b3a-4c5d-8e6f-70a1b2c3d9f1"


@pytest.fixture
def fake_hevy(settings):
    """The fake Hevy account on loopback: four workouts of the last days (one with a custom template)."""
    fake = FakeHevy(KEY).start()
    seed_demo(fake, count=4)
    settings.HEVY_API_BASE_URL = fake.url
    settings.HEVY_PAGE_PAUSE_SECONDS = 0
    yield fake
    fake.stop()


def test_connect_sync_now_watch_progress_and_see_the_workouts(catalogue, fake_hevy, new_page, screenshot):  # noqa: F811
    client = ClientFactory(email="cody@example.com", display_name="Cody Client")
    page = new_page()
    problems = watch(page)
    log_in(page, client.email)

    # 1. More, Settings, Connected apps: Hevy.
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("More").click()
    nav.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Hevy →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hevy")
    expect(page.get_by_role("button", name="Sync now")).to_have_count(0)

    # 2. Paste the key: Hevy is asked (user info) before it is saved; only its last four characters show.
    page.get_by_label("Hevy API key").fill(KEY)
    with page.expect_navigation():
        page.get_by_role("button", name="Connect").click()
    expect(page.get_by_role("status").filter(has_text="Hevy is connected as Hevy Tester.")).to_be_visible()
    expect(page.locator("#hevy-status")).to_have_text(
        re.compile(r"^\s*Connected as Hevy Tester\s+with the key ending in d9f1\.\s*$")
    )
    assert KEY not in page.content()
    expect(page.get_by_label("Hevy API key")).to_have_value("")
    assert fake_hevy.requests("GET", "/v1/user/info")[-1].headers["api-key"] == KEY
    connection = HevyConnection.objects.get(user=client)
    assert connection.key_last4 == "d9f1" and connection.status == "valid"
    screenshot(page, "70-hevy-connected")

    # 3. Sync now: the sync is queued (the worker has not picked it up yet).
    with patch.object(hevy_sync, "delay") as queue, page.expect_navigation():
        page.get_by_role("button", name="Sync now").click()
    expect(page.get_by_role("status").filter(has_text="Sync started.")).to_be_visible()
    progress = page.locator("#hevy-progress")
    expect(progress).to_have_text(re.compile(r"^\s*Sync queued: 0 pages,\s+0 new, 0 updated,\s+0 deleted\.\s*$"))
    run = HevySyncRun.objects.get(connection=connection)
    row = page.locator(f"#run-{run.pk}")
    expect(row).to_contain_text("Queued")
    screenshot(page, "71-hevy-sync-queued")
    page.evaluate("window.__noReload = 1")
    assert queue.call_count == 1

    # 4. The worker runs it (as Celery would, with the queued arguments); the open page follows, with no reload.
    # (Its live events are left out: Playwright's event loop runs in this thread, where the channel layer cannot.)
    with patch("notifications.realtime.push_to_user"):
        status = hevy_sync.apply(args=queue.call_args.args, kwargs=queue.call_args.kwargs).get()
    assert status == SyncStatus.SUCCEEDED
    expect(progress).to_have_text("Sync finished: 1 pages, 4 new, 0 updated, 0 deleted.")
    expect(row).to_contain_text("Succeeded")
    expect(row.get_by_role("cell")).to_have_text([re.compile(r"\d"), "Sync now", "Succeeded", "4", "0", "0"])
    expect(page.locator("#hevy-sync-section")).not_to_contain_text("Last synced: never")
    assert page.evaluate("window.__noReload") == 1
    screenshot(page, "72-hevy-sync-finished")

    imported = Workout.objects.filter(user=client, source="hevy")
    assert imported.count() == 4 and set(imported.values_list("hevy_id", flat=True)) == set(fake_hevy.workouts)
    assert WorkoutSet.objects.filter(workout_exercise__workout__in=imported).count() == 4 * (4 + 3 + 2)
    assert Exercise.objects.filter(owner=client, name="Sled Push (Heavy)").exists()  # the custom template

    # 5. The workouts are in the history, with their exercises.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    expect(page.get_by_role("link", name="Lower body")).to_have_count(2)
    expect(page.get_by_role("link", name="Upper body")).to_have_count(2)
    expect(page.get_by_text("Squat (Barbell), Deadlift (Barbell), Sled Push (Heavy)").first).to_be_visible()
    expect(page.get_by_text("Bench Press (Barbell), Bicep Curl (Dumbbell), Pull Up").first).to_be_visible()
    screenshot(page, "73-hevy-history")

    assert not problems, "\n".join(problems)
    assert not page.csp_violations, "\n".join(page.csp_violations)


def test_the_send_to_hevy_caption_sits_beside_its_button(new_page, screenshot):
    """On a laptop and on a phone, the caption is on the button's line, centred on it, never above it."""
    from accounts.tests.factories import CoachingLinkFactory, TrainerFactory
    from workouts.tests.factories import PlanFactory

    trainer = TrainerFactory(email="tara@example.com")
    client = ClientFactory(email="cody@example.com", display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=client)
    plan = PlanFactory(client=client, author=trainer, name="Block")
    for options, size in (({"viewport": {"width": 1366, "height": 900}, "is_mobile": False}, "laptop"), ({}, "phone")):
        page = new_page(**options)
        log_in(page, trainer.email)
        page.goto(f"/plans/{plan.pk}/")
        button = page.get_by_role("button", name="Send to Hevy").bounding_box()
        caption = page.locator("#plan-push-caption")
        expect(caption).to_contain_text("as routines in Cody Client")
        caption = caption.bounding_box()
        assert caption["x"] >= button["x"] + button["width"], (size, button, caption)  # beside, not above or under
        middles = (button["y"] + button["height"] / 2, caption["y"] + caption["height"] / 2)
        assert abs(middles[0] - middles[1]) <= 3, (size, button, caption)  # centred on the button
        assert button["width"] < 200  # not stretched across a phone
        screenshot(page, f"hevy-send-to-hevy-{size}")
