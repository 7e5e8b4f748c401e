"""API: pushing plans to Hevy."""

from __future__ import annotations

api_urlpatterns: list = []
