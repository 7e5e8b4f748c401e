"""Sign-up, log-in/out, passwords, the home redirect and the base layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.forms import ROLE_CHOICES
from accounts.models import SIGNUP_ROLES, ClientProfile, Role, TrainerProfile, User
from accounts.tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-long-passphrase-42"


def signup_data(**overrides):
    data = {
        "email": "New.Person@Example.com",
        "display_name": "New Person",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
        "role": "trainer",
        "units": "kg",
        "time_zone": "Europe/Paris",
    }
    data.update(overrides)
    return data


# --- Sign-up ---------------------------------------------------------------------------------


def test_signup_page_has_a_time_zone_field_for_the_script_and_both_roles(client):
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="hidden" name="time_zone" value="UTC"[^>]*data-timezone-autofill', html)
    assert 'value="trainer"' in html and 'value="client"' in html


@pytest.mark.parametrize(
    ("role", "profile_model", "home"),
    [("trainer", TrainerProfile, "accounts:clients"), ("client", ClientProfile, "workouts:today")],
)
def test_signup_creates_the_account_and_logs_in(client, role, profile_model, home):
    response = client.post(reverse("accounts:signup"), signup_data(role=role))
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert (user.role, user.time_zone, user.display_name) == (role, "Europe/Paris", "New Person")
    assert profile_model.objects.filter(user=user).exists()
    assert client.get(reverse("home")).url == reverse(home)


def test_signup_falls_back_to_utc_for_an_unknown_time_zone(client):
    client.post(reverse("accounts:signup"), signup_data(time_zone="Mars/Olympus"))
    assert User.objects.get(email="new.person@example.com").time_zone == "UTC"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "something-else-entirely"}, "password2", "The two passwords do not match."),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "This password is entirely numeric."),
        ({"role": ""}, "role", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
    ],
)
def test_signup_shows_errors_next_to_the_fields(client, overrides, field, message):
    response = client.post(reverse("accounts:signup"), signup_data(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert not User.objects.exists()


def test_signup_with_a_taken_email_says_so(client, trainer):
    response = client.post(reverse("accounts:signup"), signup_data(email="TRAINER@example.com"))
    assert response.status_code == 200
    assert (
        "An account with this email address already exists. Log in instead." in response.context["form"].errors["email"]
    )
    assert User.objects.count() == 1


def test_signup_redirects_a_logged_in_user_home(login, trainer):
    assert login(trainer).get(reverse("accounts:signup")).url == reverse("home")


# --- Log in and out --------------------------------------------------------------------------


def test_login_with_the_right_password_goes_home(client, trainer):
    response = client.post(reverse("accounts:login"), {"username": "Trainer@Example.com", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_login_follows_a_safe_next_and_ignores_an_outside_one(client, trainer):
    credentials = {"username": trainer.email, "password": DEFAULT_PASSWORD}
    response = client.post(reverse("accounts:login") + "?next=/settings/", credentials)
    assert response.url == "/settings/"
    client.post(reverse("accounts:logout"))
    response = client.post(reverse("accounts:login") + "?next=https://evil.example/", credentials)
    assert response.url == reverse("home")


def test_login_page_keeps_next_in_the_form(client):
    response = client.get(reverse("accounts:login") + "?next=/invite/abc/")
    assert '<input type="hidden" name="next" value="/invite/abc/">' in response.content.decode()


def test_login_with_a_wrong_password_shows_an_error(client, trainer):
    response = client.post(reverse("accounts:login"), {"username": trainer.email, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password." in response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_login_locks_out_after_repeated_failures_even_with_the_right_password(client, trainer, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_SECONDS = 15 * 60
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": trainer.email, "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": trainer.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == ["Too many failed attempts. Please wait 15 minutes before trying again."]
    assert "Please wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(login, trainer):
    client = login(trainer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


# --- Passwords -------------------------------------------------------------------------------


def test_password_reset_sends_a_working_absolute_link(client, their_client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "CLIENT@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["client@example.com"] and message.subject == "Choose a new FitnessPr password"
    link = re.search(r"http://testserver(/password/reset/\S+/\S+/)", message.body).group(1)

    response = client.get(link)  # Django swaps the token for a session value and redirects
    assert response.status_code == 302
    form_url = response.url
    assert client.get(form_url).context["validlink"] is True
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:password_reset_complete")
    their_client.refresh_from_db()
    assert their_client.check_password(NEW_PASSWORD)
    assert client.get(link, follow=True).context["validlink"] is False  # used once


def test_password_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_password_change(login, trainer):
    client = login(trainer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_change_done")
    trainer.refresh_from_db()
    assert trainer.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:password_change_done")).status_code == 200


def test_password_change_with_a_wrong_old_password_shows_an_error(login, trainer):
    response = login(trainer).post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    trainer.refresh_from_db()
    assert trainer.check_password(DEFAULT_PASSWORD)


def test_password_change_needs_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


# --- Home and layout -------------------------------------------------------------------------


def test_home_sends_each_person_to_their_page(login, trainer, their_client, staff_user):
    assert login(trainer).get("/").url == reverse("accounts:clients")
    assert login(their_client).get("/").url == reverse("workouts:today")  # today's workout, not "My trainer"
    assert login(staff_user).get("/").url == reverse("admin:index")


def test_a_signed_out_visitor_reads_what_fitnesspr_is_with_sign_in_and_sign_up(client, db):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "FitnessPr is where personal trainers build workout plans" in html
    main = html[html.index('<main id="main"') :]
    assert f'href="{reverse("accounts:signup")}"' in main and f'href="{reverse("accounts:login")}"' in main
    assert " style=" not in html and "<style" not in html


@pytest.mark.parametrize(
    "template",
    [
        "home.html",
        "accounts/signup.html",
        "accounts/invitation_accept.html",
        "accounts/my_trainer.html",
        "accounts/email/invitation.txt",
    ],
)
def test_copy_promises_nothing_that_does_not_exist_yet(template):
    """Food, meal plans, progress tracking, generated plans and reminders are mentioned only once they work."""
    from django.template.loader import get_template

    text = Path(get_template(template).origin.name).read_text().lower()
    for word in ("food", "meal", "nutrition", "your progress", "and progress", "reminder", "generated", "claude"):
        assert word not in text, f"{template} mentions {word!r}"


@pytest.mark.parametrize("person", ["trainer", "their_client"])
def test_the_settings_page_promises_no_reminders(request, login, person):
    """There are no reminders yet: the time zone's help says what it does today."""
    html = login(request.getfixturevalue(person)).get(reverse("accounts:settings")).content.decode().lower()
    assert "reminder" not in html
    assert "the times of your workouts follow this zone" in html


