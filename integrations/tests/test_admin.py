"""The Hevy rows in the admin: staff read them all; nothing is added or edited there (writes go through the sync,
the push and connecting a key); deleting a connection is a disconnect; the API key is never shown."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from integrations.models import HevyConnection, HevyExerciseMapping, HevyPlanFolder, HevyRoutine, HevySyncRun
from workouts.tests.factories import ExerciseFactory, PlanDayFactory

pytestmark = pytest.mark.django_db

KEY = "0f1e2d3c-4b5a-4697-8877-665544332211"
MODELS = [HevyConnection, HevySyncRun, HevyExerciseMapping, HevyPlanFolder, HevyRoutine]


@pytest.fixture
def rows(their_client, trainer):
    connection = HevyConnection.objects.create(
        user=their_client, api_key=KEY, key_last4=KEY[-4:], hevy_user_name="Hevy Tester"
    )
    HevySyncRun.objects.create(connection=connection, status="succeeded", error="")
    HevyExerciseMapping.objects.create(template_id="79D0BB3A", title="Bench Press", exercise=ExerciseFactory())
    day = PlanDayFactory(plan__client=their_client, plan__author=trainer)
    HevyPlanFolder.objects.create(plan=day.plan, folder_id=1001, pushed_at=timezone.now())
    HevyRoutine.objects.create(plan_day=day, routine_id="r-1", pushed_at=timezone.now())
    return connection


def url(model, view: str, *args) -> str:
    return reverse(f"admin:integrations_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_staff_read_every_hevy_model_and_cannot_add_or_edit(login, staff_user, rows, model):
    client = login(staff_user)
    assert client.get(url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    page = client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # view only
    assert client.get(url(model, "add")).status_code == 403


def test_the_api_key_is_never_shown(login, staff_user, rows):
    client = login(staff_user)
    for page in (url(HevyConnection, "changelist"), url(HevyConnection, "change", rows.pk)):
        html = client.get(page).content.decode()
        assert KEY not in html and "api_key" not in html
        assert KEY[-4:] in html


def test_deleting_a_connection_disconnects(login, staff_user, rows):
    response = login(staff_user).post(url(HevyConnection, "delete", rows.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not HevyConnection.objects.exists() and not HevySyncRun.objects.exists()


def test_non_staff_are_sent_to_the_admin_login(login, their_client, rows):
    response = login(their_client).get(url(HevyConnection, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url
