"""Sending finished FitnessPr workouts to Hevy (`workout_push`): when the user turned `push_workouts` on, a workout
logged in FitnessPr is sent once it is finished (POST, or PUT when it already has a Hevy id) and its Hevy id is stored
at once (`workout_set_external_id`, the workouts service), so the events feed brings it back as an update of the same
workout, never as a duplicate. RPE is rounded to the nearest value Hevy allows (6, 7, 7.5 ... 10; a tie goes up, so
6.5 -> 7). Workouts that came from Hevy never go back.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from integrations.hevy.bodies import workout_body
from integrations.hevy.client import HevyClient
from integrations.hevy.connection import client_for
from integrations.hevy.errors import HevyAuthError, HevyNotFound
from integrations.hevy.mapping import ensure_template_ids
from integrations.hevy.push.common import HevyPushError, answer_id, mark_invalid
from integrations.models import ConnectionStatus, HevyConnection
from integrations.selectors import hevy_connection_for_user
from workouts.models import Workout, WorkoutExercise, WorkoutSet, WorkoutSource
from workouts.services.imports import workout_set_external_id


def _push_connection(workout: Workout) -> HevyConnection | None:
    """The connection a workout is pushed through, or None when it must not be pushed."""
    if workout.source != WorkoutSource.FITNESSPR or workout.ended_at is None:
        return None
    connection = hevy_connection_for_user(user=workout.user)
    if connection is None or not connection.push_workouts or connection.status != ConnectionStatus.VALID:
        return None
    return connection


def on_workout_finished(workout: Workout) -> None:
    """Call after a workout is finished (or created finished, or changed after it was sent): when its owner turned
    on `push_workouts`, the push task is queued once the transaction commits. Workouts from Hevy never go back."""
    if _push_connection(workout) is None:
        return
    from integrations.tasks_push import hevy_push_workout

    workout_id = str(workout.pk)
    transaction.on_commit(lambda: hevy_push_workout.delay(workout_id))


def _workout_for_push(workout_id: Any) -> Workout | None:
    return (
        Workout.objects.filter(pk=workout_id)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "exercises",
                queryset=WorkoutExercise.objects.select_related("exercise").order_by("position", "created_at"),
            ),
            Prefetch("exercises__sets", queryset=WorkoutSet.objects.order_by("position", "created_at")),
        )
        .first()
    )


def workout_push(*, workout: Workout, client: HevyClient | None = None) -> str | None:
    """Send a finished FitnessPr workout to its owner's Hevy account (POST, or PUT when it has a Hevy id) and store
    the Hevy id at once. Answers the Hevy id, or None when the workout is not to be pushed (push off, not
    finished, from Hevy). Hevy errors propagate (the task retries rate limits and server errors); a rejected key
    marks the connection invalid."""
    connection = _push_connection(workout)
    if connection is None:
        return None
    workout = _workout_for_push(workout.pk)
    if workout is None:
        return None
    own_client = client is None
    if own_client:
        client = client_for(connection)
    try:
        template_ids, _created = ensure_template_ids(
            client=client,
            account_user=workout.user,
            exercises={we.exercise for we in workout.exercises.all()},
        )
        body = workout_body(workout, template_ids)
        if workout.hevy_id:
            try:
                client.update_workout(workout.hevy_id, body)
                return workout.hevy_id
            except HevyNotFound:
                pass  # gone from Hevy: send it again as a new workout
        answer = client.create_workout(body)
    except HevyAuthError:
        mark_invalid(connection)
        raise
    finally:
        if own_client:
            client.close()
    hevy_id = answer_id(answer)
    if hevy_id is None:
        raise HevyPushError("Hevy created the workout but did not answer its id.")
    workout_set_external_id(workout=workout, hevy_id=hevy_id)
    return hevy_id
