"""Pages: logging a workout at the gym (phone first), its detail page with comments, editing and the list.

Every action works as a plain POST (redirect + flash message) and, with htmx, without a page reload:
logging a set answers the exercise card, so the "New record!" badge shows at once and the rest timer
(static/js/logging.js) starts. Only the person who trained writes; their trainer reads and comments (403
on writes); anyone else gets 404.
"""

from __future__ import annotations

from django.urls import path

from workouts.views.logging.logger import (
    exercise_add,
    exercise_move,
    exercise_remove,
    set_add,
    set_delete,
    set_edit,
    workout_finish,
    workout_logger,
    workout_start,
)
from workouts.views.logging.pages import (
    comment_create,
    comment_delete,
    workout_delete,
    workout_detail,
    workout_edit,
    workout_list,
)

urlpatterns = [
    path("workouts/", workout_list, name="workout_list"),
    path("workouts/start/", workout_start, name="workout_start"),
    path("workouts/<uuid:workout_id>/", workout_detail, name="workout_detail"),
    path("workouts/<uuid:workout_id>/log/", workout_logger, name="workout_logger"),
    path("workouts/<uuid:workout_id>/edit/", workout_edit, name="workout_edit"),
    path("workouts/<uuid:workout_id>/delete/", workout_delete, name="workout_delete"),
    path("workouts/<uuid:workout_id>/finish/", workout_finish, name="workout_finish"),
    path("workouts/<uuid:workout_id>/exercises/", exercise_add, name="workout_exercise_add"),
    path("workouts/<uuid:workout_id>/exercises/<uuid:entry_id>/sets/", set_add, name="set_add"),
    path(
        "workouts/<uuid:workout_id>/exercises/<uuid:entry_id>/remove/", exercise_remove, name="workout_exercise_remove"
    ),
    path("workouts/<uuid:workout_id>/exercises/<uuid:entry_id>/move/", exercise_move, name="workout_exercise_move"),
    path("workouts/<uuid:workout_id>/comments/", comment_create, name="workout_comment_create"),
    path("workouts/comments/<uuid:comment_id>/delete/", comment_delete, name="workout_comment_delete"),
    path("workouts/sets/<uuid:set_id>/edit/", set_edit, name="set_edit"),
    path("workouts/sets/<uuid:set_id>/delete/", set_delete, name="set_delete"),
]
