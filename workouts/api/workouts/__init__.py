"""API: workouts/ (nested exercises and sets, created in one request), their sets, finishing, comments."""

from __future__ import annotations

from workouts.api.workouts.urls import api_urlpatterns

__all__ = ["api_urlpatterns"]
