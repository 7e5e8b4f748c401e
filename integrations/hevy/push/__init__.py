"""Sending FitnessPr data to Hevy: plans as routine folders + routines (`push.plans`), finished workouts as Hevy
workouts (`push.workouts`); the errors a person reads and the connection checks both share are in `push.common`."""
