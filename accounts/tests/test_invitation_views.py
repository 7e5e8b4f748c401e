"""The invitation link: sign up from it, accept it with an existing client account, or a clear error page."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CoachingLink, InvitationStatus, User
from accounts.tests.factories import DEFAULT_PASSWORD, ClientFactory, InvitationFactory, TrainerFactory

pytestmark = pytest.mark.django_db

TOKEN = "the-invitation-token"
URL = reverse("accounts:invitation_accept", args=[TOKEN])


@pytest.fixture
def invitation(trainer):
    return InvitationFactory(trainer=trainer, email="invited@example.com", token=TOKEN)


def signup_data(**overrides):
    data = {
        "display_name": "Ivy Invited",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "units": "lb",
        "time_zone": "Europe/Berlin",
    }
    data.update(overrides)
    return data


# --- A new person signs up from the link -------------------------------------------------------


def test_anonymous_visitor_sees_the_invitation_and_a_signup_form(client, invitation):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tara Trainer invites you to train with them" in html
    assert invitation.expires_at.strftime("%-d %B %Y") in html
    assert 'value="invited@example.com"' in html and "disabled" in html
    login_url = reverse("accounts:login") + "?next=" + quote(URL, safe="")
    assert f'href="{login_url}"' in html
    assert 'name="role"' not in html


def test_signing_up_from_the_invitation_links_the_new_client(client, trainer, invitation):
    response = client.post(URL, signup_data(email="attacker@example.com"), follow=True)
    # A new client is asked for their training profile first (once, skippable: test_client_page.py).
    assert response.redirect_chain == [(reverse("accounts:profile_step"), 302)]
    user = User.objects.get(email="invited@example.com")  # the invited address, whatever was posted
    assert user.is_client and user.time_zone == "Europe/Berlin" and user.units == "lb"
    assert CoachingLink.objects.get(client=user, ended_at__isnull=True).trainer == trainer
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user
    assert "Welcome, Ivy Invited! You now train with Tara Trainer." in [str(m) for m in response.context["messages"]]
    assert "Tara Trainer" in response.content.decode()
    assert not User.objects.filter(email="attacker@example.com").exists()


def test_signup_from_the_invitation_shows_form_errors(client, invitation):
    response = client.post(URL, signup_data(password1="short", password2="short"))
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="invited@example.com").exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_signup_from_the_invitation_with_an_existing_account_says_log_in(client, invitation):
    ClientFactory(email="invited@example.com")
    response = client.post(URL, signup_data())
    assert response.status_code == 200
    assert (
        "An account with this email address already exists. Log in instead."
        in response.context["form"].non_field_errors()
    )


def test_log_in_link_comes_back_to_the_invitation(client, trainer, invitation):
    ClientFactory(email="invited@example.com")
    response = client.post(
        reverse("accounts:login") + "?next=" + quote(URL, safe=""),
        {"username": "invited@example.com", "password": DEFAULT_PASSWORD},
    )
    assert response.url == URL
    assert "Accept invitation" in client.get(URL).content.decode()


# --- An existing client accepts -----------------------------------------------------------------


def test_existing_client_accepts(login, trainer, invitation):
    invited = ClientFactory(email="invited@example.com")
    client = login(invited)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Accept invitation" in page.content.decode() and "ends that coaching" not in page.content.decode()
    response = client.post(URL)
    assert response.url == reverse("accounts:profile_step")  # not asked for their training profile yet
    assert CoachingLink.objects.get(client=invited, ended_at__isnull=True).trainer == trainer


def test_accepting_warns_about_and_ends_the_current_coaching(login, trainer, other_trainer, other_client):
    InvitationFactory(trainer=trainer, email=other_client.email, token=TOKEN)
    client = login(other_client)
    html = client.get(URL).content.decode()
    assert "You train with Otto Other now. Accepting ends that coaching" in html
    assert "Switch to Tara Trainer" in html
    client.post(URL)
    links = CoachingLink.objects.filter(client=other_client)
    assert links.get(ended_at__isnull=True).trainer == trainer
    assert links.get(trainer=other_trainer).ended_at is not None


def test_accept_by_a_client_who_already_trains_with_this_trainer(login, trainer, their_client):
    InvitationFactory(trainer=trainer, email=their_client.email, token=TOKEN)
    response = login(their_client).get(URL)
    assert response.status_code == 409
    assert "You already train with Tara Trainer." in response.content.decode()


# --- Every way it can go wrong ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "status", "message"),
    [
        ({"token": "another-token"}, 404, "This invitation link is not valid."),
        ({"status": InvitationStatus.ACCEPTED}, 410, "This invitation has already been used."),
        ({"status": InvitationStatus.REVOKED}, 410, "This invitation was withdrawn by the trainer."),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, 410, "This invitation has expired."),
    ],
    ids=["bad", "used", "revoked", "expired"],
)
def test_unusable_invitations_get_a_clear_page(client, trainer, setup, status, message):
    InvitationFactory(trainer=trainer, email="invited@example.com", **{"token": TOKEN, **setup})
    for method in (client.get, client.post):
        response = method(URL, signup_data())
        assert response.status_code == status
        assert message in response.content.decode()
        assert response.templates[0].name == "accounts/invitation_problem.html"
    assert not User.objects.filter(email="invited@example.com").exists()


def test_a_client_with_another_email_gets_a_clear_page(login, their_client, invitation):
    client = login(their_client)
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This invitation was sent to another email address, not to client@example.com." in html
    assert "Log out and use the invited address" in html
    assert client.post(URL).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    # "Log out and use the invited address" comes back to the invitation, now as a visitor.
    assert client.post(reverse("accounts:logout") + "?next=" + quote(URL, safe="")).url == URL
    assert "Create account and accept" in client.get(URL).content.decode()


def test_a_trainer_with_the_invited_address_gets_a_clear_page(login, invitation):
    user = TrainerFactory(email="invited@example.com")
    response = login(user).get(URL)
    assert response.status_code == 403
    assert "Only a client account can accept an invitation." in response.content.decode()


def test_the_inviting_trainer_opening_their_own_link_gets_a_clear_page(login, trainer, invitation):
    response = login(trainer).get(URL)
    assert response.status_code == 403
    assert "sent to another email address" in response.content.decode()
