"""Sign-up, tokens (obtain, rotate, blacklist) and brute-force protection through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import CoachingLink, InvitationStatus, User
from accounts.tests.factories import DEFAULT_PASSWORD, InvitationFactory
from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

REGISTER = reverse("api:auth-register")
TOKEN = reverse("api:auth-token")
REFRESH = reverse("api:auth-token-refresh")
LOGOUT = reverse("api:auth-logout")
ME = reverse("api:me")


def _signup_data(**overrides):
    return {
        "email": "new@example.com",
        "password": DEFAULT_PASSWORD,
        "display_name": "Nina New",
        "role": "client",
        "time_zone": "Europe/Berlin",
        "units": "lb",
        **overrides,
    }


def _bearer(access: str) -> APIClient:
    api_client = APIClient()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return api_client


def _tokens(email: str = "trainer@example.com", password: str = DEFAULT_PASSWORD) -> dict:
    response = APIClient().post(TOKEN, {"email": email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


# --- Sign-up -----------------------------------------------------------------------------------


def test_register_creates_the_user_and_logs_them_in():
    response = APIClient().post(REGISTER, _signup_data())

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"user", "access", "refresh"}
    user = User.objects.get(email="new@example.com")
    assert body["user"]["id"] == str(user.pk)
    assert body["user"]["role"] == "client" and body["user"]["units"] == "lb"
    assert body["user"]["client_profile"]["goal"] == "general_fitness"
    assert body["user"]["trainer_profile"] is None
    assert "password" not in body["user"]
    assert _bearer(body["access"]).get(ME).json()["email"] == "new@example.com"


def test_register_ignores_a_stale_bearer_token():
    api_client = _bearer("not-a-token")
    assert api_client.post(REGISTER, _signup_data()).status_code == 201


def test_register_with_an_invitation_links_the_new_client(trainer):
    invitation = InvitationFactory(trainer=trainer, email="new@example.com", token="tok-1")

    response = APIClient().post(REGISTER, _signup_data(invitation_token="tok-1"))

    assert response.status_code == 201, response.content
    assert CoachingLink.objects.get(client__email="new@example.com", ended_at__isnull=True).trainer == trainer
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"email": "Trainer@Example.com"}, "email_taken", "email"),
        ({"password": "123"}, "invalid", "password"),
        ({"email": "not-an-email"}, "invalid", "email"),
        ({"role": "admin"}, "invalid", "role"),
        ({"time_zone": "Mars/Olympus"}, "invalid", "time_zone"),
    ],
)
def test_register_refuses_bad_input_with_field_errors(trainer, overrides, code, field):
    response = APIClient().post(REGISTER, _signup_data(**overrides))

    error = assert_error(response, 400, code)
    assert field in error["fields"]


@pytest.mark.parametrize(
    ("invitation_kwargs", "signup", "code"),
    [
        (None, {}, "invitation_invalid"),
        ({"status": InvitationStatus.ACCEPTED}, {}, "invitation_used"),
        ({"status": InvitationStatus.REVOKED}, {}, "invitation_revoked"),
        ({"expires_at": timezone.now() - timezone.timedelta(days=1)}, {}, "invitation_expired"),
        ({}, {"email": "someone-else@example.com"}, "invitation_foreign"),
        ({}, {"role": "trainer"}, "invalid_role"),
    ],
)
def test_register_with_a_bad_invitation_explains_why(trainer, invitation_kwargs, signup, code):
    if invitation_kwargs is not None:
        InvitationFactory(trainer=trainer, email="new@example.com", token="tok-1", **invitation_kwargs)

    response = APIClient().post(REGISTER, _signup_data(invitation_token="tok-1", **signup))

    assert_error(response, 400, code)
    assert not User.objects.filter(email__in=["new@example.com", "someone-else@example.com"]).exists()


# --- Tokens ------------------------------------------------------------------------------------


def test_token_pair_authenticates_api_requests(trainer):
    tokens = _tokens("TRAINER@example.com")

    response = _bearer(tokens["access"]).get(ME)

    assert response.status_code == 200
    assert response.json()["id"] == str(trainer.pk)
    trainer.refresh_from_db()
    assert trainer.last_login is not None


def test_wrong_password_answers_401_invalid_credentials(trainer):
    response = APIClient().post(TOKEN, {"email": trainer.email, "password": "wrong"})

    assert_error(response, 401, "invalid_credentials")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_inactive_user_cannot_get_a_token(trainer):
    trainer.is_active = False
    trainer.save(update_fields=["is_active"])

    assert_error(APIClient().post(TOKEN, {"email": trainer.email, "password": DEFAULT_PASSWORD}), 401)


def test_missing_credentials_answer_400_with_fields():
    error = assert_error(APIClient().post(TOKEN, {}), 400, "invalid")
    assert set(error["fields"]) == {"email", "password"}


def test_repeated_failures_lock_the_account_for_this_address(trainer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    api_client = APIClient()
    for _ in range(2):
        assert_error(api_client.post(TOKEN, {"email": trainer.email, "password": "wrong"}), 401)

    response = api_client.post(TOKEN, {"email": trainer.email, "password": "wrong"})
    error = assert_error(response, 429, "locked_out")
    assert "wait" in error["message"]
    assert 0 < int(response["Retry-After"]) <= settings.LOGIN_LOCKOUT_SECONDS

    # Even the right password waits; another address is not locked.
    locked = api_client.post(TOKEN, {"email": trainer.email, "password": DEFAULT_PASSWORD})
    assert_error(locked, 429, "locked_out")
    other_address = api_client.post(
        TOKEN, {"email": trainer.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 200


def test_refresh_rotates_and_the_old_refresh_token_is_dead(trainer):
    tokens = _tokens()

    response = APIClient().post(REFRESH, {"refresh": tokens["refresh"]})
    assert response.status_code == 200, response.content
    rotated = response.json()
    assert set(rotated) == {"access", "refresh"}
    assert rotated["refresh"] != tokens["refresh"]
    assert _bearer(rotated["access"]).get(ME).status_code == 200

    reused = APIClient().post(REFRESH, {"refresh": tokens["refresh"]})
    assert_error(reused, 401, "token_not_valid")
    assert APIClient().post(REFRESH, {"refresh": rotated["refresh"]}).status_code == 200


def test_refresh_with_garbage_answers_401_in_the_error_shape():
    assert_error(APIClient().post(REFRESH, {"refresh": "garbage"}), 401, "token_not_valid")
    assert_error(APIClient().post(REFRESH, {}), 400, "invalid")


def test_an_access_token_is_not_a_refresh_token(trainer):
    tokens = _tokens()
    assert_error(APIClient().post(REFRESH, {"refresh": tokens["access"]}), 401, "token_not_valid")


def test_logout_blacklists_the_refresh_token(trainer):
    tokens = _tokens()

    response = APIClient().post(LOGOUT, {"refresh": tokens["refresh"]})

    assert response.status_code == 204
    assert_error(APIClient().post(REFRESH, {"refresh": tokens["refresh"]}), 401, "token_not_valid")
    assert_error(APIClient().post(LOGOUT, {"refresh": tokens["refresh"]}), 401, "token_not_valid")


def test_bad_bearer_token_answers_401_in_the_error_shape():
    response = _bearer("garbage").get(ME)

    assert_error(response, 401, "token_not_valid")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_answer_401_not_authenticated():
    assert_error(APIClient().get(ME), 401, "not_authenticated")


def test_auth_endpoints_share_the_auth_throttle(trainer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "3/min"},
    }
    api_client = APIClient()
    for _ in range(3):
        api_client.post(REFRESH, {"refresh": "garbage"})

    response = api_client.post(TOKEN, {"email": trainer.email, "password": DEFAULT_PASSWORD})

    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_the_token_endpoint_answers_a_known_and_an_unknown_email_alike(trainer, settings):
    """Wrong password and unknown account: same status, code and message, before and after the lockout."""
    settings.LOGIN_FAILURE_LIMIT = 2
    known, unknown = APIClient(), APIClient()
    answers = []
    for _ in range(3):
        wrong = known.post(TOKEN, {"email": trainer.email, "password": "wrong-password"})
        nobody = unknown.post(TOKEN, {"email": "nobody@example.com", "password": "wrong-password"})
        assert wrong.status_code == nobody.status_code
        assert wrong.json() == nobody.json()
        assert wrong.get("Retry-After") == nobody.get("Retry-After")
        answers.append(wrong.status_code)
    assert answers == [401, 429, 429]
