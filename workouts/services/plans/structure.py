"""Access checks and nested structures of plans: validate days -> exercises -> sets (errors named by path),
build their rows and bulk-insert them one level at a time, copy a plan's structure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from accounts.models import User
from accounts.selectors import is_current_trainer_of
from fitnesspr.errors import ApplicationError, ForbiddenError
from workouts.models import Exercise, Plan, PlanDay, PlanExercise, PlanSet
from workouts.selectors.access import can_edit_plan, current_trainer_ids, exercise_visible_filter
from workouts.selectors.plans import structure_prefetch
from workouts.services.plans.validation import (
    DAY_FIELDS,
    EXERCISE_FIELDS,
    INVALID,
    SET_FIELDS,
    check_day_count,
    clean_day,
    clean_exercise,
    clean_sets,
    pick,
    prefixed,
    raise_if,
)

# --- Access checks -----------------------------------------------------------------------------


def require_edit(actor: User, plan: Plan) -> None:
    if not can_edit_plan(actor, plan):
        raise ForbiddenError("Only the trainer who coaches this client can change this plan.")


def check_client(actor: User, client: User | None) -> None:
    """Who may create a plan for `client` (None: a template)."""
    if client is None:
        if not actor.is_trainer:
            raise ForbiddenError("Only trainers keep template plans.")
        return
    if client.pk == actor.pk:
        if not actor.is_client:
            raise ApplicationError("Plans are for clients.", fields={"client": ["Choose one of your clients."]})
        if current_trainer_ids(actor).exists():
            raise ForbiddenError("Your trainer builds your plans. Ask them for a change.", code="has_trainer")
        return
    if not (actor.is_trainer and client.is_client and is_current_trainer_of(trainer=actor, client_id=client.pk)):
        raise ApplicationError(INVALID, fields={"client": ["Choose one of your current clients."]})


def exercises_for(users: Sequence[User], exercise_ids: Iterable[Any]) -> dict[uuid.UUID, Exercise]:
    """The exercises among `exercise_ids` that every one of `users` may see (one query)."""
    ids = {value for value in exercise_ids if isinstance(value, uuid.UUID)}
    if not ids:
        return {}
    queryset = Exercise.objects.filter(pk__in=ids)
    for user in users:
        queryset = queryset.filter(exercise_visible_filter(user))
    return {exercise.pk: exercise for exercise in queryset}


def parse_id(value: Any) -> uuid.UUID | None:
    if isinstance(value, Exercise):
        return value.pk
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def plan_users(actor: User, plan: Plan) -> list[User]:
    """Whose library the exercises of `plan` must come from: the actor's, and the client's."""
    if plan.client_id is None or plan.client_id == actor.pk:
        return [actor]
    return [actor, plan.client]


def resolve_exercise(users: Sequence[User], value: Any) -> Exercise:
    exercise_id = parse_id(value)
    found = exercises_for(users, [exercise_id]) if exercise_id else {}
    if exercise_id not in found:
        raise ApplicationError(INVALID, fields={"exercise": ["Choose an exercise from the library."]})
    return found[exercise_id]


# --- Nested structures -------------------------------------------------------------------------


def clean_structure(days: Sequence[dict[str, Any]], *, users: Sequence[User], prefix: str = "days") -> list[dict]:
    """Validate nested days -> exercises -> sets; one query for the exercises, every error named by its path."""
    check_day_count(len(days))
    wanted = [
        parse_id(item.get("exercise")) for day in days for item in day.get("exercises") or () if isinstance(item, dict)
    ]
    exercises = exercises_for(users, [value for value in wanted if value])
    cleaned_days: list[dict] = []
    errors: dict[str, list[str]] = {}
    for day_index, day in enumerate(days):
        day_path = f"{prefix}.{day_index}"
        cleaned_day, day_errors = clean_day(day)
        errors.update(prefixed(day_errors, day_path))
        cleaned_day["id"] = day.get("id")
        cleaned_day["exercises"] = []
        for item_index, item in enumerate(day.get("exercises") or ()):
            item_path = f"{day_path}.exercises.{item_index}"
            clean_item, item_errors = clean_exercise(item)
            errors.update(prefixed(item_errors, item_path))
            exercise = exercises.get(parse_id(item.get("exercise")))
            if exercise is None:
                errors[f"{item_path}.exercise"] = ["Choose an exercise from the library."]
                clean_item["sets"] = []
            else:
                clean_item["exercise"] = exercise
                clean_item["sets"], set_errors = clean_sets(
                    item.get("sets") or (), exercise.exercise_type, f"{item_path}.sets."
                )
                errors.update(set_errors)
            cleaned_day["exercises"].append(clean_item)
        cleaned_days.append(cleaned_day)
    raise_if(errors)
    return cleaned_days


def build_rows(
    plan: Plan, days: Sequence[dict], *, day_objects: dict[int, PlanDay] | None = None, first_position: int = 0
) -> tuple:
    """Unsaved rows for `days` under `plan`, the first at `first_position` (UUIDs are made in Python, so children
    can point at parents)."""
    new_days, new_exercises, new_sets = [], [], []
    for day_position, day in enumerate(days):
        if day_objects and day_position in day_objects:
            plan_day = day_objects[day_position]
        else:
            plan_day = PlanDay(plan=plan, position=first_position + day_position, **pick(day, DAY_FIELDS))
            new_days.append(plan_day)
        for item_position, item in enumerate(day["exercises"]):
            plan_exercise = PlanExercise(
                day=plan_day, position=item_position, exercise=item["exercise"], **pick(item, EXERCISE_FIELDS)
            )
            new_exercises.append(plan_exercise)
            for set_position, values in enumerate(item["sets"]):
                new_sets.append(PlanSet(plan_exercise=plan_exercise, position=set_position, **pick(values, SET_FIELDS)))
    return new_days, new_exercises, new_sets


def bulk_insert(days: list[PlanDay], exercises: list[PlanExercise], sets: list[PlanSet]) -> None:
    """One INSERT per level (SQLite splits a level into batches of 999 parameters)."""
    if days:
        PlanDay.objects.bulk_create(days)
    if exercises:
        PlanExercise.objects.bulk_create(exercises)
    if sets:
        PlanSet.objects.bulk_create(sets)


def structure_as_data(plan: Plan) -> list[dict]:
    """The nested structure of a plan (with `structure_prefetch()` loaded) as cleaned data to copy."""
    return [day_as_data(day) for day in plan.days.all()]


def day_as_data(day: PlanDay) -> dict:
    """One day (with `day_exercises_prefetch()` loaded) as cleaned data to copy."""
    return {
        **{field: getattr(day, field) for field in DAY_FIELDS},
        "exercises": [
            {
                "exercise": item.exercise,
                **{field: getattr(item, field) for field in EXERCISE_FIELDS},
                "sets": [{field: getattr(plan_set, field) for field in SET_FIELDS} for plan_set in item.sets.all()],
            }
            for item in day.exercises.all()
        ],
    }


def with_structure(plan: Plan) -> Plan:
    return Plan.objects.prefetch_related(structure_prefetch()).select_related("client", "author").get(pk=plan.pk)
