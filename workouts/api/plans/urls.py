"""URL patterns of the plans API, relative to /api/v1/ (namespace `api`)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from workouts.api.plans import views

router = SimpleRouter(use_regex_path=False)
router.register("plans", views.PlanViewSet, basename="plan")

api_urlpatterns = [*router.urls]
