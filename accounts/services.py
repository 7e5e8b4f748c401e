"""Every write to accounts data. Views, API, admin actions and commands all call these."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.events import API_LOGIN_CLAIM, ApiLoginEnded, ClientJoined, CoachingEnded
from accounts.models import (
    SIGNUP_ROLES,
    ClientProfile,
    CoachingLink,
    Invitation,
    InvitationStatus,
    Role,
    TrainerProfile,
    User,
)
from accounts.selectors import current_trainer_link, hash_token, invitation_get_by_token
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from fitnesspr.events import publish
from fitnesspr.images import ProcessedImage, process_image
from fitnesspr.services import full_clean, model_update
from fitnesspr.tasks import send_email

USER_EDITABLE_FIELDS = ("display_name", "time_zone", "units")
TRAINER_PROFILE_FIELDS = ("bio", "certifications", "specialties")
CLIENT_PROFILE_FIELDS = (
    "goal",
    "experience_level",
    "available_equipment",
    "training_days_per_week",
    "session_length_minutes",
    "injuries",
    "birth_date",
    "sex",
    "height_cm",
)


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ApplicationError(
            "Please choose a stronger password.", code="invalid", fields={"password": list(error.messages)}
        ) from None


# --- Users and profiles ---------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    display_name: str,
    role: str,
    time_zone: str = "UTC",
    units: str = "kg",
    invitation_token: str | None = None,
) -> User:
    """Sign up: the user and their empty profile. With an invitation token, the client is linked at once.

    Only trainers and clients sign up: staff accounts are made by an admin (`createsuperuser`, the admin).
    """
    if role not in SIGNUP_ROLES:
        raise ApplicationError(
            "Choose trainer or client.",
            code="invalid_role",
            fields={"role": ["Choose trainer or client: staff accounts are made by the site's administrators."]},
        )
    invitation = None
    if invitation_token:
        invitation = _usable_invitation(invitation_token)
        if role != Role.CLIENT:
            raise ApplicationError("An invitation can only be accepted by a client account.", code="invalid_role")
        if User.objects.normalize_email(email) != invitation.email:
            raise ApplicationError(
                "This invitation was sent to a different email address.",
                code="invitation_foreign",
                fields={"email": [f"Sign up with {invitation.email}, the address the invitation was sent to."]},
            )
    user = User(
        email=User.objects.normalize_email(email),
        display_name=display_name.strip(),
        role=role,
        time_zone=time_zone,
        units=units,
    )
    full_clean(user, exclude=["password"], validate_unique=False, validate_constraints=False)
    if User.objects.filter(email__iexact=user.email).exists():
        raise ApplicationError(
            "An account with this email address already exists.",
            code="email_taken",
            fields={"email": ["An account with this email address already exists. Log in instead."]},
        )
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ApplicationError(
            "An account with this email address already exists.",
            code="email_taken",
            fields={"email": ["An account with this email address already exists. Log in instead."]},
        ) from None
    (TrainerProfile if user.is_trainer else ClientProfile).objects.create(user=user)
    if invitation is not None:
        _link_client(invitation=invitation, client=user)
    return user


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any]) -> User:
    """Update the user's own settings (display name, time zone, units)."""
    if isinstance(data.get("display_name"), str):
        data = {**data, "display_name": data["display_name"].strip()}
    model_update(user, fields=USER_EDITABLE_FIELDS, data=data, exclude=["password"])
    return user


@transaction.atomic
def profile_update(*, user: User, data: dict[str, Any]) -> TrainerProfile | ClientProfile:
    """Update the trainer's or client's profile with the fields of `data` that belong to it (staff have none)."""
    if user.is_trainer:
        profile, _ = TrainerProfile.objects.get_or_create(user=user)
        fields = TRAINER_PROFILE_FIELDS
    elif user.is_client:
        profile, _ = ClientProfile.objects.get_or_create(user=user)
        fields = CLIENT_PROFILE_FIELDS
    else:
        raise ForbiddenError("A staff account has no trainer or client profile.", code="no_profile")
    model_update(profile, fields=fields, data=data, exclude=["user"])
    return profile


