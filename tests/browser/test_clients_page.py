"""The Clients page in a phone browser: htmx actions (with their confirmation) and error messages."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from accounts.models import CoachingLink, InvitationStatus
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    ClientFactory,
    CoachingLinkFactory,
    InvitationFactory,
    TrainerFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():  # the next page, scripts included, is loaded before the test goes on
        page.get_by_role("button", name="Log in").click()


def test_revoke_and_end_coaching_update_the_page_in_place(new_page, screenshot):
    trainer = TrainerFactory(email="tara@example.com", display_name="Tara Trainer")
    link = CoachingLinkFactory(trainer=trainer, client=ClientFactory(display_name="Cody Client"))
    invitation = InvitationFactory(trainer=trainer, email="maybe@example.com")
    page = new_page()
    log_in(page, trainer.email)
    expect(page.locator("#client-section")).to_contain_text("Cody Client")

    page.on("dialog", lambda dialog: dialog.accept())
    page.evaluate("window.__notReloaded = true")
    page.locator("#invitation-section").get_by_role("button", name="Revoke").click()
    expect(
        page.get_by_role("status").filter(has_text="The invitation to maybe@example.com is revoked.")
    ).to_be_visible()
    expect(page.locator("#invitation-section")).to_contain_text("No pending invitations.")
    page.locator("#client-section").get_by_role("button", name="End coaching").click()
    expect(page.locator("#client-section")).to_contain_text("No clients yet")
    expect(page.get_by_role("status").filter(has_text="You no longer coach Cody Client.")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True  # htmx swapped the sections: no full reload
    screenshot(page, "10-clients-after-htmx")

    invitation.refresh_from_db()
    link.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED and link.ended_at is not None
    assert page.csp_violations == []


def test_a_dismissed_confirmation_changes_nothing(new_page):
    trainer = TrainerFactory(email="tara@example.com")
    link = CoachingLinkFactory(trainer=trainer)
    page = new_page()
    log_in(page, trainer.email)
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.locator("#client-section").get_by_role("button", name="End coaching").click()
    page.wait_for_timeout(300)
    assert CoachingLink.objects.get(pk=link.pk).ended_at is None


def test_lockout_and_form_errors_are_readable(new_page, screenshot, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    TrainerFactory(email="tara@example.com")
    page = new_page()
    for _ in range(3):
        log_in(page, "tara@example.com", "wrong password")
    log_in(page, "tara@example.com")
    expect(page.get_by_role("alert")).to_contain_text("Too many failed attempts. Please wait 15 minutes")
    screenshot(page, "11-login-locked")

    page.goto("/signup/")
    page.get_by_label("Email").fill("someone@example.com")
    page.get_by_label("Password", exact=True).fill("12345678")
    page.get_by_label("Password again").fill("87654321")
    page.get_by_role("button", name="Create account").click()
    again = page.get_by_label("Password again")
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_have_attribute("aria-describedby", "id_password2_error")
    expect(page.locator("#id_password2_error")).to_contain_text("The two passwords do not match.")
    expect(page.locator("#id_display_name_error")).to_contain_text("This field is required.")
    expect(page.get_by_label("Your name")).to_be_focused()  # the first refused field, by static/js/app.js
    screenshot(page, "12-signup-errors")


def expect_loaded(image: Locator) -> None:
    """The picture is shown and its file loaded. The <img> has a width and height, so it is visible before its
    file arrives: wait for the browser to finish loading it (`complete`) before asking its size."""
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0  # a broken picture is complete too, with no width


def test_avatar_upload_shows_the_private_picture_to_the_client_and_their_trainer(
    new_page, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    trainer = TrainerFactory(email="tara@example.com")
    cody = ClientFactory(email="cody@example.com", display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=cody)
    picture = tmp_path / "me.png"
    Image.new("RGB", (300, 200), (30, 120, 200)).save(picture)

    client_page = new_page()
    log_in(client_page, cody.email)
    client_page.goto("/settings/")
    client_page.get_by_label("New picture").set_input_files(str(picture))
    client_page.get_by_role("button", name="Upload picture").click()
    expect(client_page.get_by_role("status").filter(has_text="Your picture is updated.")).to_be_visible()
    avatar = client_page.get_by_role("img", name="Picture of Cody Client")
    expect_loaded(avatar)
    screenshot(client_page, "13-settings-with-avatar")

    trainer_page = new_page()
    log_in(trainer_page, trainer.email)
    avatar = trainer_page.locator("#client-section").get_by_role("img", name="Picture of Cody Client")
    expect_loaded(avatar)
    screenshot(trainer_page, "14-clients-with-avatar")


def test_client_list_refreshes_itself_on_a_live_event(new_page):
    trainer = TrainerFactory(email="tara@example.com")
    page = new_page()
    log_in(page, trainer.email)
    expect(page.locator("#client-section")).to_contain_text("No clients yet")
    page.evaluate("window.__notReloaded = true")
    CoachingLinkFactory(trainer=trainer, client=ClientFactory(display_name="Nina New"))
    # What static/js/realtime.js dispatches when the server pushes "coaching.client_joined".
    page.evaluate("document.dispatchEvent(new CustomEvent('fitnesspr:coaching.client_joined', {detail: {}}))")
    expect(page.locator("#client-section")).to_contain_text("Nina New")
    assert page.evaluate("window.__notReloaded") is True


def test_a_new_invitation_link_is_shown_once_and_copied(new_page, screenshot):
    from accounts.selectors import invitation_get_by_token

    trainer = TrainerFactory(email="tara@example.com")
    invitation = InvitationFactory(trainer=trainer, email="lost-the-email@example.com", token="old-token")
    for options, size in (({}, "phone"), ({"viewport": {"width": 1366, "height": 900}, "is_mobile": False}, "laptop")):
        page = new_page(permissions=["clipboard-read", "clipboard-write"], **options)
        log_in(page, trainer.email)
        card = page.locator(f"#invitation-{invitation.pk}")
        expect(card).to_contain_text("Replaces the link: the old one stops working.")
        screenshot(page, f"15-invitation-new-link-button-{size}")
        page.evaluate("window.__notReloaded = true")
        card.get_by_role("button", name="New link").click()
        field = page.locator(f"#invitation-{invitation.pk}").get_by_label("The new link, shown only now")
        expect(field).to_be_visible()
        url = field.input_value()
        assert "/invite/" in url and page.evaluate("window.__notReloaded") is True  # htmx swapped the section
        expect(page.get_by_role("status").filter(has_text="The old link no longer works.")).to_be_visible()
        copy = page.locator(f'button[data-copy="new-link-{invitation.pk}"]')
        expect(copy).to_have_text("Copy")
        copy.click()
        expect(copy).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == url
        assert invitation_get_by_token(url.rstrip("/").rsplit("/", 1)[-1]).pk == invitation.pk
        assert invitation_get_by_token("old-token") is None
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        screenshot(page, f"16-invitation-new-link-shown-{size}")
        assert page.csp_violations == []
