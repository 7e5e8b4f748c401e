"""Staff have a role of their own: they run the site in the admin, have no trainer's or client's pages and no
profile, and nobody can sign up as staff."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from accounts import services
from accounts.models import ClientProfile, Role, TrainerProfile, User
from accounts.tests.factories import DEFAULT_PASSWORD, InvitationFactory, UserFactory
from fitnesspr.errors import ApplicationError, ForbiddenError
from fitnesspr.tests.api import assert_error
from workouts.models import Plan, Workout

pytestmark = pytest.mark.django_db


def _nav(html: str) -> str:
    return re.search(r'<nav class="container site-nav".*?</nav>', html, re.S).group(0)


# --- Who is staff ------------------------------------------------------------------------------------


def test_create_superuser_makes_a_staff_role_user():
    user = User.objects.create_superuser("boss@example.com", DEFAULT_PASSWORD, display_name="Boss")
    assert (user.role, user.is_staff, user.is_superuser) == (Role.STAFF, True, True)
    assert user.is_staff_role and not user.is_trainer and not user.is_client


def test_the_createsuperuser_command_makes_a_staff_role_user(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", DEFAULT_PASSWORD)
    call_command("createsuperuser", interactive=False, email="root@example.com", display_name="Root", verbosity=0)
    assert User.objects.get(email="root@example.com").role == Role.STAFF


def test_the_demo_staff_account_has_the_staff_role_even_in_an_older_demo_database():
    from accounts.demo import STAFF_EMAIL, seed_accounts

    seed_accounts()
    assert User.objects.get(email=STAFF_EMAIL).role == Role.STAFF
    User.objects.filter(email=STAFF_EMAIL).update(role=Role.CLIENT)  # as seeded before staff had a role
    seed_accounts()
    assert User.objects.get(email=STAFF_EMAIL).role == Role.STAFF


# --- Nobody signs up as staff ------------------------------------------------------------------------


def test_the_signup_page_refuses_the_staff_role(client):
    data = {
        "email": "sneaky@example.com",
        "display_name": "Sneaky",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "role": "staff",
        "units": "kg",
        "time_zone": "UTC",
    }
    response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["Choose trainer or client."]
    assert 'value="staff"' not in response.content.decode()
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_the_api_refuses_to_register_staff():
    data = {"email": "sneaky@example.com", "password": DEFAULT_PASSWORD, "display_name": "Sneaky", "role": "staff"}
    error = assert_error(APIClient().post(reverse("api:auth-register"), data), 400)
    assert error["fields"]["role"] == ["Choose trainer or client: “staff” is not a role you can sign up with."]
    assert not User.objects.filter(email="sneaky@example.com").exists()


def test_the_schema_offers_only_trainer_and_client_at_sign_up():
    schemas = APIClient().get(reverse("schema"), {"format": "json"}).json()["components"]["schemas"]
    assert schemas["RegisterRoleEnum"]["enum"] == ["trainer", "client"]
    assert "Staff accounts cannot sign up" in schemas["RegisterRequest"]["properties"]["role"]["description"]
    assert schemas["MeRoleEnum"]["enum"] == ["trainer", "client", "staff"]


def test_the_sign_up_service_refuses_the_staff_role():
    with pytest.raises(ApplicationError) as raised:
        services.user_create(email="x@example.com", password=DEFAULT_PASSWORD, display_name="X", role=Role.STAFF)
    assert raised.value.code == "invalid_role" and "role" in raised.value.fields
    assert not User.objects.exists()


# --- Where staff land and what they see --------------------------------------------------------------


def test_staff_signing_in_land_on_the_admin(client, staff_user):
    credentials = {"username": staff_user.email, "password": DEFAULT_PASSWORD}
    response = client.post(reverse("accounts:login"), credentials, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert response.status_code == 200


def test_a_staff_role_user_without_admin_access_lands_on_settings(login):
    user = UserFactory(role=Role.STAFF, is_staff=False)
    assert login(user).get("/").url == reverse("accounts:settings")
    assert ">Admin<" not in _nav(login(user).get(reverse("accounts:settings")).content.decode())


def test_the_staff_nav_has_the_admin_settings_and_log_out_only(login, staff_user):
    nav = _nav(login(staff_user).get(reverse("accounts:settings")).content.decode())
    labels = re.findall(r">\s*([A-Z][A-Za-z ]+?)\s*</(?:a|button|summary)>", nav)
    assert labels == ["Admin", "Settings", "Log out"]
    assert f'href="{reverse("admin:index")}"' in nav


@pytest.mark.parametrize("url_name", ["accounts:clients", "accounts:my_trainer", "accounts:profile_step"])
def test_trainer_and_client_pages_refuse_staff(login, staff_user, url_name):
    """As they refuse the other role: 404, like a page that does not exist."""
    assert login(staff_user).get(reverse(url_name)).status_code == 404


def test_a_trainers_client_page_refuses_staff(login, staff_user, their_client):
    assert login(staff_user).get(reverse("accounts:client_detail", args=[their_client.pk])).status_code == 404


def test_trainer_and_client_api_collections_refuse_staff(api, staff_user):
    assert_error(api(staff_user).get(reverse("api:invitation-list")), 403)
    assert_error(api(staff_user).post(reverse("api:invitation-list"), {"email": "a@example.com"}), 403)


def test_staff_cannot_accept_an_invitation(login, trainer, staff_user):
    InvitationFactory(trainer=trainer, email=staff_user.email, token="staff-token")
    response = login(staff_user).get(reverse("accounts:invitation_accept", args=["staff-token"]))
    assert response.status_code == 403
    assert "Only a client account can accept an invitation." in response.content.decode()


def _training_routes() -> list[tuple[str, str]]:
    """(name, path) of every page of the training apps (workouts, integrations), ids filled with a random UUID."""
    routes = []
    for namespace in ("workouts", "integrations"):
        resolver = get_resolver().namespace_dict[namespace][1]
        for pattern in resolver.url_patterns:
            kwargs = {name: uuid.uuid4() for name in pattern.pattern.converters}
            routes.append((f"{namespace}:{pattern.name}", reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)))
    return routes


TRAINING_ROUTES = _training_routes()


@pytest.mark.parametrize(("name", "path"), TRAINING_ROUTES, ids=[name for name, _ in TRAINING_ROUTES])
def test_every_training_page_answers_staff_404(login, staff_user, name, path):
    """Today, workouts, history, exercises, plans, weight steps and Hevy are a trainer's or a client's: staff
    (who see everything in the admin) get 404 on a GET and a POST, like the other role-only pages."""
    browser = login(staff_user)
    assert browser.get(path).status_code == 404
    assert browser.post(path).status_code == 404


def test_staff_cannot_start_a_workout_or_create_a_plan(login, staff_user):
    browser = login(staff_user)
    assert browser.post(reverse("workouts:workout_start")).status_code == 404
    assert browser.post(reverse("workouts:plan_create"), {"name": "Mine", "weeks": 4}).status_code == 404
    assert not Workout.objects.exists() and not Plan.objects.exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "workouts:today",
        "workouts:history",
        "workouts:exercise_list",
        "workouts:plan_list",
        "integrations:hevy_settings",
    ],
)
@pytest.mark.parametrize("who", ["trainer", "their_client"])
def test_trainers_and_clients_still_open_the_training_pages(request, login, url_name, who):
    assert login(request.getfixturevalue(who)).get(reverse(url_name)).status_code == 200


# --- No profile --------------------------------------------------------------------------------------


def test_the_staff_settings_page_has_no_profile_and_saves_the_account(login, staff_user):
    client = login(staff_user)
    page = client.get(reverse("accounts:settings"))
    html = page.content.decode()
    assert page.status_code == 200 and page.context["profile_form"] is None
    assert 'id="profile-heading"' not in html and "(staff)" in html
    assert "Connected apps" not in html and "Change your password" in html
    response = client.post(
        reverse("accounts:settings"), {"display_name": "Sam Boss", "time_zone": "Europe/Paris", "units": "lb"}
    )
    assert response.status_code == 302 and response.url == reverse("accounts:settings")
    staff_user.refresh_from_db()
    assert (staff_user.display_name, staff_user.time_zone, staff_user.units) == ("Sam Boss", "Europe/Paris", "lb")
    assert not ClientProfile.objects.filter(user=staff_user).exists()
    assert not TrainerProfile.objects.filter(user=staff_user).exists()


def test_the_profile_service_refuses_staff(staff_user):
    with pytest.raises(ForbiddenError):
        services.profile_update(user=staff_user, data={"goal": "lose_fat"})
    assert not ClientProfile.objects.filter(user=staff_user).exists()


@pytest.mark.parametrize("key", ["client_profile", "trainer_profile"])
def test_staff_have_no_profile_in_the_api(api, staff_user, key):
    me = api(staff_user).get(reverse("api:me")).json()
    assert (me["role"], me["client_profile"], me["trainer_profile"]) == ("staff", None, None)
    error = assert_error(api(staff_user).patch(reverse("api:me"), {key: {"bio": "x"}}, format="json"), 400)
    assert error["fields"][key] == ["Staff have no profile."]
    assert not ClientProfile.objects.filter(user=staff_user).exists()


def test_the_admin_shows_no_profile_inline_for_staff(login, staff_user):
    response = login(staff_user).get(reverse("admin:accounts_user_change", args=[staff_user.pk]))
    assert response.status_code == 200 and response.context["inline_admin_formsets"] == []
