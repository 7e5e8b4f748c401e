"""Every write to workouts data. Views, API, admin actions, tasks and commands all call these."""
