from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import ClientProfile, CoachingLink, Invitation, InvitationStatus, TrainerProfile, User
from accounts.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

ADMIN_MODELS = ["user", "trainerprofile", "clientprofile", "coachinglink", "invitation"]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_staff_can_list_search_and_filter_every_model(login, staff_user, trainer, their_client, model):
    InvitationFactory(trainer=trainer)
    client = login(staff_user)
    url = reverse(f"admin:accounts_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "example"}).status_code == 200


@pytest.mark.parametrize("model", ["user", "coachinglink", "invitation"])
def test_staff_can_open_each_object(login, staff_user, trainer, their_client, model):
    objects = {
        "user": their_client,
        "coachinglink": CoachingLink.objects.get(client=their_client),
        "invitation": InvitationFactory(trainer=trainer),
    }
    response = login(staff_user).get(reverse(f"admin:accounts_{model}_change", args=[objects[model].pk]))
    assert response.status_code == 200


def test_admin_filters_for_link_and_invitation_states(login, staff_user, trainer, their_client):
    client = login(staff_user)
    response = client.get(reverse("admin:accounts_coachinglink_changelist"), {"state": "active"})
    assert their_client.display_name in response.content.decode()
    response = client.get(reverse("admin:accounts_coachinglink_changelist"), {"state": "ended"})
    assert their_client.display_name not in response.content.decode()
    response = client.get(reverse("admin:accounts_invitation_changelist"), {"state": "expired"})
    assert response.status_code == 200


def test_admin_actions_go_through_the_services(login, staff_user, trainer, their_client):
    client = login(staff_user)
    invitation = InvitationFactory(trainer=trainer)
    client.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "revoke", "_selected_action": [str(invitation.pk)]},
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    link = CoachingLink.objects.get(client=their_client)
    client.post(
        reverse("admin:accounts_coachinglink_changelist"), {"action": "end_links", "_selected_action": [str(link.pk)]}
    )
    link.refresh_from_db()
    assert link.ended_at is not None


def test_non_staff_cannot_use_the_admin(login, trainer):
    response = login(trainer).get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_seed_demo_creates_the_demo_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    assert "trainer@fitnesspr.test" in first and "fitnesspr-demo-2026" in first and "/invite/" in first
    counts = (
        User.objects.count(),
        CoachingLink.objects.count(),
        Invitation.objects.count(),
        TrainerProfile.objects.count(),
        ClientProfile.objects.count(),
    )
    assert counts == (5, 3, 1, 1, 3)
    trainer = User.objects.get(email="trainer@fitnesspr.test")
    assert CoachingLink.objects.filter(trainer=trainer, ended_at__isnull=True).count() == 3
    assert ClientProfile.objects.filter(training_days_per_week__gte=3).exclude(available_equipment=[]).count() == 3
    assert trainer.check_password("fitnesspr-demo-2026")
    assert User.objects.get(email="admin@fitnesspr.test").is_staff

    call_command("seed_demo")
    assert (
        User.objects.count(),
        CoachingLink.objects.count(),
        Invitation.objects.count(),
        TrainerProfile.objects.count(),
        ClientProfile.objects.count(),
    ) == counts
    assert "already exists" in capsys.readouterr().out
