import pytest

from accounts import services
from accounts.models import CoachingLink, InvitationStatus
from accounts.tests.factories import DEFAULT_PASSWORD


@pytest.mark.django_db
def test_accepting_an_invitation_links_the_client(trainer, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(trainer=trainer, email="New@Example.com")
    assert invitation.email == "new@example.com"
    assert len(mailoutbox) == 1 and token in mailoutbox[0].body
    user = services.user_create(
        email="new@example.com", password=DEFAULT_PASSWORD, display_name="New", role="client", invitation_token=token
    )
    assert CoachingLink.objects.get(client=user, ended_at__isnull=True).trainer == trainer
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
