"""Route-walk registrations of the accounts app (see fitnesspr/tests/routes.py)."""

from __future__ import annotations

from io import BytesIO
from uuid import UUID

from django.core.files.base import ContentFile
from PIL import Image

from accounts.models import CoachingLink
from accounts.tests.factories import InvitationFactory
from fitnesspr.tests.routes import CLIENT, TRAINER, People, owned_by


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@owned_by(CLIENT, "accounts:avatar")
def avatar(people: People) -> UUID:
    people.client.avatar.save("avatar.png", ContentFile(_png()), save=True)
    return people.client.pk


@owned_by(TRAINER, "accounts:link_end", "api:client-detail", "api:client-end")
def coaching_link(people: People) -> UUID:
    # The link the fixtures made: a client has one current trainer, so no second link is made here.
    return CoachingLink.objects.get(trainer=people.trainer, client=people.client, ended_at__isnull=True).pk


@owned_by(
    TRAINER,
    "accounts:invitation_revoke",
    "accounts:invitation_new_link",
    "api:invitation-detail",
    "api:invitation-revoke",
    "api:invitation-new-link",
)
def invitation(people: People) -> UUID:
    return InvitationFactory(trainer=people.trainer).pk


@owned_by(TRAINER, "accounts:client_detail")
def client_page(people: People) -> UUID:
    # The trainer's page of their client: the client is the object; only their current trainer sees it.
    return people.client.pk
