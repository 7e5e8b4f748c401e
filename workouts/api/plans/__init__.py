"""API: plans/ (nested days -> exercises -> sets), their actions, and plans/today/."""

from __future__ import annotations

from workouts.api.plans.urls import api_urlpatterns

__all__ = ["api_urlpatterns"]
