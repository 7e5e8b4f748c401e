"""Throttles with named scopes; rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].

- `anon`: requests without a user, per address;
- `user`: requests of a logged-in user, per user;
- `auth`: the endpoints that take credentials or tokens (register, token, refresh, logout), per address,
  on top of `anon`. Views opt in with `throttle_classes = AUTH_THROTTLES`.

Rates are read when a request is checked (not when the class is imported), so settings overrides apply.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesFromSettings:
    scope: str | None

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    scope = "anon"


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    scope = "user"


class AuthRateThrottle(_RatesFromSettings, throttling.ScopedRateThrottle):
    """The `auth` scope: a view sets `throttle_scope = "auth"`."""


AUTH_THROTTLES = (AnonRateThrottle, AuthRateThrottle)