@transaction.atomic
def client_profile_step_answer(*, user: User, data: dict[str, Any] | None) -> ClientProfile:
    """The profile step after joining through an invitation: save what the client entered (`data` None: they
    skipped it) and note that they were asked, so the step is offered once."""
    if not user.is_client:
        raise ForbiddenError("Only a client has a training profile.")
    profile, _ = ClientProfile.objects.select_for_update().get_or_create(user=user)
    if data:
        model_update(profile, fields=CLIENT_PROFILE_FIELDS, data=data, exclude=["user"])
    if profile.profile_prompted_at is None:
        profile.profile_prompted_at = timezone.now()
        profile.save(update_fields=["profile_prompted_at", "updated_at"])
    return profile


@transaction.atomic
def user_avatar_set(*, user: User, upload: UploadedFile | None = None, processed: ProcessedImage | None = None) -> User:
    """Run the upload through the image pipeline and replace the user's avatar. A caller that already ran the
    pipeline (the admin's form, to show a bad image as a form error) passes its output as `processed` instead."""
    if processed is None:
        if upload is None:
            raise TypeError("user_avatar_set needs an upload or its processed image.")
        processed = process_image(upload)
    # The names, not the FieldFile objects: `.save()` below renames those same objects in place.
    old = _stored_names(user.avatar, user.avatar_thumbnail)
    user.avatar.save(processed.image.name, processed.image, save=False)
    user.avatar_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    try:
        user.save(update_fields=["avatar", "avatar_thumbnail"])
    except Exception:
        _delete_files(_stored_names(user.avatar, user.avatar_thumbnail))  # never referenced: do not leak them
        raise
    transaction.on_commit(lambda: _delete_files(old))
    return user


@transaction.atomic
def user_avatar_remove(*, user: User) -> User:
    old = _stored_names(user.avatar, user.avatar_thumbnail)
    user.avatar = ""
    user.avatar_thumbnail = ""
    user.save(update_fields=["avatar", "avatar_thumbnail"])
    transaction.on_commit(lambda: _delete_files(old))
    return user


def _stored_names(*files) -> list[tuple[object, str]]:
    return [(f.storage, f.name) for f in files if f]


def _delete_files(names: list[tuple[object, str]]) -> None:
    for storage, name in names:
        storage.delete(name)


# --- Invitations ----------------------------------------------------------------------------


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token})


@transaction.atomic
def invitation_create(*, trainer: User, email: str) -> tuple[Invitation, str]:
    """Invite a client by email; returns the invitation and its one-time token (sent by email, never stored).

    Inviting the same address again replaces the pending invitation, so the newest link is the one that works.
    """
    if not trainer.is_trainer:
        raise ForbiddenError("Only trainers can invite clients.")
    email = User.objects.normalize_email(email)
    invitation = Invitation(trainer=trainer, email=email, expires_at=timezone.now() + settings.INVITATION_TTL)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    full_clean(invitation, exclude=["trainer", "token_hash"], validate_constraints=False)
    if email == trainer.email:
        raise ApplicationError("You cannot invite yourself.", code="invalid", fields={"email": ["That is you."]})
    if CoachingLink.objects.filter(trainer=trainer, client__email__iexact=email, ended_at__isnull=True).exists():
        raise ConflictError(
            "This person is already your client.", code="already_linked", fields={"email": ["Already your client."]}
        )
    Invitation.objects.select_for_update().filter(trainer=trainer, email=email, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED, revoked_at=timezone.now()
    )
    invitation.save()
    _email_invitation(invitation, token)
    return invitation, token


def _email_invitation(invitation: Invitation, token: str) -> None:
    trainer = invitation.trainer
    body = render_to_string(
        "accounts/email/invitation.txt",
        {"trainer": trainer, "url": invitation_url(token), "expires_at": invitation.expires_at},
    )
    subject = f"{trainer.display_name} invites you to train with them on FitnessPr"
    to = [invitation.email]
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to))


