"""Brute-force protection for every way to log in: the login page, the admin and the API token endpoint.

django-axes hooks Django's `authenticate()` itself (AxesBackend first in AUTHENTICATION_BACKENDS, and its
`user_login_failed` handler), so no login path can skip it, and failures are kept in the database, where
staff read them in the admin (Axes: access attempts and failures). The settings in settings.py point axes
at the functions below: failures are counted per account+address (the address from `client_address`,
which trusts only NUM_PROXIES proxy hops); after `LOGIN_FAILURE_LIMIT` failures the pair waits
`LOGIN_LOCKOUT_SECONDS`, even with the right password.

Our own login paths (`authenticate_with_lockout`) turn a lockout into "please wait N minutes" on the page and
429 + Retry-After in the API; any other path (the admin) gets `lockout_response` from axes' middleware.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

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


def ip_address_of(request: HttpRequest | None) -> str | None:
    """`client_address` as axes stores it (an IP address column): None when it is not a valid address."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:  # "-", or junk in a forwarded header
        return None


# --- Read by django-axes (AXES_* settings), at run time so tests and settings changes apply ----------


def failure_limit(request: HttpRequest | None, credentials: dict[str, Any] | None) -> int:
    return settings.LOGIN_FAILURE_LIMIT


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)


def username_of(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The account an attempt is for, whatever the form calls its field; case-insensitive like the login."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if value is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get("username") or data.get("email")
    if not value:
        return None
    return str(value).strip().lower()[:255] or None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """What a login path other than ours (the admin) answers while the account+address is locked."""
    seconds = seconds_locked(request, username_of(request, credentials)) or settings.LOGIN_LOCKOUT_SECONDS
    message = lockout_message(seconds)
    headers = {"Retry-After": str(seconds)}
    if request.path.startswith("/api/"):
        from fitnesspr.api.errors import error_body

        return JsonResponse(error_body("locked_out", message), status=429, headers=headers)
    wait = message.removeprefix("Too many failed attempts. ")  # the page's heading says the first part
    response = render(request, "accounts/locked_out.html", {"wait": wait}, status=429)
    response["Retry-After"] = headers["Retry-After"]
    return response


# --- Ours -----------------------------------------------------------------------------------------


def seconds_locked(request: HttpRequest | None, email: str | None) -> int:
    """Seconds left in the lock of this account+address, or 0 when not locked."""
    from axes.models import AccessAttempt

    if not email:
        return 0
    since = timezone.now() - cool_off(request)
    last = (
        AccessAttempt.objects.filter(
            username=email.strip().lower(),
            ip_address=ip_address_of(request),
            failures_since_start__gte=settings.LOGIN_FAILURE_LIMIT,
            attempt_time__gte=since,
        )
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if last is None:
        return 0
    return max(1, math.ceil((last - since).total_seconds()))


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts. Please wait {minutes} {unit} before trying again."


def authenticate_with_lockout(request: HttpRequest, *, email: str, password: str) -> User:
    """Check the credentials through `authenticate()` (so axes counts and locks); explain a lockout."""
    user = authenticate(request, username=email, password=password)
    if getattr(request, "axes_locked_out", False):
        # We answer the lockout ourselves (a form error, a 429): axes' middleware must not replace it.
        request.axes_locked_out = False
        seconds = seconds_locked(request, email) or settings.LOGIN_LOCKOUT_SECONDS
        raise RateLimitedError(lockout_message(seconds), retry_after=seconds)
    if user is None:
        raise ApplicationError("Please enter a correct email address and password.", code="invalid_credentials")
    # A success clears this pair's failures (axes does so on `user_logged_in`, which a token login never sends).
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(
        username=username_of(request, {"username": email}), ip_address=ip_address_of(request)
    ).delete()
    return user
