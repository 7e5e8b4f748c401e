"""`invitations/`: a trainer invites, lists, revokes; a client accepts."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CoachingLink, Invitation, InvitationStatus
from accounts.tests.factories import ClientFactory, InvitationFactory
from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("api:invitation-list")
ACCEPT = reverse("api:invitation-accept")


def detail(invitation) -> str:
    return reverse("api:invitation-detail", args=[invitation.pk])


def revoke(invitation) -> str:
    return reverse("api:invitation-revoke", args=[invitation.pk])


def days(n: int) -> timezone.datetime:
    return timezone.now() + timezone.timedelta(days=n)


# --- Create ----------------------------------------------------------------------------------------


def test_trainer_invites_and_gets_the_accept_url_once(api, trainer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(trainer).post(LIST, {"email": "Newbie@Example.com"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "newbie@example.com" and body["status"] == "pending"
    token = body["accept_url"].rstrip("/").rsplit("/", 1)[-1]
    assert body["accept_url"].endswith(reverse("accounts:invitation_accept", kwargs={"token": token}))
    assert len(mailoutbox) == 1 and body["accept_url"] in mailoutbox[0].body
    # the token is never shown again
    assert "accept_url" not in api(trainer).get(detail(Invitation.objects.get(pk=body["id"]))).json()
    assert token not in str(api(trainer).get(LIST).json())


def test_client_cannot_invite_or_list(api, their_client):
    assert_error(api(their_client).post(LIST, {"email": "x@example.com"}), 403, "permission_denied")
    assert_error(api(their_client).get(LIST), 403, "permission_denied")
    assert not Invitation.objects.exists()


def test_inviting_a_current_client_is_a_conflict(api, trainer, their_client):
    assert_error(api(trainer).post(LIST, {"email": their_client.email}), 409, "already_linked")


def test_inviting_needs_a_valid_email(api, trainer):
    error = assert_error(api(trainer).post(LIST, {"email": "nope"}), 400, "invalid")
    assert "email" in error["fields"]


# --- List, filter, order, read -----------------------------------------------------------------------


@pytest.fixture
def invitations(trainer):
    return {
        "pending": InvitationFactory(trainer=trainer, email="b@example.com", expires_at=days(3)),
        "expired": InvitationFactory(trainer=trainer, email="c@example.com", expires_at=days(-1)),
        "accepted": InvitationFactory(trainer=trainer, email="a@example.com", status=InvitationStatus.ACCEPTED),
        "revoked": InvitationFactory(trainer=trainer, email="d@example.com", status=InvitationStatus.REVOKED),
    }


def test_trainer_lists_only_their_invitations(api, trainer, other_trainer, invitations):
    InvitationFactory(trainer=other_trainer)

    body = api(trainer).get(LIST).json()

    assert body["count"] == 4
    assert {item["id"] for item in body["results"]} == {str(i.pk) for i in invitations.values()}
    assert {item["status"] for item in body["results"]} == {"pending", "expired", "accepted", "revoked"}


@pytest.mark.parametrize("status", ["pending", "expired", "accepted", "revoked"])
def test_status_filter(api, trainer, invitations, status):
    body = api(trainer).get(LIST, {"status": status}).json()

    assert [item["id"] for item in body["results"]] == [str(invitations[status].pk)]
    assert body["results"][0]["status"] == status


def test_unknown_status_answers_400(api, trainer):
    error = assert_error(api(trainer).get(LIST, {"status": "lost"}), 400, "invalid")
    assert "status" in error["fields"]


def test_ordering(api, trainer, invitations):
    def emails(ordering):
        return [item["email"] for item in api(trainer).get(LIST, {"ordering": ordering}).json()["results"]]

    assert emails("email") == ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]
    assert emails("-email") == ["d@example.com", "c@example.com", "b@example.com", "a@example.com"]
    assert emails("expires_at")[0] == "c@example.com"
    assert emails("-created_at") == ["d@example.com", "a@example.com", "c@example.com", "b@example.com"]


def test_pages(api, trainer, invitations):
    body = api(trainer).get(LIST, {"page_size": 3, "ordering": "email"}).json()
    assert body["count"] == 4 and len(body["results"]) == 3 and body["next"]
    assert (
        api(trainer).get(LIST, {"page_size": 3, "page": 2, "ordering": "email"}).json()["results"][0]["email"]
        == "d@example.com"
    )
    assert_error(api(trainer).get(LIST, {"page": 9}), 404, "not_found")


def test_trainer_reads_their_invitation(api, trainer, invitations):
    body = api(trainer).get(detail(invitations["expired"])).json()

    assert body["status"] == "expired"
    assert "token" not in body and "token_hash" not in body


@pytest.mark.parametrize("stranger", ["other_trainer", "other_client", "their_client", "staff_user"])
def test_strangers_get_404_on_an_invitation(api, request, trainer, invitations, stranger):
    stranger_api = api(request.getfixturevalue(stranger))
    invitation = invitations["pending"]

    assert_error(stranger_api.get(detail(invitation)), 404, "not_found")
    assert_error(stranger_api.post(revoke(invitation)), 404, "not_found")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_unknown_invitation_gets_404(api, trainer):
    assert_error(api(trainer).get(reverse("api:invitation-detail", args=[uuid.uuid4()])), 404, "not_found")


# --- Revoke ------------------------------------------------------------------------------------------


def test_trainer_revokes_a_pending_invitation(api, trainer, invitations):
    response = api(trainer).post(revoke(invitations["pending"]))

    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    assert_error(api(trainer).post(revoke(invitations["pending"])), 409, "invitation_not_pending")


# --- Accept ------------------------------------------------------------------------------------------


@pytest.fixture
def newcomer(db):
    return ClientFactory(email="newbie@example.com", display_name="Nico Newbie")


def test_client_accepts_and_the_link_starts(api, trainer, newcomer):
    InvitationFactory(trainer=trainer, email=newcomer.email, token="tok-accept")

    response = api(newcomer).post(ACCEPT, {"token": "tok-accept"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["trainer"]["id"] == str(trainer.pk) and body["client"]["id"] == str(newcomer.pk)
    assert body["is_active"] is True
    assert CoachingLink.objects.filter(trainer=trainer, client=newcomer, ended_at__isnull=True).exists()
    assert_error(api(newcomer).post(ACCEPT, {"token": "tok-accept"}), 400, "invitation_used")


def test_accepting_moves_a_client_to_the_new_trainer(api, trainer, other_trainer, their_client):
    InvitationFactory(trainer=other_trainer, email=their_client.email, token="tok-move")

    assert api(their_client).post(ACCEPT, {"token": "tok-move"}).status_code == 201

    assert CoachingLink.objects.get(client=their_client, ended_at__isnull=True).trainer == other_trainer


@pytest.mark.parametrize(
    ("invitation_kwargs", "accepter", "code"),
    [
        (None, "newcomer", "invitation_invalid"),
        ({"status": InvitationStatus.ACCEPTED}, "newcomer", "invitation_used"),
        ({"status": InvitationStatus.REVOKED}, "newcomer", "invitation_revoked"),
        ({"expires_at": days(-1)}, "newcomer", "invitation_expired"),
        ({}, "other_client", "invitation_foreign"),
        ({"email": "other-trainer@example.com"}, "other_trainer", "invalid_role"),
    ],
)
def test_bad_tokens_explain_why(api, request, trainer, newcomer, invitation_kwargs, accepter, code):
    if invitation_kwargs is not None:
        InvitationFactory(trainer=trainer, token="tok-bad", **{"email": newcomer.email, **invitation_kwargs})

    response = api(request.getfixturevalue(accepter)).post(ACCEPT, {"token": "tok-bad"})

    assert_error(response, 400, code)
    assert not CoachingLink.objects.filter(trainer=trainer).exists()


def test_already_coached_by_this_trainer_is_a_conflict(api, trainer, their_client):
    InvitationFactory(trainer=trainer, email=their_client.email, token="tok-again")

    assert_error(api(their_client).post(ACCEPT, {"token": "tok-again"}), 409, "already_linked")


def test_accept_needs_a_token_and_a_login(api, newcomer):
    assert_error(api(newcomer).post(ACCEPT, {}), 400, "invalid")
    assert_error(api().post(ACCEPT, {"token": "x"}), 401, "not_authenticated")


# --- Query counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 25])
def test_list_query_count_does_not_grow_with_invitations(api, trainer, count, django_assert_num_queries):
    InvitationFactory.create_batch(count, trainer=trainer)
    trainer_api = api(trainer)

    # 1. COUNT(*) for the paginator
    # 2. the page of invitations (with trainer and accepted_by joined)
    with django_assert_num_queries(2):
        response = trainer_api.get(LIST, {"page_size": 100, "status": "pending"})

    assert response.json()["count"] == count
