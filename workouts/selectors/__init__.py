"""Every read of workouts data, scoped to the acting user. `access` holds the access rule of each model."""
