"""The access rule for workouts data (shared/DESIGN.md): one helper per model; 404 for "missing" and "not yours".

- Exercise: built-ins for everyone; a custom one for its owner, the owner's current trainer (to read a
  client's workouts) and the owner's current clients (a trainer's exercises in their plans).
- Plan: the client's own plans (not a draft someone else is still writing), and for a trainer the plans
  of their current clients and their own templates. Writing: the trainer of the client or of the
  template; a client only the plans they authored themselves.
- Workout: the owner and the owner's current trainer read; only the owner writes (the trainer comments).
"""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from accounts.models import CoachingLink, User
from accounts.selectors import active_client_ids, scope_to_user
from fitnesspr.access import get_visible_or_404
from fitnesspr.errors import ApplicationError, ForbiddenError, NotFoundError
from workouts.models import (
    Exercise,
    Plan,
    PlanDay,
    PlanExercise,
    PlanSet,
    PlanStatus,
    Workout,
    WorkoutComment,
    WorkoutExercise,
    WorkoutSet,
)


def current_trainer_ids(user: User | uuid.UUID) -> QuerySet:
    """The ids of the client's current trainers (a user, or a user's id), as a subquery or a list."""
    return CoachingLink.objects.filter(client=user, ended_at__isnull=True).values("trainer_id")


# --- Exercise -------------------------------------------------------------------------------------


def exercise_visible_filter(user: User) -> Q:
    condition = Q(owner__isnull=True) | Q(owner=user)
    if user.is_trainer:
        condition |= Q(owner__in=active_client_ids(user))
    else:
        condition |= Q(owner__in=current_trainer_ids(user))
    return condition


def exercises_visible_to(user: User) -> QuerySet[Exercise]:
    if not user.is_authenticated:
        return Exercise.objects.none()
    return Exercise.objects.filter(exercise_visible_filter(user))


def exercise_get_for_user(user: User, exercise_id: object) -> Exercise:
    exercise = get_visible_or_404(exercises_visible_to(user), exercise_id)
    return exercise


def exercise_get_for_edit(user: User, exercise_id: object) -> Exercise:
    """Only the owner edits a custom exercise; built-ins are read-only (staff edit them in the admin)."""
    exercise = exercise_get_for_user(user, exercise_id)
    if exercise.owner_id != user.pk:
        raise ForbiddenError("Only the person who added this exercise can change it.")
    return exercise


# --- Plan -----------------------------------------------------------------------------------------


def plan_visible_filter(user: User) -> Q:
    own = Q(client=user) & (~Q(status=PlanStatus.DRAFT) | Q(author=user))
    if user.is_trainer:
        return own | Q(is_template=True, author=user) | Q(client__in=active_client_ids(user))
    return own


def plans_visible_to(user: User) -> QuerySet[Plan]:
    if not user.is_authenticated:
        return Plan.objects.none()
    return Plan.objects.filter(plan_visible_filter(user))


def plan_get_for_user(user: User, plan_id: object) -> Plan:
    plan = get_visible_or_404(plans_visible_to(user).select_related("client", "author"), plan_id)
    return plan


def can_edit_plan(user: User, plan: Plan) -> bool:
    if plan.is_template:
        return plan.author_id == user.pk
    if plan.client_id == user.pk:
        return plan.author_id == user.pk
    return (
        user.is_trainer
        and CoachingLink.objects.filter(trainer=user, client_id=plan.client_id, ended_at__isnull=True).exists()
    )


def plan_get_for_edit(user: User, plan_id: object) -> Plan:
    """A plan the user may change: 404 when they cannot see it, 403 when they see it but may not change it."""
    plan = plan_get_for_user(user, plan_id)
    if not can_edit_plan(user, plan):
        raise ForbiddenError("Only the trainer who coaches this client can change this plan.")
    return plan


# --- Workout --------------------------------------------------------------------------------------


def workouts_visible_to(user: User) -> QuerySet[Workout]:
    return scope_to_user(Workout.objects.all(), user=user, owner_field="user")


def workout_get_for_user(user: User, workout_id: object, *, select: tuple = (), prefetch: tuple = ()) -> Workout:
    """`select` / `prefetch`: more to load with it in the same look-up (what the caller shows next)."""
    queryset = workouts_visible_to(user).select_related("user", *select).prefetch_related(*prefetch)
    return get_visible_or_404(queryset, workout_id)


def workout_get_for_edit(user: User, workout_id: object, *, select: tuple = (), prefetch: tuple = ()) -> Workout:
    """Only the person who trained edits their workout; their trainer reads and comments."""
    workout = workout_get_for_user(user, workout_id, select=select, prefetch=prefetch)
    if workout.user_id != user.pk:
        raise ForbiddenError("Only the person who trained can change this workout; you can comment on it.")
    return workout


def comment_get_for_user(user: User, comment_id: object) -> WorkoutComment:
    comment = get_visible_or_404(
        WorkoutComment.objects.filter(workout__in=workouts_visible_to(user)).select_related("workout", "author"),
        comment_id,
    )
    return comment


def workout_set_get_for_user(user: User, set_id: object) -> WorkoutSet:
    workout_set = get_visible_or_404(
        WorkoutSet.objects.filter(workout_exercise__workout__in=workouts_visible_to(user)).select_related(
            "workout_exercise__exercise", "workout_exercise__workout__user"
        ),
        set_id,
    )
    return workout_set


def workout_exercise_get_for_user(user: User, workout_exercise_id: object) -> WorkoutExercise:
    row = get_visible_or_404(
        WorkoutExercise.objects.filter(workout__in=workouts_visible_to(user)).select_related(
            "exercise", "workout__user"
        ),
        workout_exercise_id,
    )
    return row


# --- Plan parts (the builder) ---------------------------------------------------------------------


def _require_plan_edit(user: User, plan: Plan) -> None:
    if not can_edit_plan(user, plan):
        raise ForbiddenError("Only the trainer who coaches this client can change this plan.")


def plan_day_get_for_edit(user: User, day_id: object) -> PlanDay:
    day = get_visible_or_404(
        PlanDay.objects.select_related("plan", "plan__client").filter(plan__in=plans_visible_to(user)),
        day_id,
    )
    _require_plan_edit(user, day.plan)
    return day


def plan_exercise_get_for_edit(user: User, plan_exercise_id: object) -> PlanExercise:
    item = get_visible_or_404(
        PlanExercise.objects.select_related("day", "day__plan", "day__plan__client", "exercise").filter(
            day__plan__in=plans_visible_to(user)
        ),
        plan_exercise_id,
    )
    _require_plan_edit(user, item.day.plan)
    return item


def plan_set_get_for_edit(user: User, plan_set_id: object) -> PlanSet:
    plan_set = get_visible_or_404(
        PlanSet.objects.select_related(
            "plan_exercise",
            "plan_exercise__exercise",
            "plan_exercise__day",
            "plan_exercise__day__plan",
            "plan_exercise__day__plan__client",
        ).filter(plan_exercise__day__plan__in=plans_visible_to(user)),
        plan_set_id,
    )
    _require_plan_edit(user, plan_set.plan_exercise.day.plan)
    return plan_set


def plan_day_for_user(*, user: User, plan_day_id: object) -> PlanDay:
    """A day of one of the user's own plans, referenced by a workout being written: a field error (400) otherwise,
    since the id comes from the request body, not the URL."""
    try:
        return get_visible_or_404(
            PlanDay.objects.filter(plan__in=plans_visible_to(user).filter(client=user)), plan_day_id
        )
    except NotFoundError:
        raise ApplicationError("That plan day is not one of your plans.", fields={"plan_day": ["Not found."]}) from None
