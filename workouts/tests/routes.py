"""Route-walk registrations of the workouts app (see fitnesspr/tests/routes.py).

Plans are the trainer's to change (owner TRAINER); workouts, sets, comments and custom exercises are the
client's own (owner CLIENT).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fitnesspr.tests.routes import CLIENT, TRAINER, People, owned_by, takes_client_parameter
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
    WorkoutCommentFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

takes_client_parameter(
    "workouts:plan_list",
    "workouts:plan_create",
    "workouts:plan_assign",
    "workouts:workout_list",
    "workouts:history",
    "workouts:exercise_history",
)


@owned_by(
    CLIENT,
    "workouts:exercise_detail",
    "workouts:exercise_edit",
    "workouts:exercise_delete",
    "workouts:exercise_history",
    "api:exercise-detail",
    "api:history-exercise",
)
def custom_exercise(people: People) -> UUID:
    return ExerciseFactory(owner=people.client).pk


# --- Plans -----------------------------------------------------------------------------------------


@owned_by(
    TRAINER,
    "workouts:plan_detail",
    "workouts:plan_builder",
    "workouts:plan_activate",
    "workouts:plan_archive",
    "workouts:plan_delete",
    "workouts:plan_save_as_template",
    "workouts:plan_day_add",
    "workouts:plan_week_duplicate",
    "api:plan-detail",
    "api:plan-activate",
    "api:plan-archive",
    "api:plan-save-as-template",
    "api:plan-duplicate-week",
)
def plan(people: People) -> UUID:
    return PlanFactory(client=people.client, author=people.trainer).pk


@owned_by(TRAINER, "workouts:plan_assign", "api:plan-assign")
def template(people: People) -> UUID:
    return TemplatePlanFactory(author=people.trainer).pk


@owned_by(
    TRAINER,
    "workouts:plan_day_update",
    "workouts:plan_day_move",
    "workouts:plan_day_delete",
    "workouts:plan_day_duplicate",
    "workouts:plan_exercise_add",
)
def plan_day(people: People) -> UUID:
    return PlanDayFactory(plan=PlanFactory(client=people.client, author=people.trainer)).pk


@owned_by(
    TRAINER,
    "workouts:plan_exercise_update",
    "workouts:plan_exercise_move",
    "workouts:plan_exercise_delete",
    "workouts:plan_exercise_group",
    "workouts:plan_set_add",
)
def plan_exercise(people: People) -> UUID:
    day = PlanDayFactory(plan=PlanFactory(client=people.client, author=people.trainer))
    return PlanExerciseFactory(day=day).pk


@owned_by(TRAINER, "workouts:plan_set_update", "workouts:plan_set_delete")
def plan_set(people: People) -> UUID:
    day = PlanDayFactory(plan=PlanFactory(client=people.client, author=people.trainer))
    return PlanSetFactory(plan_exercise=PlanExerciseFactory(day=day)).pk


# --- Workouts --------------------------------------------------------------------------------------


@owned_by(
    CLIENT,
    "workouts:workout_detail",
    "workouts:workout_logger",
    "workouts:workout_edit",
    "workouts:workout_delete",
    "workouts:workout_finish",
    "workouts:workout_exercise_add",
    "workouts:workout_comment_create",
    "api:workout-detail",
    "api:workout-comments",
    "api:workout-finish",
    "api:workout-sets",
)
def workout(people: People) -> UUID:
    return WorkoutFactory(user=people.client).pk


@owned_by(CLIENT, "workouts:set_add", "workouts:workout_exercise_remove", "workouts:workout_exercise_move")
def workout_entry(people: People) -> dict[str, Any]:
    entry = WorkoutExerciseFactory(workout=WorkoutFactory(user=people.client))
    return {"workout_id": entry.workout_id, "entry_id": entry.pk}


@owned_by(CLIENT, "workouts:set_edit", "workouts:set_delete", "api:workout-set-detail")
def workout_set(people: People) -> UUID:
    return WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=WorkoutFactory(user=people.client))).pk


@owned_by(CLIENT, "workouts:workout_comment_delete")
def workout_comment(people: People) -> UUID:
    return WorkoutCommentFactory(workout=WorkoutFactory(user=people.client), author=people.client).pk