def test_the_client_nav_today_tab_opens_today_and_history_holds_the_workouts(login, their_client):
    html = login(their_client).get(reverse("workouts:today")).content.decode()
    nav = re.search(r'<nav class="container site-nav".*?</nav>', html, re.S).group(0)
    assert f'href="{reverse("workouts:today")}" aria-current="page">Today<' in nav
    html = login(their_client).get(reverse("workouts:workout_list")).content.decode()
    nav = re.search(r'<nav class="container site-nav".*?</nav>', html, re.S).group(0)
    assert f'href="{reverse("workouts:history")}" aria-current="page">History<' in nav


@pytest.mark.parametrize(
    ("person", "shown", "hidden"),
    [
        ("trainer", ["Clients", "Settings", "Log out"], ["My trainer", "Admin", "Sign up"]),
        ("their_client", ["My trainer", "Settings", "Log out"], ["Clients", "Admin", "Sign up"]),
        ("staff_user", ["Admin", "Settings", "Log out"], ["Sign up"]),
    ],
)
def test_navigation_per_role(request, login, person, shown, hidden):
    user = request.getfixturevalue(person)
    html = login(user).get(reverse("accounts:settings")).content.decode()
    nav = re.search(r'<nav class="container site-nav".*?</nav>', html, re.S).group(0)
    for label in shown:
        assert f">{label}<" in nav
    for label in hidden:
        assert f">{label}<" not in nav
    assert re.search(r'href="/settings/" aria-current="page">Settings<', nav)
    assert "js/realtime.js" in html and 'id="toasts"' in html


def test_anonymous_navigation_and_no_realtime_script(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert ">Log in<" in html and ">Sign up<" in html and ">Log out<" not in html
    assert "js/realtime.js" not in html


@pytest.mark.parametrize("url_name", ["accounts:login", "accounts:signup", "accounts:password_reset"])
def test_pages_have_no_inline_script_or_style(client, url_name):
    response = client.get(reverse(url_name))
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


@pytest.mark.parametrize(
    ("person", "url_name"),
    [
        ("trainer", "accounts:clients"),
        ("trainer", "accounts:settings"),
        ("their_client", "accounts:my_trainer"),
        ("their_client", "accounts:settings"),
        ("their_client", "accounts:password_change"),
    ],
)
def test_logged_in_pages_have_no_inline_script_or_style(request, login, person, url_name):
    html = login(request.getfixturevalue(person)).get(reverse(url_name)).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html and " hx-on" not in html


def test_unknown_page_shows_the_friendly_404(login, trainer):
    response = login(trainer).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_renders_without_a_request_context(rf):
    from fitnesspr.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_roles_are_what_signup_offers():
    assert {value for value, _ in ROLE_CHOICES} == set(SIGNUP_ROLES) == set(Role.values) - {Role.STAFF}


# --- Development conveniences --------------------------------------------------------------------


@pytest.mark.parametrize("debug", [True, False])
def test_in_development_a_new_invitation_shows_its_link_once(login, settings, trainer, debug):
    """The token is stored hashed: its link can only be shown right after the invitation is made."""
    settings.DEBUG = debug
    settings.SITE_URL = "http://127.0.0.1:8021"
    client = login(trainer)
    response = client.post(reverse("accounts:clients"), {"email": "new@example.com"}, follow=True)
    html = response.content.decode()
    assert "Invitation sent to new@example.com." in html
    assert ("http://127.0.0.1:8021/invite/" in html) is debug
    assert "http://127.0.0.1:8021/invite/" not in client.get(reverse("accounts:clients")).content.decode()


def test_the_demo_staff_account_lands_on_the_admin(client, db):
    from accounts.demo import STAFF_EMAIL, seed_accounts

    seed_accounts()
    staff = User.objects.get(email=STAFF_EMAIL)
    assert staff.is_staff and not staff.is_trainer
    assert not ClientProfile.objects.filter(user=staff).exists()
    client.force_login(staff)
    assert client.get("/").url == reverse("admin:index")
