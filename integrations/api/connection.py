"""API: the Hevy connection and syncs."""

from __future__ import annotations

api_urlpatterns: list = []
