"""Pages of the workouts app. Each area keeps its own block (exercise library, plans, logging, history)."""

from workouts.views import exercises, history, logging, plans

app_name = "workouts"

urlpatterns = [
    # --- exercise library ---
    *exercises.urlpatterns,
    # --- plans ---
    *plans.urlpatterns,
    # --- logging ---
    *logging.urlpatterns,
    # --- history and records ---
    *history.urlpatterns,
]
