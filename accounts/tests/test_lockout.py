from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.lockout import authenticate_with_lockout
from accounts.tests.factories import DEFAULT_PASSWORD
from fitnesspr.errors import ApplicationError, RateLimitedError

pytestmark = pytest.mark.django_db


def _request(address="10.0.0.1"):
    return RequestFactory().post("/login/", REMOTE_ADDR=address)


def test_repeated_failures_lock_the_account_and_address(trainer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        with pytest.raises(ApplicationError) as error:
            authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
        assert error.value.code == "invalid_credentials"
    with pytest.raises(RateLimitedError) as error:
        authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
    assert "wait" in error.value.message and error.value.retry_after > 0
    # even the right password is refused while locked
    with pytest.raises(RateLimitedError):
        authenticate_with_lockout(_request(), email=trainer.email.upper(), password=DEFAULT_PASSWORD)
    # another address is not locked out
    assert authenticate_with_lockout(_request("10.0.0.2"), email=trainer.email, password=DEFAULT_PASSWORD) == trainer


def test_success_resets_the_failure_count(trainer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    with pytest.raises(ApplicationError):
        authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
    assert authenticate_with_lockout(_request(), email=trainer.email, password=DEFAULT_PASSWORD) == trainer
    with pytest.raises(ApplicationError) as error:
        authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
    assert not isinstance(error.value, RateLimitedError)


def test_the_lock_ends_after_its_time(trainer, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    with pytest.raises(RateLimitedError):
        authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
    # Time passes: the failure is now older than the lockout.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS + 1))
    assert authenticate_with_lockout(_request(), email=trainer.email, password=DEFAULT_PASSWORD) == trainer


def test_the_address_comes_from_the_trusted_proxy_hop_only(settings):
    from accounts.lockout import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.NUM_PROXIES = 0
    assert client_address(request) == "10.0.0.9"  # the header is not trusted without a proxy
    settings.NUM_PROXIES = 1
    assert client_address(request) == "203.0.113.7"  # the hop our proxy added, not the spoofable first one


# --- One lockout for every way to log in ------------------------------------------------------------


def _fail_on_login_page(client, user, times):
    for _ in range(times):
        client.post("/login/", {"username": user.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")


def _fail_on_admin(client, user, times):
    for _ in range(times):
        client.post("/admin/login/", {"username": user.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")


def _fail_on_api(client, user, times):
    for _ in range(times):
        client.post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": "wrong"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.1",
        )


def _admin_login(client, user, address="10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/", {"username": user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize("fail", [_fail_on_login_page, _fail_on_admin, _fail_on_api], ids=["page", "admin", "api"])
def test_failures_anywhere_lock_the_admin_login_even_with_the_right_password(staff_user, settings, fail):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    fail(client, staff_user, 3)

    locked = _admin_login(client, staff_user)

    assert locked.status_code == 429
    assert "Please wait 15 minutes" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
    # Another address is not locked out.
    assert _admin_login(Client(), staff_user, address="10.0.0.2").status_code == 302


def test_admin_failures_lock_the_login_page_and_the_api(staff_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    _fail_on_admin(client, staff_user, 3)

    page = client.post("/login/", {"username": staff_user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.0.0.1")
    api = client.post(
        "/api/v1/auth/token/",
        {"email": staff_user.email, "password": DEFAULT_PASSWORD},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.1",
    )

    assert page.status_code == 200 and "Please wait" in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert api.status_code == 429 and api.json()["error"]["code"] == "locked_out"


def test_failures_are_kept_for_staff_to_audit_without_passwords(staff_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 10
    _fail_on_admin(Client(), staff_user, 1)
    _fail_on_api(Client(), staff_user, 1)

    attempt = AccessAttempt.objects.get(username=staff_user.email)
    assert attempt.failures_since_start == 2
    assert attempt.ip_address == "10.0.0.1"
    assert "wrong" not in attempt.post_data
    assert AccessFailureLog.objects.filter(username=staff_user.email).count() == 2

    admin = Client()
    admin.force_login(staff_user)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and staff_user.email in listing.content.decode()


@pytest.mark.parametrize("forwarded", ["not-an-address", "", "::1, junk"])
def test_a_junk_forwarded_address_is_counted_without_an_error(trainer, settings, forwarded):
    settings.NUM_PROXIES = 1
    settings.LOGIN_FAILURE_LIMIT = 2
    client = Client()
    answers = [
        client.post(
            "/api/v1/auth/token/",
            {"email": trainer.email, "password": "wrong"},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code
        for _ in range(2)
    ]

    assert answers == [401, 429]
