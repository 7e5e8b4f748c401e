"""What the integrations do when the domains publish events (registered in IntegrationsConfig.ready())."""

from __future__ import annotations

from fitnesspr.events import subscriber
from integrations.hevy.push.workouts import on_workout_finished
from workouts.events import WorkoutFinished
from workouts.models import Workout, WorkoutSource


@subscriber(WorkoutFinished)
def send_finished_workout_to_hevy(event: WorkoutFinished) -> None:
    """A workout finished in FitnessPr goes to its owner's Hevy account when they turned `push_workouts` on."""
    if event.source != WorkoutSource.FITNESSPR:
        return  # what came from Hevy never goes back
    workout = Workout.objects.filter(pk=event.workout_id).select_related("user").first()
    if workout is not None:
        on_workout_finished(workout)
