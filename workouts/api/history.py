"""API: history."""

from __future__ import annotations

api_urlpatterns: list = []
