"""The foundation's end-to-end flow on a phone: a trainer signs up and invites a client, who joins from the email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import CoachingLink, User

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-passphrase-42"


@pytest.mark.django_db(transaction=True)
def test_trainer_invites_a_client_who_signs_up_from_the_email(live_server, settings, new_page, screenshot, request):
    # Opening the used link again answers 410 Gone on purpose (its page explains why).
    request.node.expected_console_errors = ("status of 410 (Gone)", "410 GET")
    settings.SITE_URL = live_server.url
    mail.outbox = []

    # The trainer signs up (on a phone, in Paris).
    trainer_page = new_page(timezone_id="Europe/Paris")
    trainer_page.goto("/")  # a signed-out visitor reads what FitnessPr is, with sign-in and sign-up
    expect(trainer_page.get_by_role("button", name="Log in")).to_be_visible()
    screenshot(trainer_page, "01-login")
    trainer_page.get_by_role("link", name="Sign up").first.click()
    screenshot(trainer_page, "02-signup")
    trainer_page.get_by_label("Email").fill("tara@example.com")
    trainer_page.get_by_label("Your name").fill("Tara Trainer")
    trainer_page.get_by_label("Password", exact=True).fill(PASSWORD)
    trainer_page.get_by_label("Password again").fill(PASSWORD)
    trainer_page.get_by_label("Trainer: I coach clients").check()
    trainer_page.get_by_role("button", name="Create account").click()
    expect(trainer_page).to_have_url(re.compile(r"/clients/$"))
    expect(trainer_page.get_by_role("heading", name="Clients", exact=True)).to_be_visible()
    expect(trainer_page.get_by_text("No clients yet")).to_be_visible()
    trainer = User.objects.get(email="tara@example.com")
    assert trainer.is_trainer and trainer.time_zone == "Europe/Paris"  # filled in by static/js/app.js

    # They invite a client by email.
    trainer_page.get_by_label("Client's email").fill("cody@example.com")
    trainer_page.get_by_role("button", name="Send invitation").click()
    expect(trainer_page.get_by_role("status").filter(has_text="Invitation sent to cody@example.com.")).to_be_visible()
    expect(trainer_page.locator("#invitation-section")).to_contain_text("cody@example.com")
    screenshot(trainer_page, "03-clients-with-invitation")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cody@example.com"]
    accept_url = re.search(rf"{re.escape(live_server.url)}/invite/\S+/", mail.outbox[0].body).group(0)

    # The client opens the link in their own browser and signs up from it.
    client_page = new_page(timezone_id="America/New_York")
    client_page.goto(accept_url)
    expect(client_page.get_by_role("heading", name="Tara Trainer invites you to train with them")).to_be_visible()
    expect(client_page.get_by_label("Email")).to_have_value("cody@example.com")
    expect(client_page.get_by_label("Email")).to_be_disabled()
    screenshot(client_page, "04-invitation-signup")
    client_page.get_by_label("Your name").fill("Cody Client")
    client_page.get_by_label("Password", exact=True).fill(PASSWORD)
    client_page.get_by_label("Password again").fill(PASSWORD)
    client_page.get_by_role("button", name="Create account and accept").click()
    # Once, right after joining: the training profile the trainer plans from (skippable).
    expect(client_page).to_have_url(re.compile(r"/welcome/profile/$"))
    expect(client_page.get_by_role("button", name="Skip for now")).to_be_visible()
    screenshot(client_page, "05-profile-step")
    client_page.get_by_label("Main goal").select_option("get_stronger")
    client_page.get_by_label("Training days per week").fill("4")
    client_page.get_by_label("Injuries and movements to avoid").fill("Bad left knee: no jumping")
    client_page.get_by_role("button", name="Save profile").click()
    expect(
        client_page.get_by_role("status").filter(has_text="Your trainer now sees your training profile")
    ).to_be_visible()
    client_page.goto("/my-trainer/")
    expect(client_page.get_by_role("heading", name="Tara Trainer")).to_be_visible()
    screenshot(client_page, "05-my-trainer")
    cody = User.objects.get(email="cody@example.com")
    assert cody.is_client and cody.time_zone == "America/New_York"
    assert CoachingLink.objects.get(client=cody, ended_at__isnull=True).trainer == trainer

    # The trainer reloads the Clients page and sees their new client; the invitation is no longer pending.
    trainer_page.reload()
    expect(trainer_page.locator("#client-section")).to_contain_text("Cody Client")
    expect(trainer_page.locator("#client-section")).to_contain_text("cody@example.com")
    expect(trainer_page.locator("#invitation-section")).to_contain_text("No pending invitations.")
    screenshot(trainer_page, "06-clients")
    trainer_page.locator("#client-section").get_by_role("link", name="Cody Client", exact=True).click()
    expect(trainer_page.locator("#client-profile")).to_contain_text("Get stronger")
    expect(trainer_page.locator("#client-profile")).to_contain_text("Bad left knee: no jumping")
    trainer_page.go_back()

    # The used link now explains itself.
    client_page.goto(accept_url)
    expect(client_page.get_by_role("alert")).to_contain_text("This invitation has already been used.")
    screenshot(client_page, "07-invitation-used")

    trainer_page.goto("/settings/")
    screenshot(trainer_page, "08-trainer-settings")
    client_page.goto("/settings/")
    screenshot(client_page, "09-client-settings")

    assert trainer_page.csp_violations == [] and client_page.csp_violations == []
