"""Training preferences (the weight steps): the API, the page, the settings section, and the targets they round."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fitnesspr.tests.api import assert_error
from workouts.models import TrainingPreferences
from workouts.tests.factories import ExerciseFactory, PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = pytest.mark.django_db

API = reverse("api:training-preferences")
PAGE = reverse("workouts:training_preferences")
DEFAULTS = {"barbell_plate_kg": 1.25, "barbell_plate_lb": 2.5, "machine_step_kg": 2.5, "machine_step_lb": 5.0}


# --- API ---------------------------------------------------------------------------------------


def test_api_answers_the_defaults_before_any_choice(api, their_client):
    assert api(their_client).get(API).json() == DEFAULTS
    assert not TrainingPreferences.objects.exists()


def test_api_patch_changes_only_the_callers_steps(api, trainer, their_client):
    response = api(their_client).patch(API, {"barbell_plate_kg": 0.5, "machine_step_lb": 10}, format="json")
    assert response.status_code == 200
    assert response.json() == {**DEFAULTS, "barbell_plate_kg": 0.5, "machine_step_lb": 10.0}
    assert api(their_client).get(API).json()["barbell_plate_kg"] == 0.5
    assert api(trainer).get(API).json() == DEFAULTS  # their trainer has their own (the client's are not theirs)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"barbell_plate_kg": 0.75}, "barbell_plate_kg"),  # not a plate in the list
        ({"machine_step_lb": "lots"}, "machine_step_lb"),
        ({"barbell_plate_lb": -2.5}, "barbell_plate_lb"),
    ],
)
def test_api_rejects_a_step_outside_its_list(api, their_client, body, field):
    error = assert_error(api(their_client).patch(API, body, format="json"), 400)
    assert field in error["fields"]
    assert not TrainingPreferences.objects.exists()


def test_api_needs_a_login(api):
    assert api().get(API).status_code == 401
    assert api().patch(API, {"barbell_plate_kg": 0.5}, format="json").status_code == 401


def test_api_is_described_in_the_schema(api, their_client):
    schema = api(their_client).get(reverse("schema"), {"format": "json"}).json()
    operations = schema["paths"]["/api/v1/training-preferences/"]
    assert set(operations) >= {"get", "patch"}
    assert "loadable" in operations["get"]["description"]


# --- Page and settings section -------------------------------------------------------------------


def test_settings_page_shows_the_weight_steps_in_the_users_unit(login, their_client):
    html = login(their_client).get(reverse("accounts:settings")).content.decode()
    assert "Weight steps" in html
    assert 'name="barbell_plate_kg"' in html and 'name="barbell_plate_lb"' not in html
    their_client.units = "lb"
    their_client.save()
    html = login(their_client).get(reverse("accounts:settings")).content.decode()
    assert 'name="barbell_plate_lb"' in html and 'name="barbell_plate_kg"' not in html


def test_page_saves_the_steps_of_the_caller(login, trainer, their_client):
    page = login(their_client)
    response = page.post(PAGE, {"barbell_plate_kg": "0.50", "machine_step_kg": "5.00"})
    assert response.status_code == 302
    saved = TrainingPreferences.objects.get()
    assert (saved.user, saved.barbell_plate_kg, saved.machine_step_kg) == (their_client, Decimal("0.5"), Decimal("5"))
    assert saved.barbell_plate_lb == Decimal("2.5")  # the other unit keeps its value
    assert b'value="0.50" selected' in page.get(PAGE).content


def test_saving_from_the_settings_page_returns_there_with_a_message(login, their_client):
    page = login(their_client)
    settings_url = reverse("accounts:settings")
    form = page.get(settings_url).content.decode()
    assert '<input type="hidden" name="from" value="settings">' in form  # the settings page's form says so
    # (no Referer: browsers may send none)
    response = page.post(PAGE, {"barbell_plate_kg": "0.50", "machine_step_kg": "5.00", "from": "settings"})
    assert response.status_code == 302 and response.url == settings_url
    html = page.get(settings_url).content.decode()
    assert "Weight steps saved: targets are rounded to them." in html
    assert TrainingPreferences.objects.get().barbell_plate_kg == Decimal("0.5")


@pytest.mark.parametrize("origin", [None, "", "https://evil.example/", "/plans/", "weights"])
def test_saving_from_anywhere_else_stays_on_the_weights_page(login, their_client, origin):
    data = {"barbell_plate_kg": "0.50", "machine_step_kg": "5.00"}
    if origin is not None:
        data["from"] = origin
    page = login(their_client)
    assert 'name="from"' not in page.get(PAGE).content.decode()
    response = page.post(PAGE, data, HTTP_REFERER="http://testserver/settings/")
    assert response.status_code == 302 and response.url == PAGE


def test_the_settings_section_is_not_shown_to_staff(login, staff_user):
    html = login(staff_user).get(reverse("accounts:settings")).content.decode()
    assert "Weight steps" not in html


def test_page_shows_a_form_error_for_a_bad_step(login, their_client):
    response = login(their_client).post(PAGE, {"barbell_plate_kg": "0.75", "machine_step_kg": "2.50"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not TrainingPreferences.objects.exists()


def test_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("saved", [False, True])
def test_page_query_count(login, their_client, saved, django_assert_num_queries):
    if saved:
        TrainingPreferences.objects.create(user=their_client, barbell_plate_kg=Decimal("0.5"))
    page = login(their_client)
    # session, user (2); the preferences (1)
    with django_assert_num_queries(3):
        page.get(PAGE)


# --- The targets follow the steps ----------------------------------------------------------------


def test_plan_page_rounds_targets_with_the_clients_plates(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, start_date=date(2020, 1, 6), weeks=1)
    item = PlanExerciseFactory(day=PlanDayFactory(plan=plan), exercise=ExerciseFactory(name="Row X"))
    PlanSetFactory(plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=Decimal("36.21"))

    assert "5 reps · 35 kg" in login(their_client).get(reverse("workouts:plan_detail", args=[plan.pk])).content.decode()
    login(their_client).post(PAGE, {"barbell_plate_kg": "0.50", "machine_step_kg": "2.50"})
    html = login(trainer).get(reverse("workouts:plan_detail", args=[plan.pk])).content.decode()
    assert "5 reps · 36 kg" in html  # the client's 0.5 kg plates: 1 kg steps, also for their trainer
