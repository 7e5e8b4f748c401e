"""The "Send to Hevy" page action, its API endpoint and `manage.py hevy_push_plan`: access and messages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse

from fitnesspr.tests.api import assert_error
from integrations.models import HevyConnection, HevyRoutine
from workouts.models import Exercise
from workouts.tests.factories import PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, name="Strength block")
    for position, (name, exercise) in enumerate([("Day A", "Bench Press (Barbell)"), ("Day B", "Squat (Barbell)")]):
        day = PlanDayFactory(plan=plan, position=position, name=name)
        PlanSetFactory(
            plan_exercise=PlanExerciseFactory(day=day, exercise=Exercise.objects.get(name=exercise, owner=None)),
            reps_min=5,
            reps_max=8,
        )
    return plan


@pytest.fixture
def connected(fake_hevy, their_client):
    return HevyConnection.objects.create(user=their_client, api_key=fake_hevy.api_key, key_last4="beef")


def page_url(plan) -> str:
    return reverse("integrations:plan_push", args=[plan.pk])


def api_url(plan) -> str:
    return reverse("api:plan-push-to-hevy", args=[plan.pk])


def flashes(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the page action --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "their_client"])
def test_the_client_and_their_trainer_push_from_the_plan_page(request, fake_hevy, connected, plan, login, who):
    response = login(request.getfixturevalue(who)).post(page_url(plan))

    assert response.status_code == 302
    assert response.url == reverse("workouts:plan_detail", args=[plan.pk])
    (message,) = flashes(response)
    assert message.startswith("“Strength block” is in Hevy") and "2 routines created" in message
    assert len(fake_hevy.routines) == 2


def test_pushing_again_from_the_page_updates(fake_hevy, connected, plan, login, trainer):
    browser = login(trainer)
    browser.post(page_url(plan))
    response = browser.post(page_url(plan))
    message = flashes(response)[-1]  # the first push's message was never shown (no page rendered in between)
    assert "0 routines created; 2 updated" in message
    assert len(fake_hevy.routines) == 2


def test_page_errors_are_flashed(fake_hevy, plan, login, trainer, their_client):
    response = login(trainer).post(page_url(plan))  # the client has not connected Hevy
    assert response.status_code == 302
    (message,) = flashes(response)
    assert "not connected Hevy" in message and their_client.display_name in message
    assert their_client.email not in message  # the name only (test_push_messages.py has the wording)

    HevyConnection.objects.create(user=their_client, api_key=fake_hevy.api_key, key_last4="beef")
    fake_hevy.routine_limit = 0
    response = login(trainer).post(page_url(plan))
    message = flashes(response)[-1]
    assert "limit" in message
    assert fake_hevy.routines == {}


@pytest.mark.parametrize("who", ["other_trainer", "other_client"])
def test_strangers_get_404_on_the_page(request, fake_hevy, connected, plan, login, who):
    response = login(request.getfixturevalue(who)).post(page_url(plan))
    assert response.status_code == 404
    assert fake_hevy.log == []


def test_the_page_action_needs_login_and_post(client, fake_hevy, connected, plan, login, trainer):
    response = client.post(page_url(plan))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert login(trainer).get(page_url(plan)).status_code == 405
    assert fake_hevy.log == []


# --- the API ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "their_client"])
def test_the_api_answers_the_folder_and_routine_ids(request, fake_hevy, connected, plan, api, who):
    response = api(request.getfixturevalue(who)).post(api_url(plan))

    assert response.status_code == 200, response.content
    data = response.json()
    (folder_id,) = fake_hevy.folders
    assert data["folder_id"] == folder_id and data["folder_created"] is True
    assert data["plan"] == str(plan.pk)
    assert [(r["name"], r["action"]) for r in data["routines"]] == [("Day A", "created"), ("Day B", "created")]
    assert {r["routine_id"] for r in data["routines"]} == set(fake_hevy.routines)
    assert {r["plan_day"] for r in data["routines"]} == {str(d.pk) for d in plan.days.all()}
    assert data["skipped_days"] == [] and data["custom_exercises_created"] == []

    again = api(request.getfixturevalue(who)).post(api_url(plan)).json()
    assert again["folder_created"] is False
    assert [r["action"] for r in again["routines"]] == ["updated", "updated"]
    assert [r["routine_id"] for r in again["routines"]] == [r["routine_id"] for r in data["routines"]]


@pytest.mark.parametrize("who", ["other_trainer", "other_client"])
def test_strangers_get_404_in_the_api(request, fake_hevy, connected, plan, api, who):
    response = api(request.getfixturevalue(who)).post(api_url(plan))
    assert_error(response, 404)
    assert fake_hevy.log == []


def test_the_api_needs_authentication(fake_hevy, connected, plan):
    from rest_framework.test import APIClient

    response = APIClient().post(api_url(plan))
    assert_error(response, 401)


def test_api_errors_are_in_the_one_shape(fake_hevy, plan, api, trainer, their_client):
    assert_error(api(trainer).post(api_url(plan)), 409, code="hevy_not_connected")

    HevyConnection.objects.create(user=their_client, api_key=fake_hevy.api_key, key_last4="beef")
    fake_hevy.routine_limit = 1
    response = api(trainer).post(api_url(plan))
    assert_error(response, 409, code="hevy_limit")
    assert "limit" in response.json()["error"]["message"]

    fake_hevy.routine_limit = None
    fake_hevy.fail_next(500, path="/v1/routines", method="POST")
    assert_error(api(trainer).post(api_url(plan)), 502, code="hevy_unavailable")
    # the routine made before the limit was updated, not duplicated, on the later attempts
    assert len(fake_hevy.routines) == 1


def test_a_template_cannot_be_pushed_through_the_api(fake_hevy, api, trainer):
    template = PlanFactory(client=None, is_template=True, author=trainer, status="draft")
    assert_error(api(trainer).post(api_url(template)), 400, code="plan_is_template")


# --- the command ------------------------------------------------------------------------------------------------


def test_the_command_prints_what_it_created_and_updated(fake_hevy, connected, plan):
    out = StringIO()
    call_command("hevy_push_plan", "--plan", str(plan.pk), stdout=out)
    text = out.getvalue()
    (folder_id,) = fake_hevy.folders
    assert f"Routine folder {folder_id} (created)" in text
    for routine in HevyRoutine.objects.filter(plan_day__plan=plan):
        assert f"created  routine {routine.routine_id}  {routine.plan_day.name}" in text
    assert "Done: 2 created, 0 updated." in text

    out = StringIO()
    call_command("hevy_push_plan", "--plan", str(plan.pk), stdout=out)
    assert f"Routine folder {folder_id} (kept)" in out.getvalue()
    assert "Done: 0 created, 2 updated." in out.getvalue()


def test_the_command_reports_errors(fake_hevy, plan):
    with pytest.raises(CommandError, match="not connected Hevy"):
        call_command("hevy_push_plan", "--plan", str(plan.pk))
    with pytest.raises(CommandError, match="No plan"):
        call_command("hevy_push_plan", "--plan", "01234567-89ab-cdef-0123-456789abcdef")
    with pytest.raises(CommandError, match="Not a plan id"):
        call_command("hevy_push_plan", "--plan", "12")


def test_a_malformed_id_is_a_json_404(api, trainer):
    assert_error(api(trainer).post("/api/v1/plans/not-a-uuid/push-to-hevy/"), 404)