@transaction.atomic
def invitation_new_link(*, trainer: User, invitation: Invitation, resend: bool = False) -> tuple[Invitation, str]:
    """A new link for a pending invitation: the token is stored hashed, so a lost link cannot be shown again.

    The old link stops working at once; the new one works for a full `INVITATION_TTL` again. With `resend`, the invited
    person gets it by email too. Returns the invitation and its new one-time token.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("trainer")
        .get(pk=invitation.pk, trainer=trainer)
    )
    if invitation.status != InvitationStatus.PENDING:
        raise ConflictError(
            f"This invitation is already {invitation.get_status_display().lower()}.", code="invitation_not_pending"
        )
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + settings.INVITATION_TTL
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    if resend:
        _email_invitation(invitation, token)
    return invitation, token


@transaction.atomic
def invitation_revoke(*, trainer: User, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, trainer=trainer)
    if invitation.status != InvitationStatus.PENDING:
        raise ConflictError(
            f"This invitation is already {invitation.get_status_display().lower()}.", code="invitation_not_pending"
        )
    invitation.status = InvitationStatus.REVOKED
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["status", "revoked_at", "updated_at"])
    return invitation


def invitation_problem(invitation: Invitation | None, *, user: User | None = None) -> ApplicationError | None:
    """Why this invitation cannot be accepted (by `user`, when given), or None when it can."""
    if invitation is None:
        return ApplicationError(
            "This invitation link is not valid. Check that you copied the whole link, or ask your trainer "
            "for a new invitation.",
            code="invitation_invalid",
        )
    if invitation.status == InvitationStatus.ACCEPTED:
        return ApplicationError("This invitation has already been used.", code="invitation_used")
    if invitation.status == InvitationStatus.REVOKED:
        return ApplicationError(
            "This invitation was withdrawn by the trainer. Ask them for a new one.", code="invitation_revoked"
        )
    if invitation.is_expired:
        return ApplicationError(
            "This invitation has expired. Ask your trainer to send a new one.", code="invitation_expired"
        )
    if user is not None and user.is_authenticated:
        if user.email != invitation.email:
            return ApplicationError(
                f"This invitation was sent to another email address, not to {user.email}. Log in with the "
                "invited address, or ask your trainer to invite this one.",
                code="invitation_foreign",
            )
        if not user.is_client:
            return ApplicationError("Only a client account can accept an invitation.", code="invalid_role")
    return None


def _usable_invitation(token: str, *, user: User | None = None) -> Invitation:
    invitation = invitation_get_by_token(token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().select_related("trainer").get(pk=invitation.pk)
    problem = invitation_problem(invitation, user=user)
    if problem is not None:
        raise problem
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> CoachingLink:
    """The invited client accepts: a new coaching link starts (ending any link with another trainer)."""
    invitation = _usable_invitation(token, user=user)
    return _link_client(invitation=invitation, client=user)


def _link_client(*, invitation: Invitation, client: User) -> CoachingLink:
    now = timezone.now()
    previous = current_trainer_link(client=client)
    if previous is not None:
        if previous.trainer_id == invitation.trainer_id:
            raise ConflictError("You are already coached by this trainer.", code="already_linked")
        coaching_link_end(actor=client, link=previous)
    link = CoachingLink.objects.create(trainer=invitation.trainer, client=client, started_at=now)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = now
    invitation.accepted_by = client
    invitation.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    publish(
        ClientJoined(
            link_id=link.pk, trainer_id=invitation.trainer_id, client_id=client.pk, client_name=client.display_name
        )
    )
    return link


# --- API logins -----------------------------------------------------------------------------


@transaction.atomic
def api_login_end(*, refresh: RefreshToken) -> None:
    """API logout: blacklist the login's refresh token (no more refreshes) and, once committed, end the sockets
    opened with its access tokens (`ApiLoginEnded`; tokens issued before logins carried a sid end at expiry)."""
    refresh.blacklist()
    sid = refresh.get(API_LOGIN_CLAIM)
    if isinstance(sid, str) and sid:
        publish(ApiLoginEnded(user_id=UUID(str(refresh[jwt_settings.USER_ID_CLAIM])), sid=sid))


# --- Coaching links -------------------------------------------------------------------------


@transaction.atomic
def coaching_link_end(*, actor: User, link: CoachingLink) -> CoachingLink:
    """The trainer ends the coaching, or the client leaves. History stays: the link keeps its dates."""
    link = CoachingLink.objects.select_for_update().select_related("trainer", "client").get(pk=link.pk)
    if actor.pk not in (link.trainer_id, link.client_id):
        raise ForbiddenError("You are not part of this coaching link.")
    if link.ended_at is not None:
        raise ConflictError("This coaching link has already ended.", code="link_ended")
    link.ended_at = timezone.now()
    link.ended_by = actor
    link.save(update_fields=["ended_at", "ended_by", "updated_at"])
    publish(
        CoachingEnded(
            link_id=link.pk,
            trainer_id=link.trainer_id,
            client_id=link.client_id,
            ended_by_id=actor.pk,
            ended_by_name=actor.display_name,
        )
    )
    return link
