"""Comments on a workout: its owner and their current trainer talk about it; the other side is told live."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.selectors import can_view_owner
from fitnesspr.errors import ApplicationError, ForbiddenError
from fitnesspr.events import publish
from workouts.events import WorkoutCommented
from workouts.models import Workout, WorkoutComment


@transaction.atomic
def comment_create(*, author: User, workout: Workout, body: str) -> WorkoutComment:
    """The workout's owner or their current trainer comments; the other party gets a `workout.comment` event."""
    if not can_view_owner(author, workout.user_id):
        raise ForbiddenError("Only the person who trained and their trainer can comment on this workout.")
    body = (body or "").strip()
    if not body:
        raise ApplicationError("Write a comment first.", fields={"body": ["Write a comment first."]})
    if len(body) > 4000:
        raise ApplicationError("The comment is too long.", fields={"body": ["At most 4000 characters."]})
    comment = WorkoutComment.objects.create(workout=workout, author=author, body=body)
    publish(
        WorkoutCommented(
            comment_id=comment.pk,
            workout_id=workout.pk,
            workout_name=workout.name,
            workout_owner_id=workout.user_id,
            author_id=author.pk,
            author_name=author.display_name,
        )
    )
    return comment


@transaction.atomic
def comment_delete(*, user: User, comment: WorkoutComment) -> None:
    if comment.author_id != user.pk:
        raise ForbiddenError("Only its author can delete a comment.")
    comment.delete()
