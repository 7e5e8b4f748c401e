"""Pages of the workouts app. Each area keeps its own block (today, exercise library, plans, logging, history)."""

from workouts.views import exercises, history, logging, plans, preferences, today

app_name = "workouts"

urlpatterns = [
    # --- today: where a client lands ---
    *today.urlpatterns,
    # --- exercise library ---
    *exercises.urlpatterns,
    # --- plans ---
    *plans.urlpatterns,
    # --- logging ---
    *logging.urlpatterns,
    # --- history and records ---
    *history.urlpatterns,
    # --- training preferences (weight steps) ---
    *preferences.urlpatterns,
]
