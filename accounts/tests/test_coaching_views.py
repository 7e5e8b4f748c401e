"""The trainer's Clients page (invite, revoke, end coaching) and the client's My trainer page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CoachingLink, InvitationStatus
from accounts.selectors import invitation_get_by_token
from accounts.tests.factories import ClientFactory, CoachingLinkFactory, InvitationFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Clients page ------------------------------------------------------------------------------


def test_clients_page_shows_only_the_trainers_own_clients_and_invitations(
    login, trainer, their_client, other_client, other_trainer
):
    InvitationFactory(trainer=trainer, email="pending@example.com")
    InvitationFactory(trainer=other_trainer, email="someone-elses@example.com")
    response = login(trainer).get(reverse("accounts:clients"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cody Client" in html and "client@example.com" in html and "Build muscle" in html
    assert "pending@example.com" in html
    assert "Olga Other" not in html and "someone-elses@example.com" not in html
    assert [link.client for link in response.context["links"]] == [their_client]


def test_clients_page_shows_expired_invitations_as_expired(login, trainer):
    InvitationFactory(trainer=trainer, email="late@example.com", expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(trainer=trainer, email="used@example.com", status=InvitationStatus.ACCEPTED)
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    assert re.search(r"late@example\.com.*?badge badge-expired\">Expired<", html, re.S)
    assert "Send again" in html
    assert "used@example.com" not in html


def test_clients_page_empty_state(login, trainer):
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    assert "No clients yet" in html and "No pending invitations." in html


@pytest.mark.parametrize("person", ["their_client", "staff_user"])
def test_clients_page_is_404_for_clients(request, login, person):
    assert login(request.getfixturevalue(person)).get(reverse("accounts:clients")).status_code == 404


def test_clients_page_needs_login(client):
    response = client.get(reverse("accounts:clients"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("clients", [2, 20])
def test_clients_page_query_count_does_not_grow(login, trainer, clients, django_assert_num_queries):
    for n in range(clients):
        CoachingLinkFactory(trainer=trainer, client=ClientFactory())
        InvitationFactory(trainer=trainer, email=f"invitee-{n}@example.com")
    client = login(trainer)
    # 1 session, 2 user, 3 active links with clients and their profiles, 4 pending invitations, 5 what the
    # integrations show on each client row (their Hevy connections, one query for all).
    with django_assert_num_queries(5):
        response = client.get(reverse("accounts:clients"))
    assert len(response.context["links"]) == clients and len(response.context["invitations"]) == clients


# --- Inviting ----------------------------------------------------------------------------------


def test_invite_sends_an_email_with_the_accept_link(
    login, trainer, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://fit.example"
    client = login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:clients"), {"email": "New.Client@Example.com"})
    assert response.status_code == 302 and response.url == reverse("accounts:clients")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.client@example.com"]
    assert message.subject == "Tara Trainer invites you to train with them on FitnessPr"
    token = re.search(r"https://fit\.example/invite/([\w-]+)/", message.body).group(1)
    invitation = invitation_get_by_token(token)
    assert invitation.trainer == trainer and invitation.email == "new.client@example.com"
    page = client.get(reverse("accounts:clients"))
    assert "Invitation sent to new.client@example.com." in messages_of(page)
    assert "new.client@example.com" in page.content.decode()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-email", "Enter a valid email address."),
        ("trainer@example.com", "That is you."),
        ("client@example.com", "Already your client."),
    ],
)
def test_invite_errors_are_shown_on_the_form(login, trainer, their_client, mailoutbox, email, message):
    response = login(trainer).post(reverse("accounts:clients"), {"email": email})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [message]
    assert 'id="id_email_error"' in response.content.decode()
    assert mailoutbox == []


def test_clients_cannot_invite(login, their_client):
    response = login(their_client).post(reverse("accounts:clients"), {"email": "friend@example.com"})
    assert response.status_code == 404


# --- Revoking ----------------------------------------------------------------------------------


def test_revoke_an_invitation(login, trainer):
    invitation = InvitationFactory(trainer=trainer, email="maybe@example.com")
    client = login(trainer)
    assert client.get(reverse("accounts:invitation_revoke", args=[invitation.pk])).status_code == 405
    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]), follow=True)
    assert response.redirect_chain == [(reverse("accounts:clients"), 302)]
    assert "The invitation to maybe@example.com is revoked." in messages_of(response)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]), follow=True)
    assert "This invitation is already revoked." in messages_of(response)


def test_revoke_with_htmx_returns_the_section_and_the_message(login, trainer):
    invitation = InvitationFactory(trainer=trainer, email="maybe@example.com")
    InvitationFactory(trainer=trainer, email="still@example.com")
    response = login(trainer).post(reverse("accounts:invitation_revoke", args=[invitation.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and 'id="invitation-section"' in html
    assert "still@example.com" in html and "maybe@example.com is revoked" in html
    assert '<div id="messages" hx-swap-oob="true">' in html


@pytest.mark.parametrize("stranger", ["other_trainer", "their_client"])
def test_strangers_cannot_revoke(request, login, trainer, stranger):
    invitation = InvitationFactory(trainer=trainer)
    response = login(request.getfixturevalue(stranger)).post(
        reverse("accounts:invitation_revoke", args=[invitation.pk])
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


# --- Ending coaching ---------------------------------------------------------------------------


def test_trainer_ends_coaching(login, trainer, their_client):
    link = CoachingLink.objects.get(client=their_client)
    client = login(trainer)
    assert client.get(reverse("accounts:link_end", args=[link.pk])).status_code == 405
    response = client.post(reverse("accounts:link_end", args=[link.pk]), follow=True)
    assert response.redirect_chain == [(reverse("accounts:clients"), 302)]
    assert "You no longer coach Cody Client." in messages_of(response)
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == trainer
    assert response.context["links"] == []


def test_end_coaching_with_htmx_returns_the_client_section(login, trainer, their_client):
    link = CoachingLink.objects.get(client=their_client)
    response = login(trainer).post(reverse("accounts:link_end", args=[link.pk]), **HTMX)
    html = response.content.decode()
    assert 'id="client-section"' in html and "No clients yet" in html
    assert "You no longer coach Cody Client." in html


def test_clients_sections_refresh_themselves_with_htmx(login, trainer, their_client):
    client = login(trainer)
    response = client.get(reverse("accounts:clients"), HTTP_HX_TARGET="client-section", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "Cody Client" in html and "<html" not in html
    response = client.get(reverse("accounts:clients"), HTTP_HX_TARGET="invitation-section", **HTMX)
    assert 'id="invitation-section"' in response.content.decode()


@pytest.mark.parametrize("stranger", ["other_trainer", "other_client"])
def test_strangers_cannot_end_a_link(request, login, their_client, stranger):
    link = CoachingLink.objects.get(client=their_client)
    response = login(request.getfixturevalue(stranger)).post(reverse("accounts:link_end", args=[link.pk]))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.ended_at is None


# --- My trainer --------------------------------------------------------------------------------


def test_my_trainer_shows_the_trainer(login, trainer, their_client):
    trainer.trainer_profile.certifications = "NSCA-CSCS\n\nPN1"
    trainer.trainer_profile.specialties = "strength, mobility"
    trainer.trainer_profile.save()
    response = login(their_client).get(reverse("accounts:my_trainer"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tara Trainer" in html and "Strength coach." in html and "strength, mobility" in html
    assert "<li>NSCA-CSCS</li>" in html and "<li>PN1</li>" in html
    assert "Leave trainer" in html and 'data-confirm="Leave Tara Trainer?' in html
    assert "Your trainer since" in html


def test_my_trainer_empty_state_and_past_trainers(login, other_trainer):
    loner = ClientFactory(display_name="Lee Loner")
    CoachingLinkFactory(
        trainer=other_trainer,
        client=loner,
        started_at=timezone.now() - timedelta(days=90),
        ended_at=timezone.now() - timedelta(days=30),
    )
    html = login(loner).get(reverse("accounts:my_trainer")).content.decode()
    assert "You have no trainer yet" in html and "accept the invitation" in html
    assert "Past trainers" in html and "Otto Other" in html


def test_client_leaves_their_trainer(login, trainer, their_client):
    link = CoachingLink.objects.get(client=their_client)
    response = login(their_client).post(reverse("accounts:link_end", args=[link.pk]), follow=True)
    assert response.redirect_chain == [(reverse("accounts:my_trainer"), 302)]
    assert "You left Tara Trainer. Your own data stays yours." in messages_of(response)
    link.refresh_from_db()
    assert link.ended_by == their_client
    assert "You have no trainer yet" in response.content.decode()
    assert "Past trainers" in response.content.decode()


def test_my_trainer_is_404_for_trainers(login, trainer):
    assert login(trainer).get(reverse("accounts:my_trainer")).status_code == 404
