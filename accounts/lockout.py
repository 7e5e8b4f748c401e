"""Brute-force protection for the login page and the API token endpoint.

Failures are counted per account+address in the cache (Redis in production, so every web process
shares them). After `LOGIN_FAILURE_LIMIT` failures the pair is locked for `LOGIN_LOCKOUT_SECONDS`.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpRequest

from accounts.models import User
from fitnesspr.errors import ApplicationError, RateLimitedError


def client_address(request: HttpRequest | None) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For hop added by the first of NUM_PROXIES proxies."""
    if request is None:
        return "-"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(settings.NUM_PROXIES, len(hops))]
    return request.META.get("REMOTE_ADDR") or "-"


def _key(kind: str, email: str, address: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()
    return f"accounts:login:{kind}:{digest}"


def seconds_locked(email: str, address: str) -> int:
    """Seconds left in the lock of this account+address, or 0 when not locked."""
    until = cache.get(_key("locked", email, address))
    if until is None:
        return 0
    return max(0, math.ceil(until - time.time()))


def record_failure(email: str, address: str) -> None:
    key = _key("failures", email, address)
    if cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
        failures = 1
    else:
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
            failures = 1
    if failures >= settings.LOGIN_FAILURE_LIMIT:
        until = time.time() + settings.LOGIN_LOCKOUT_SECONDS
        cache.set(_key("locked", email, address), until, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        cache.delete(key)


def clear_failures(email: str, address: str) -> None:
    cache.delete_many([_key("failures", email, address), _key("locked", email, address)])


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts. Please wait {minutes} {unit} before trying again."


def authenticate_with_lockout(request: HttpRequest | None, *, email: str, password: str) -> User:
    """Check the credentials unless this account+address is locked out; count failures."""
    address = client_address(request)
    locked = seconds_locked(email, address)
    if locked:
        raise RateLimitedError(lockout_message(locked), retry_after=locked)
    user = authenticate(request, username=email, password=password)
    if user is None:
        record_failure(email, address)
        locked = seconds_locked(email, address)
        if locked:
            raise RateLimitedError(lockout_message(locked), retry_after=locked)
        raise ApplicationError(
            "Please enter a correct email address and password.",
            code="invalid_credentials",
        )
    clear_failures(email, address)
    return user
