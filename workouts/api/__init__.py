"""The workouts API (exercises/, plans/, workouts/, and the history and records reads)."""

from workouts.api import exercises, history, plans, preferences, workouts

api_urlpatterns = [
    *exercises.api_urlpatterns,
    *plans.api_urlpatterns,
    *workouts.api_urlpatterns,
    *history.api_urlpatterns,
    *preferences.api_urlpatterns,
]
