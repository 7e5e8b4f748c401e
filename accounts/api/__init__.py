"""The accounts JSON API (DRF). `api_urlpatterns` is included under /api/v1/ by fitnesspr.urls."""

from accounts.api.urls import api_urlpatterns

__all__ = ["api_urlpatterns"]
