"""API: logged workouts."""

from __future__ import annotations

api_urlpatterns: list = []
