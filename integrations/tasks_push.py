"""Celery: sending a finished FitnessPr workout to Hevy (see integrations.hevy.push.workouts).

Queued by `integrations.hevy.push.workouts.on_workout_finished` once the workout's transaction commits.
Idempotent: the Hevy id is stored the moment Hevy answers it, and a workout that has one is PUT, not POSTed again.
Rate limits and Hevy server errors are retried with exponential backoff; a rejected key (the connection is marked
invalid), a limit or a rejected body are logged and not retried.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache

from fitnesspr.errors import ApplicationError
from integrations.hevy.errors import HevyError, HevyRateLimited, HevyServerError
from integrations.hevy.push.workouts import workout_push
from workouts.models import Workout

logger = logging.getLogger(__name__)

LOCK_SECONDS = 5 * 60


@shared_task(
    bind=True,
    autoretry_for=(HevyRateLimited, HevyServerError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=6,
    time_limit=5 * 60,
    soft_time_limit=4 * 60,
)
def hevy_push_workout(self, workout_id: str) -> str | None:
    """Send one workout to its owner's Hevy account; answers its Hevy id (None: not to be pushed)."""
    workout = Workout.objects.filter(pk=workout_id).select_related("user").first()
    if workout is None:
        return None
    lock = f"hevy-push-workout:{workout_id}"
    if not cache.add(lock, "1", LOCK_SECONDS):
        # another push of the same workout is running: try again after it, so it is never POSTed twice
        raise self.retry(countdown=30)
    try:
        return workout_push(workout=workout)
    except (HevyRateLimited, HevyServerError):
        raise
    except HevyError as error:
        if type(error) is HevyError and error.status is None:  # the network, after the client's own retries
            raise self.retry(exc=error, countdown=60) from error
        logger.warning("workout %s not sent to Hevy: %s", workout_id, error)
        return None
    except ApplicationError as error:
        logger.warning("workout %s not sent to Hevy: %s", workout_id, error)
        return None
    finally:
        cache.delete(lock)
