"""The write paths of accounts: sign-up, profiles, invitations and coaching links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import CoachingLink, Invitation, InvitationStatus, User
from accounts.tests.factories import DEFAULT_PASSWORD, ClientFactory, InvitationFactory, TrainerFactory
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError

pytestmark = pytest.mark.django_db


def test_sign_up_creates_the_profile_of_the_role():
    trainer = services.user_create(
        email=" Coach@Example.COM ", password=DEFAULT_PASSWORD, display_name=" Coach ", role="trainer"
    )
    client = services.user_create(email="c@example.com", password=DEFAULT_PASSWORD, display_name="C", role="client")
    assert trainer.email == "coach@example.com" and trainer.display_name == "Coach"
    assert trainer.check_password(DEFAULT_PASSWORD)
    assert hasattr(trainer, "trainer_profile") and not hasattr(client, "trainer_profile")
    assert hasattr(client, "client_profile")


def test_sign_up_refuses_a_taken_email_whatever_its_case(trainer):
    with pytest.raises(ApplicationError) as error:
        services.user_create(email="TRAINER@example.com", password=DEFAULT_PASSWORD, display_name="X", role="client")
    assert error.value.code == "email_taken"
    assert "email" in error.value.fields


@pytest.mark.parametrize(
    ("field", "value"),
    [("role", "admin"), ("time_zone", "Mars/Olympus"), ("units", "stone"), ("email", "not-an-email")],
)
def test_sign_up_rejects_bad_values_with_field_errors(field, value):
    data = {"email": "x@example.com", "password": DEFAULT_PASSWORD, "display_name": "X", "role": "client"}
    data[field] = value
    with pytest.raises(ApplicationError) as error:
        services.user_create(**data)
    assert field in error.value.fields
    assert not User.objects.exists()


def test_sign_up_applies_the_password_validators():
    with pytest.raises(ApplicationError) as error:
        services.user_create(email="x@example.com", password="12345678", display_name="X", role="client")
    assert error.value.fields["password"]
    assert not User.objects.exists()


def test_profile_update_validates_and_saves_only_the_roles_fields(their_client):
    profile = services.profile_update(
        user=their_client, data={"training_days_per_week": 5, "available_equipment": ["kettlebell"], "bio": "x"}
    )
    profile.refresh_from_db()
    assert profile.training_days_per_week == 5 and profile.available_equipment == ["kettlebell"]
    with pytest.raises(ApplicationError) as error:
        services.profile_update(user=their_client, data={"training_days_per_week": 9})
    assert "training_days_per_week" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        services.profile_update(user=their_client, data={"available_equipment": ["jetpack"]})
    assert "available_equipment" in error.value.fields
    with pytest.raises(ApplicationError):
        services.profile_update(user=their_client, data={"birth_date": timezone.localdate() + timedelta(days=1)})
    profile.refresh_from_db()
    assert profile.training_days_per_week == 5


def test_invitation_email_carries_a_working_single_use_link(trainer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(trainer=trainer, email="New@Example.com")
    assert invitation.email == "new@example.com"
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert token not in invitation.token_hash
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["new@example.com"]
    assert services.invitation_url(token) in mailoutbox[0].body

    user = services.user_create(
        email="new@example.com", password=DEFAULT_PASSWORD, display_name="New", role="client", invitation_token=token
    )
    assert CoachingLink.objects.get(client=user, ended_at__isnull=True).trainer == trainer
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.accepted_by == user

    with pytest.raises(ApplicationError) as error:
        services.invitation_accept(user=user, token=token)
    assert error.value.code == "invitation_used"


def test_inviting_the_same_address_again_replaces_the_pending_invitation(trainer):
    first, first_token = services.invitation_create(trainer=trainer, email="a@example.com")
    second, _ = services.invitation_create(trainer=trainer, email="a@example.com")
    first.refresh_from_db()
    assert first.status == InvitationStatus.REVOKED and second.status == InvitationStatus.PENDING
    client = ClientFactory(email="a@example.com")
    with pytest.raises(ApplicationError) as error:
        services.invitation_accept(user=client, token=first_token)
    assert error.value.code == "invitation_revoked"


def test_invitation_create_refuses_clients_self_and_current_clients(trainer, their_client):
    with pytest.raises(ForbiddenError):
        services.invitation_create(trainer=their_client, email="x@example.com")
    with pytest.raises(ApplicationError):
        services.invitation_create(trainer=trainer, email=trainer.email)
    with pytest.raises(ConflictError):
        services.invitation_create(trainer=trainer, email=their_client.email.upper())
    with pytest.raises(ApplicationError) as error:
        services.invitation_create(trainer=trainer, email="not an email")
    assert "email" in error.value.fields
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("unknown", "invitation_invalid"),
        ("expired", "invitation_expired"),
        ("revoked", "invitation_revoked"),
        ("foreign", "invitation_foreign"),
        ("trainer", "invalid_role"),
    ],
)
def test_unusable_invitations_are_refused_with_a_clear_code(trainer, setup, code):
    invitee = ClientFactory(email="invitee@example.com")
    invitation = InvitationFactory(trainer=trainer, email="invitee@example.com", token="tok")
    user = invitee
    token = "tok"
    if setup == "unknown":
        token = "nope"
    elif setup == "expired":
        invitation.expires_at = timezone.now() - timedelta(seconds=1)
        invitation.save()
    elif setup == "revoked":
        services.invitation_revoke(trainer=trainer, invitation=invitation)
    elif setup == "foreign":
        user = ClientFactory(email="someone-else@example.com")
    elif setup == "trainer":
        invitee.role = "trainer"
        invitee.save()
    with pytest.raises(ApplicationError) as error:
        services.invitation_accept(user=user, token=token)
    assert error.value.code == code
    assert not CoachingLink.objects.filter(client=user).exists()


def test_sign_up_with_an_invitation_must_use_the_invited_address(trainer):
    InvitationFactory(trainer=trainer, email="invitee@example.com", token="tok")
    with pytest.raises(ApplicationError) as error:
        services.user_create(
            email="other@example.com",
            password=DEFAULT_PASSWORD,
            display_name="O",
            role="client",
            invitation_token="tok",
        )
    assert error.value.code == "invitation_foreign"
    with pytest.raises(ApplicationError) as error:
        services.user_create(
            email="invitee@example.com",
            password=DEFAULT_PASSWORD,
            display_name="O",
            role="trainer",
            invitation_token="tok",
        )
    assert error.value.code == "invalid_role"
    assert not User.objects.filter(email__in=["other@example.com", "invitee@example.com"]).exists()


def test_accepting_another_trainers_invitation_ends_the_current_link(trainer, their_client, other_trainer):
    old_link = CoachingLink.objects.get(client=their_client)
    InvitationFactory(trainer=other_trainer, email=their_client.email, token="switch")
    new_link = services.invitation_accept(user=their_client, token="switch")
    old_link.refresh_from_db()
    assert old_link.ended_at is not None and old_link.ended_by == their_client
    assert new_link.trainer == other_trainer
    assert CoachingLink.objects.filter(client=their_client, ended_at__isnull=True).count() == 1


def test_revoking_twice_is_a_conflict(trainer):
    invitation = InvitationFactory(trainer=trainer)
    services.invitation_revoke(trainer=trainer, invitation=invitation)
    with pytest.raises(ConflictError):
        services.invitation_revoke(trainer=trainer, invitation=invitation)


def test_ending_a_link_keeps_its_history(trainer, their_client, other_trainer):
    link = CoachingLink.objects.get(client=their_client)
    with pytest.raises(ForbiddenError):
        services.coaching_link_end(actor=other_trainer, link=link)
    services.coaching_link_end(actor=their_client, link=link)
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == their_client and link.started_at < link.ended_at
    with pytest.raises(ConflictError):
        services.coaching_link_end(actor=trainer, link=link)


def test_a_client_has_at_most_one_active_trainer_in_the_database(trainer, their_client, other_trainer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CoachingLink.objects.create(trainer=other_trainer, client=their_client)


def test_user_update_changes_only_editable_fields(their_client):
    services.user_update(user=their_client, data={"display_name": "  Renamed ", "units": "lb", "role": "trainer"})
    their_client.refresh_from_db()
    assert their_client.display_name == "Renamed" and their_client.units == "lb" and their_client.role == "client"
    with pytest.raises(ApplicationError) as error:
        services.user_update(user=their_client, data={"time_zone": "Nowhere/Land"})
    assert "time_zone" in error.value.fields
    their_client.refresh_from_db()
    assert their_client.time_zone == "UTC"


def test_trainer_factory_and_user_manager():
    user = User.objects.create_user("MiXeD@Example.com", DEFAULT_PASSWORD, display_name="M")
    assert user.email == "mixed@example.com"
    assert User.objects.get_by_natural_key("MIXED@example.com") == user
    assert TrainerFactory().is_trainer
