"""A pending invitation's "New link": its token is stored hashed, so a lost link is replaced, never shown again.

The old link stops working, the new one is shown once (page and API) and, when asked, emailed again.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import InvitationStatus
from accounts.selectors import hash_token, invitation_get_by_token
from accounts.tests.factories import InvitationFactory
from fitnesspr.errors import ConflictError
from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
OLD_TOKEN = "the-old-token"


@pytest.fixture
def invitation(trainer):
    return InvitationFactory(
        trainer=trainer, email="newbie@example.com", token=OLD_TOKEN, expires_at=timezone.now() + timedelta(days=1)
    )


def page_url(invitation) -> str:
    return reverse("accounts:invitation_new_link", args=[invitation.pk])


def api_url(invitation) -> str:
    return reverse("api:invitation-new-link", args=[invitation.pk])


def token_of(url: str) -> str:
    return re.search(r"/invite/([\w-]+)/", url).group(1)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Service -----------------------------------------------------------------------------------------


def test_a_new_link_replaces_the_token_and_renews_the_expiry(trainer, invitation, mailoutbox):
    before = invitation.expires_at
    updated, token = services.invitation_new_link(trainer=trainer, invitation=invitation)
    assert token != OLD_TOKEN and updated.token_hash == hash_token(token)
    assert invitation_get_by_token(OLD_TOKEN) is None
    assert invitation_get_by_token(token).pk == invitation.pk
    assert updated.status == InvitationStatus.PENDING and updated.expires_at > before + timedelta(days=5)
    assert mailoutbox == []  # not asked to email it


def test_a_new_link_can_be_emailed_again(trainer, invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _, token = services.invitation_new_link(trainer=trainer, invitation=invitation, resend=True)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["newbie@example.com"]
    assert services.invitation_url(token) in mailoutbox[0].body


def test_an_expired_invitation_gets_a_working_link_again(trainer, invitation):
    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save(update_fields=["expires_at"])
    _, token = services.invitation_new_link(trainer=trainer, invitation=invitation)
    assert services.invitation_problem(invitation_get_by_token(token)) is None


@pytest.mark.parametrize("status", [InvitationStatus.ACCEPTED, InvitationStatus.REVOKED])
def test_only_a_pending_invitation_gets_a_new_link(trainer, invitation, status):
    invitation.status = status
    invitation.save(update_fields=["status"])
    with pytest.raises(ConflictError) as raised:
        services.invitation_new_link(trainer=trainer, invitation=invitation)
    assert raised.value.code == "invitation_not_pending"
    assert invitation_get_by_token(OLD_TOKEN).pk == invitation.pk  # unchanged


def test_the_old_link_is_refused_after_a_new_one(client, trainer, invitation):
    services.invitation_new_link(trainer=trainer, invitation=invitation)
    response = client.get(reverse("accounts:invitation_accept", args=[OLD_TOKEN]))
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()


# --- Page --------------------------------------------------------------------------------------------


def test_the_clients_page_offers_a_new_link_and_says_the_old_one_stops_working(login, trainer, invitation):
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    card = re.search(rf'<li class="card invitation-card" id="invitation-{invitation.pk}">.*?</li>', html, re.S)[0]
    assert f'action="{page_url(invitation)}"' in card and f'hx-post="{page_url(invitation)}"' in card
    assert ">New link</button>" in card and "the old one stops working." in card
    assert 'name="send_email"' in card
    assert "/invite/" not in html  # no link to copy until one is made


def test_an_expired_invitation_offers_send_again_rather_than_a_new_link(login, trainer, invitation):
    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save(update_fields=["expires_at"])
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    assert "Send again" in html and ">New link</button>" not in html


def test_the_page_shows_the_new_link_once_with_a_copy_button(login, trainer, invitation, mailoutbox):
    client = login(trainer)
    response = client.post(page_url(invitation))
    assert response.status_code == 200
    html = response.content.decode()
    url = re.search(r'<input type="text" id="new-link-[\w-]+" value="([^"]+)" readonly', html).group(1)
    assert invitation_get_by_token(token_of(url)).pk == invitation.pk
    assert invitation_get_by_token(OLD_TOKEN) is None
    assert f'data-copy="new-link-{invitation.pk}"' in html and ">Copy</button>" in html
    assert "A new link for newbie@example.com is ready. The old link no longer works." in messages_of(response)
    assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # static js only
    assert mailoutbox == []
    assert token_of(url) not in client.get(reverse("accounts:clients")).content.decode()  # shown only once


def test_with_htmx_the_section_comes_back_with_the_new_link(login, trainer, invitation):
    response = login(trainer).post(page_url(invitation), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<section")
    assert 'id="invitation-section"' in html and f'id="new-link-{invitation.pk}"' in html
    assert '<div id="messages" hx-swap-oob="true">' in html


def test_the_page_can_email_the_new_link(login, trainer, invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(trainer).post(page_url(invitation), {"send_email": "on"})
    html = response.content.decode()
    url = re.search(r'id="new-link-[\w-]+" value="([^"]+)"', html).group(1)
    assert len(mailoutbox) == 1 and url in mailoutbox[0].body
    assert "A new link for newbie@example.com is ready and emailed to newbie@example.com." in html


def test_a_new_link_for_a_used_invitation_says_why_not(login, trainer, invitation):
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    response = login(trainer).post(page_url(invitation), follow=True)
    assert response.redirect_chain == [(reverse("accounts:clients"), 302)]
    assert "This invitation is already revoked." in messages_of(response)


def test_new_link_is_post_only(login, trainer, invitation):
    assert login(trainer).get(page_url(invitation)).status_code == 405


@pytest.mark.parametrize("stranger", ["other_trainer", "their_client", "staff_user"])
def test_strangers_get_404_and_change_nothing(request, login, invitation, stranger):
    response = login(request.getfixturevalue(stranger)).post(page_url(invitation))
    assert response.status_code == 404
    assert invitation_get_by_token(OLD_TOKEN).pk == invitation.pk


# --- API ---------------------------------------------------------------------------------------------


def test_the_api_gives_the_new_accept_url_once(api, trainer, invitation, mailoutbox):
    response = api(trainer).post(api_url(invitation), {}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == str(invitation.pk) and body["status"] == "pending"
    token = token_of(body["accept_url"])
    assert invitation_get_by_token(token).pk == invitation.pk and invitation_get_by_token(OLD_TOKEN) is None
    assert mailoutbox == []
    assert "accept_url" not in api(trainer).get(reverse("api:invitation-detail", args=[invitation.pk])).json()


def test_the_api_can_email_the_new_link(api, trainer, invitation, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        body = api(trainer).post(api_url(invitation), {"send_email": True}, format="json").json()
    assert len(mailoutbox) == 1 and body["accept_url"] in mailoutbox[0].body


def test_the_old_token_is_refused_by_the_api_after_a_new_link(api, trainer, invitation, newcomer):
    api(trainer).post(api_url(invitation), {}, format="json")
    response = api(newcomer).post(reverse("api:invitation-accept"), {"token": OLD_TOKEN}, format="json")
    assert_error(response, 400, "invitation_invalid")


def test_the_api_refuses_a_new_link_for_a_used_invitation(api, trainer, invitation):
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save(update_fields=["status"])
    assert_error(api(trainer).post(api_url(invitation), {}, format="json"), 409, "invitation_not_pending")


@pytest.mark.parametrize("stranger", ["other_trainer", "their_client"])
def test_the_api_answers_404_to_strangers(api, request, invitation, stranger):
    assert_error(api(request.getfixturevalue(stranger)).post(api_url(invitation), {}, format="json"), 404)
    assert invitation_get_by_token(OLD_TOKEN).pk == invitation.pk


def test_the_api_documents_the_action(api):
    schema = api().get(reverse("schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/invitations/{id}/new-link/"]["post"]
    assert operation["summary"] == "Give an invitation a new link"
    assert "old link stops working" in operation["description"]
    assert "accept_url" in str(schema["components"]["schemas"]["InvitationCreated"])


@pytest.fixture
def newcomer(db):
    from accounts.tests.factories import ClientFactory

    return ClientFactory(email="newbie@example.com")
