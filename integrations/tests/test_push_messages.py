"""What "Send to Hevy" says when the client has not connected Hevy (or Hevy refused their key): to the trainer, that
the client must connect it in their own settings (by name, no email address); to the client, a link to the Hevy
settings page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fitnesspr.tests.api import assert_error
from integrations.models import ConnectionStatus, HevyConnection
from workouts.models import Exercise
from workouts.tests.factories import PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, name="Strength block")
    day = PlanDayFactory(plan=plan, name="Day A")
    PlanSetFactory(
        plan_exercise=PlanExerciseFactory(day=day, exercise=Exercise.objects.get(name="Squat (Barbell)", owner=None))
    )
    return plan


def push(browser, plan) -> str:
    response = browser.post(reverse("integrations:plan_push", args=[plan.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("workouts:plan_detail", args=[plan.pk])
    (message,) = [str(message) for message in response.context["messages"]]
    return message


def test_the_trainer_reads_that_the_client_must_connect_hevy(fake_hevy, plan, login, trainer, their_client):
    message = push(login(trainer), plan)
    assert message.startswith("Cody Client has not connected Hevy yet")
    assert "their own" in message and "settings" in message
    assert their_client.email not in message and "<a " not in message
    assert "first" not in message  # no instruction the trainer cannot follow
    assert fake_hevy.log == []


def test_the_client_gets_a_link_to_the_hevy_settings(fake_hevy, plan, login, their_client):
    browser = login(their_client)
    response = browser.post(reverse("integrations:plan_push", args=[plan.pk]), follow=True)
    (message,) = [str(message) for message in response.context["messages"]]
    assert message.startswith("You have not connected Hevy yet")
    html = response.content.decode()
    assert f'<a href="{reverse("integrations:hevy_settings")}">' in html  # the flash renders the link, not escaped
    assert fake_hevy.log == []


def test_a_rejected_key_is_explained_to_each_side(fake_hevy, plan, login, trainer, their_client):
    HevyConnection.objects.create(
        user=their_client, api_key=fake_hevy.api_key, key_last4="beef", status=ConnectionStatus.INVALID
    )
    message = push(login(trainer), plan)
    assert message.startswith("Hevy rejected Cody Client’s saved key")  # noqa: RUF001
    assert their_client.email not in message and "their own settings" in message
    message = push(login(their_client), plan)
    assert message.startswith("Hevy rejected your saved key")


def test_the_api_error_has_the_same_words_without_html(api, fake_hevy, plan, trainer, their_client):
    error = assert_error(api(trainer).post(reverse("api:plan-push-to-hevy", args=[plan.pk])), 409, "hevy_not_connected")
    assert error["message"].startswith("Cody Client has not connected Hevy yet") and "<" not in error["message"]
    error = assert_error(api(their_client).post(reverse("api:plan-push-to-hevy", args=[plan.pk])), 409)
    assert error["message"].startswith("You have not connected Hevy yet") and "<" not in error["message"]
