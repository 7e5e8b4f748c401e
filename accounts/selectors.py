"""Every read of accounts data, scoped to the acting user. This module also holds the access rule.

The access rule (shared/DESIGN.md): a user sees their own data; a trainer also sees the data of
their *current* clients; anything else answers 404, exactly like something that does not exist.
Other apps build on `visible_owner_ids` / `owner_visible_to` and `scope_to_user`.
"""

from __future__ import annotations

import hashlib
import uuid

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import ClientProfile, CoachingLink, Invitation, InvitationStatus, User
from fitnesspr.access import as_uuid, get_visible_or_404

# --- The access rule ------------------------------------------------------------------------


def active_client_ids(trainer: User) -> QuerySet:
    """Ids of the clients this user coaches right now (empty for a client)."""
    return CoachingLink.objects.filter(trainer=trainer, ended_at__isnull=True).values("client_id")


def visible_owner_filter(user: User, *, owner_field: str = "user") -> Q:
    """A Q object matching rows owned by `user` or by one of their current clients (one subquery, no extra query)."""
    condition = Q(**{f"{owner_field}_id": user.pk})
    if user.is_trainer:
        condition |= Q(**{f"{owner_field}_id__in": active_client_ids(user)})
    return condition


def scope_to_user(queryset: QuerySet, *, user: User, owner_field: str = "user") -> QuerySet:
    """Limit `queryset` to rows whose `owner_field` the user may see."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(visible_owner_filter(user, owner_field=owner_field))


def can_view_owner(viewer: User, owner_id: uuid.UUID) -> bool:
    """Whether `viewer` may see the data of user `owner_id` (themselves, or a current client)."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == owner_id:
        return True
    return viewer.is_trainer and is_current_trainer_of(trainer=viewer, client_id=owner_id)


def is_current_trainer_of(*, trainer: User, client_id: uuid.UUID) -> bool:
    return CoachingLink.objects.filter(trainer=trainer, client_id=client_id, ended_at__isnull=True).exists()


def user_get_for_user(viewer: User, user_id: object) -> User:
    """The user `user_id` if `viewer` may see them: themselves, their current clients and their current trainer."""
    user_id = as_uuid(user_id)
    if viewer.is_authenticated and viewer.pk == user_id:
        return viewer
    visible = Q(trainer_links__trainer=viewer, trainer_links__ended_at__isnull=True) | Q(
        client_links__client=viewer, client_links__ended_at__isnull=True
    )
    user = User.objects.filter(visible, pk=user_id, is_active=True).distinct().first()
    if user is None:
        raise Http404("Not found.")
    return user


def client_get_for_user(viewer: User, client_id: object) -> User:
    """Whose data a `?client=<id>` query parameter asks for: the viewer's own, or one of a trainer's current clients.

    The one answer for "someone who is not yours" in query parameters (shared/DESIGN.md): anyone else, an
    unknown id and a malformed one all answer 404, like an object that does not exist. Every endpoint and
    page that takes `client` (or an alias of it) goes through here; an absent parameter is the caller's call.
    """
    if not viewer.is_authenticated:
        raise Http404("Not found.")
    client_id = as_uuid(client_id)
    if client_id == viewer.pk:
        return viewer
    if viewer.is_trainer:
        client = User.objects.filter(
            pk=client_id, is_active=True, trainer_links__trainer=viewer, trainer_links__ended_at__isnull=True
        ).first()
        if client is not None:
            return client
    raise Http404("Not found.")


def client_get_for_trainer(trainer: User, client_id: object) -> User:
    """One of the trainer's current clients, with their profile and `coached_since` (when this coaching began).

    The client page's access helper: anyone else (another trainer's client, a former client, the trainer
    themselves, a client asking for their own page), an unknown id and a malformed one all answer 404.
    """
    if not trainer.is_authenticated or not trainer.is_trainer:
        raise Http404("Not found.")
    link = client_link_list(trainer=trainer).filter(client_id=as_uuid(client_id), client__is_active=True).first()
    if link is None:
        raise Http404("Not found.")
    client = link.client
    client.coached_since = link.started_at
    return client


# --- Coaching links ------------------------------------------------------------------------


def client_link_list(*, trainer: User) -> QuerySet[CoachingLink]:
    """The trainer's current clients, with their profiles."""
    return (
        CoachingLink.objects.filter(trainer=trainer, ended_at__isnull=True)
        .select_related("client", "client__client_profile")
        .order_by("client__display_name", "client__email")
    )


def coaching_link_list(*, user: User) -> QuerySet[CoachingLink]:
    """Links the user is part of: a trainer's client links, a client's trainer links (current and past)."""
    return (
        CoachingLink.objects.filter(Q(trainer=user) | Q(client=user))
        .select_related("trainer", "client", "trainer__trainer_profile", "client__client_profile")
        .order_by("-started_at")
    )


def current_trainer_link(*, client: User) -> CoachingLink | None:
    return (
        CoachingLink.objects.filter(client=client, ended_at__isnull=True)
        .select_related("trainer", "trainer__trainer_profile")
        .first()
    )


def coaching_link_get_for_user(user: User, link_id: object) -> CoachingLink:
    link_id = as_uuid(link_id)
    link = get_visible_or_404(coaching_link_list(user=user), link_id)
    return link


def client_profile_step_due(user: User) -> bool:
    """Whether a client who just joined a trainer is still to be asked for their training profile (once)."""
    if not user.is_authenticated or not user.is_client:
        return False
    return not ClientProfile.objects.filter(user=user, profile_prompted_at__isnull=False).exists()


# --- Invitations ----------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_list(*, trainer: User, status: str | None = None) -> QuerySet[Invitation]:
    queryset = Invitation.objects.filter(trainer=trainer).select_related("trainer", "accepted_by")
    if status == "expired":
        return queryset.filter(status=InvitationStatus.PENDING, expires_at__lte=timezone.now())
    if status == InvitationStatus.PENDING:
        return queryset.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def pending_invitation_list(*, trainer: User, include_expired: bool = False) -> QuerySet[Invitation]:
    """Invitations not yet used or revoked; with `include_expired`, also those past their expiry (to send again)."""
    if include_expired:
        queryset = invitation_list(trainer=trainer).filter(status=InvitationStatus.PENDING)
    else:
        queryset = invitation_list(trainer=trainer, status=InvitationStatus.PENDING)
    return queryset.order_by("-created_at")


def own_client_profile(user: User) -> ClientProfile:
    """The client's own profile, or an unsaved empty one when it was never filled in: one query."""
    return ClientProfile.objects.filter(user=user).first() or ClientProfile(user=user)


def invitation_get_for_user(user: User, invitation_id: object) -> Invitation:
    """A trainer's own invitation; 404 for everyone else."""
    return get_visible_or_404(Invitation.objects.filter(trainer=user).select_related("trainer"), invitation_id)


def invitation_get_by_token(token: str) -> Invitation | None:
    """The invitation a token belongs to, whatever its state (the caller explains why it cannot be used)."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.filter(token_hash=hash_token(token))
        .select_related("trainer", "trainer__trainer_profile")
        .first()
    )
