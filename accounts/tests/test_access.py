"""The access rule: own data, a trainer's current clients, and 404 for everything else."""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from accounts import selectors, services
from accounts.models import CoachingLink, User
from accounts.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def test_user_visibility(trainer, their_client, other_trainer, other_client):
    assert selectors.user_get_for_user(trainer, their_client.pk) == their_client
    assert selectors.user_get_for_user(their_client, trainer.pk) == trainer
    assert selectors.user_get_for_user(their_client, str(their_client.pk)) == their_client
    for viewer, target in [
        (trainer, other_client.pk),
        (other_trainer, their_client.pk),
        (their_client, other_client.pk),
        (their_client, other_trainer.pk),
        (trainer, uuid.uuid4()),
        (trainer, "not-a-uuid"),
    ]:
        with pytest.raises(Http404):
            selectors.user_get_for_user(viewer, target)


def test_a_former_trainer_loses_access(trainer, their_client):
    services.coaching_link_end(actor=their_client, link=CoachingLink.objects.get(client=their_client))
    with pytest.raises(Http404):
        selectors.user_get_for_user(trainer, their_client.pk)
    assert not selectors.can_view_owner(trainer, their_client.pk)
    # the link itself stays visible to both as history
    assert selectors.coaching_link_list(user=trainer).count() == 1


def test_scope_to_user_limits_rows_to_visible_owners(trainer, their_client, other_trainer, other_client):
    everyone = User.objects.all()
    assert set(selectors.scope_to_user(everyone, user=trainer, owner_field="client_profile__user")) == {their_client}
    links = CoachingLink.objects.all()
    assert set(selectors.scope_to_user(links, user=trainer, owner_field="client")) == set(
        CoachingLink.objects.filter(client=their_client)
    )
    assert set(selectors.scope_to_user(links, user=other_client, owner_field="client")) == set(
        CoachingLink.objects.filter(client=other_client)
    )
    assert selectors.can_view_owner(trainer, their_client.pk)
    assert selectors.can_view_owner(their_client, their_client.pk)
    assert not selectors.can_view_owner(their_client, trainer.pk)
    assert not selectors.can_view_owner(other_trainer, their_client.pk)


def test_invitations_are_visible_to_their_trainer_only(trainer, other_trainer, their_client):
    invitation = InvitationFactory(trainer=trainer)
    assert selectors.invitation_get_for_user(trainer, invitation.pk) == invitation
    for viewer in (other_trainer, their_client):
        with pytest.raises(Http404):
            selectors.invitation_get_for_user(viewer, invitation.pk)
    assert list(selectors.pending_invitation_list(trainer=other_trainer)) == []


def test_links_are_visible_to_their_two_people_only(trainer, their_client, other_trainer, other_client):
    link = CoachingLink.objects.get(client=their_client)
    assert selectors.coaching_link_get_for_user(trainer, link.pk) == link
    assert selectors.coaching_link_get_for_user(their_client, link.pk) == link
    for viewer in (other_trainer, other_client):
        with pytest.raises(Http404):
            selectors.coaching_link_get_for_user(viewer, link.pk)


def test_pending_invitations_with_and_without_the_expired(trainer):
    from datetime import timedelta

    from django.utils import timezone

    fresh = InvitationFactory(trainer=trainer)
    expired = InvitationFactory(trainer=trainer, expires_at=timezone.now() - timedelta(days=1))
    assert list(selectors.pending_invitation_list(trainer=trainer)) == [fresh]
    assert set(selectors.pending_invitation_list(trainer=trainer, include_expired=True)) == {fresh, expired}


def test_client_get_for_trainer_reads_one_current_client_in_one_query(
    trainer, their_client, other_client, staff_user, django_assert_num_queries
):
    link = CoachingLink.objects.get(client=their_client)
    with django_assert_num_queries(1):  # the link with the client and their profile
        client = selectors.client_get_for_trainer(trainer, str(their_client.pk))
        assert client == their_client and client.coached_since == link.started_at
        assert client.client_profile.goal == "build_muscle"
    for viewer, target in [
        (trainer, other_client.pk),  # another trainer's client
        (trainer, trainer.pk),  # the trainer themselves
        (their_client, their_client.pk),  # a client asking for their own page
        (staff_user, their_client.pk),
        (trainer, uuid.uuid4()),
        (trainer, "not-a-uuid"),
    ]:
        with pytest.raises(Http404):
            selectors.client_get_for_trainer(viewer, target)
    User.objects.filter(pk=their_client.pk).update(is_active=False)
    with pytest.raises(Http404):
        selectors.client_get_for_trainer(trainer, their_client.pk)
    User.objects.filter(pk=their_client.pk).update(is_active=True)
    services.coaching_link_end(actor=trainer, link=link)
    with pytest.raises(Http404):  # a former client
        selectors.client_get_for_trainer(trainer, their_client.pk)
