"""URL patterns of the workouts API, relative to /api/v1/ (namespace `api`)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from workouts.api.workouts import views

router = SimpleRouter(use_regex_path=False)
router.register("workouts", views.WorkoutViewSet, basename="workout")
router.register("workout-sets", views.WorkoutSetViewSet, basename="workout-set")

api_urlpatterns = [*router.urls]
