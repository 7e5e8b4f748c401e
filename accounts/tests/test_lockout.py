from __future__ import annotations

import pytest
from django.test import RequestFactory

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


def test_the_lock_ends_after_its_time(trainer, settings, monkeypatch):
    import accounts.lockout as lockout

    settings.LOGIN_FAILURE_LIMIT = 1
    with pytest.raises(RateLimitedError):
        authenticate_with_lockout(_request(), email=trainer.email, password="wrong")
    now = lockout.time.time()
    monkeypatch.setattr(lockout.time, "time", lambda: now + settings.LOGIN_LOCKOUT_SECONDS + 1)
    assert authenticate_with_lockout(_request(), email=trainer.email, password=DEFAULT_PASSWORD) == trainer


def test_the_address_comes_from_the_trusted_proxy_hop_only(settings):
    from accounts.lockout import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.NUM_PROXIES = 0
    assert client_address(request) == "10.0.0.9"  # the header is not trusted without a proxy
    settings.NUM_PROXIES = 1
    assert client_address(request) == "203.0.113.7"  # the hop our proxy added, not the spoofable first one
