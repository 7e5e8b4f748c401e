"""Data shipped with the workouts app: the built-in exercise catalogue (workouts.data.exercises)."""
