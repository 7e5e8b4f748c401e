"""Writes to the parts of a plan: days, exercises of a day and target sets; positions kept contiguous."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, prefetch_related_objects

from accounts.models import User
from fitnesspr.errors import ApplicationError, NotFoundError
from fitnesspr.services import model_update
from workouts.models import Plan, PlanDay, PlanExercise, PlanSet
from workouts.selectors.plans import day_exercises, day_exercises_prefetch, structure_prefetch
from workouts.services.plans.structure import (
    build_rows,
    bulk_insert,
    day_as_data,
    parse_id,
    plan_users,
    require_edit,
    resolve_exercise,
)
from workouts.services.plans.validation import (
    DAY_FIELDS,
    EXERCISE_FIELDS,
    INVALID,
    SET_FIELDS,
    check_day_count,
    clean_day,
    clean_exercise,
    clean_set,
    clean_sets,
    pick,
    raise_if,
    set_fields_for,
)

# --- Days --------------------------------------------------------------------------------------


def lock_plan(plan: Plan) -> Plan:
    """Serialise structural edits of one plan (positions), so two writers do not interleave."""
    return Plan.objects.select_for_update(of=("self",)).select_related("client").get(pk=plan.pk)


@transaction.atomic
def plan_day_add(*, actor: User, plan: Plan, data: dict[str, Any]) -> PlanDay:
    require_edit(actor, plan)
    plan = lock_plan(plan)
    values, errors = clean_day(data)
    raise_if(errors)
    last = plan.days.aggregate(top=Max("position"), count=Count("pk"))
    check_day_count(last["count"], 1)
    day = PlanDay(plan=plan, position=0 if last["top"] is None else last["top"] + 1, **values)
    day.save()
    return day


@transaction.atomic
def plan_day_update(*, actor: User, day: PlanDay, data: dict[str, Any]) -> PlanDay:
    require_edit(actor, day.plan)
    values, errors = clean_day({**{field: getattr(day, field) for field in DAY_FIELDS}, **pick(data, DAY_FIELDS)})
    raise_if(errors)
    model_update(day, fields=DAY_FIELDS, data=values, clean=False)  # `clean_day` checked the values
    return day


@transaction.atomic
def plan_day_delete(*, actor: User, day: PlanDay) -> None:
    require_edit(actor, day.plan)
    plan = lock_plan(day.plan)
    day.delete()
    _renumber(list(PlanDay.objects.filter(plan=plan).order_by("position", "created_at")))


COPY_SUFFIX = " (copy)"


def _as_copy(day: dict[str, Any]) -> dict[str, Any]:
    """A copied day's data: "Push" -> "Push (copy)", and no weekday (two days of a plan on one weekday is rarely
    what a trainer wants)."""
    name = day["name"][: PlanDay._meta.get_field("name").max_length - len(COPY_SUFFIX)] + COPY_SUFFIX
    return {**day, "name": name, "weekday": None}


@transaction.atomic
def plan_day_duplicate(*, actor: User, day: PlanDay) -> PlanDay:
    """Copy a day, its exercises and their target sets, right after it (named and without a weekday as
    `_as_copy` says). The same number of queries whatever its size."""
    require_edit(actor, day.plan)
    plan = lock_plan(day.plan)
    days = list(PlanDay.objects.filter(plan=plan))
    check_day_count(len(days), 1)
    source = next((other for other in days if other.pk == day.pk), None)  # fresh: `day` may hold an older copy
    if source is None:  # removed meanwhile
        raise NotFoundError("Not found.")
    PlanDay.objects.filter(plan=plan, position__gt=source.position).update(position=F("position") + 1)
    prefetch_related_objects([source], day_exercises_prefetch())
    rows = build_rows(plan, [_as_copy(day_as_data(source))], first_position=source.position + 1)
    bulk_insert(*rows)
    return rows[0][0]


@transaction.atomic
def plan_week_duplicate(*, actor: User, plan: Plan) -> list[PlanDay]:
    """Copy the plan's week: all its days, with their exercises and target sets, appended after them in their
    order (each named and without a weekday as `_as_copy` says). Up to MAX_DAYS days in all; the same number of
    queries whatever the plan's size. Answers the new days."""
    require_edit(actor, plan)
    plan = lock_plan(plan)
    prefetch_related_objects([plan], structure_prefetch())
    days = list(plan.days.all())
    if not days:
        message = "The plan has no days to copy yet."
        raise ApplicationError(message, code="no_days", fields={"days": [message]})
    check_day_count(len(days), len(days))
    new_days, exercises, sets = build_rows(
        plan, [_as_copy(day_as_data(day)) for day in days], first_position=days[-1].position + 1
    )
    bulk_insert(new_days, exercises, sets)
    return new_days


def _next_position(queryset: Any) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _renumber(items: list[Any]) -> None:
    changed = []
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            changed.append(item)
    if changed:
        type(items[0]).objects.bulk_update(changed, ["position"])


def _move(items: list[Any], item_id: uuid.UUID, offset: int) -> None:
    index = next((i for i, item in enumerate(items) if item.pk == item_id), None)
    if index is None:
        return
    target = min(max(index + offset, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    _renumber(items)


def _reorder(items: list[Any], order: Sequence[Any], what: str) -> None:
    wanted = [parse_id(value) for value in order]
    by_id = {item.pk: item for item in items}
    if len(wanted) != len(by_id) or set(wanted) != set(by_id):
        raise ApplicationError(INVALID, fields={"order": [f"List every {what} of this plan exactly once."]})
    _renumber([by_id[item_id] for item_id in wanted])


@transaction.atomic
def plan_day_move(*, actor: User, day: PlanDay, offset: int) -> None:
    """Move a day up (offset -1) or down (+1) in its plan."""
    require_edit(actor, day.plan)
    plan = lock_plan(day.plan)
    _move(list(PlanDay.objects.filter(plan=plan).order_by("position", "created_at")), day.pk, offset)


@transaction.atomic
def plan_days_reorder(*, actor: User, plan: Plan, order: Sequence[Any]) -> None:
    """Put the plan's days in the order of `order` (every day id once)."""
    require_edit(actor, plan)
    plan = lock_plan(plan)
    _reorder(list(PlanDay.objects.filter(plan=plan)), order, "day")


# --- Exercises of a day ------------------------------------------------------------------------


@transaction.atomic
def plan_exercise_add(
    *,
    actor: User,
    day: PlanDay,
    exercise: Any,
    data: dict[str, Any] | None = None,
    sets: Sequence[dict[str, Any]] | None = None,
) -> PlanExercise:
    """Add an exercise (an Exercise or its id, visible to the actor and to the plan's client) with its sets."""
    plan = day.plan
    require_edit(actor, plan)
    exercise = resolve_exercise(plan_users(actor, plan), exercise)
    values, errors = clean_exercise(data or {})
    cleaned_sets, set_errors = clean_sets(sets or (), exercise.exercise_type, "sets.")
    raise_if({**errors, **set_errors})
    lock_plan(plan)
    plan_exercise = PlanExercise(day=day, position=_next_position(day.exercises.all()), exercise=exercise, **values)
    plan_exercise.save()
    PlanSet.objects.bulk_create(
        [
            PlanSet(plan_exercise=plan_exercise, position=index, **pick(values, SET_FIELDS))
            for index, values in enumerate(cleaned_sets)
        ]
    )
    return plan_exercise


@transaction.atomic
def plan_exercise_update(*, actor: User, plan_exercise: PlanExercise, data: dict[str, Any]) -> PlanExercise:
    """Change rest, superset group, notes, or swap the exercise (its sets must suit the new exercise's type)."""
    plan = plan_exercise.day.plan
    require_edit(actor, plan)
    current = {field: getattr(plan_exercise, field) for field in EXERCISE_FIELDS}
    values, errors = clean_exercise({**current, **pick(data, EXERCISE_FIELDS)})
    raise_if(errors)
    changed = [field for field in EXERCISE_FIELDS if values[field] != current[field]]
    if data.get("exercise") is not None and parse_id(data["exercise"]) != plan_exercise.exercise_id:
        exercise = resolve_exercise(plan_users(actor, plan), data["exercise"])
        for plan_set in plan_exercise.sets.all():
            _clean, set_errors = clean_set(
                {field: getattr(plan_set, field) for field in SET_FIELDS}, exercise.exercise_type
            )
            if set_errors:
                raise ApplicationError(
                    f"The sets have targets that “{exercise.name}” does not use. Clear them first.",
                    code="invalid",
                    fields={"exercise": [next(iter(set_errors.values()))[0]]},
                )
        plan_exercise.exercise = exercise
        changed.append("exercise")
    for field in changed:
        if field != "exercise":
            setattr(plan_exercise, field, values[field])
    if changed:
        plan_exercise.save(update_fields=[*changed, "updated_at"])
    return plan_exercise


def _tidy_supersets(items: list[PlanExercise]) -> None:
    """A superset group of one exercise is no superset: clear it."""
    sizes: dict[int, int] = {}
    for item in items:
        if item.superset_group is not None:
            sizes[item.superset_group] = sizes.get(item.superset_group, 0) + 1
    for item in items:
        if item.superset_group is not None and sizes[item.superset_group] == 1:
            item.superset_group = None


def _save_groups(items: list[PlanExercise], before: dict[uuid.UUID, int | None]) -> None:
    changed = [item for item in items if item.superset_group != before[item.pk]]
    if changed:
        PlanExercise.objects.bulk_update(changed, ["superset_group"])


@transaction.atomic
def plan_exercise_group_with_previous(*, actor: User, plan_exercise: PlanExercise) -> PlanExercise:
    """Make an exercise a superset with the one before it: it joins that exercise's group, or both start a new
    group (numbered after the day's others). Shown as A1/A2 in the builder."""
    require_edit(actor, plan_exercise.day.plan)
    lock_plan(plan_exercise.day.plan)
    items = day_exercises(plan_exercise.day_id)
    before = {item.pk: item.superset_group for item in items}
    index = next(i for i, item in enumerate(items) if item.pk == plan_exercise.pk)
    if index == 0:
        raise ApplicationError(
            "The first exercise of a day has no exercise before it to group with.",
            code="invalid",
            fields={"superset_group": ["The first exercise of a day has no exercise before it to group with."]},
        )
    previous, item = items[index - 1], items[index]
    if previous.superset_group is None:
        previous.superset_group = max((other.superset_group or 0 for other in items), default=0) + 1
    item.superset_group = previous.superset_group
    _tidy_supersets(items)
    _save_groups(items, before)
    return item


@transaction.atomic
def plan_exercise_ungroup(*, actor: User, plan_exercise: PlanExercise) -> PlanExercise:
    """Take an exercise out of its superset (a group left with one exercise ends too)."""
    require_edit(actor, plan_exercise.day.plan)
    lock_plan(plan_exercise.day.plan)
    items = day_exercises(plan_exercise.day_id)
    before = {item.pk: item.superset_group for item in items}
    item = next(other for other in items if other.pk == plan_exercise.pk)
    item.superset_group = None
    _tidy_supersets(items)
    _save_groups(items, before)
    return item


@transaction.atomic
def plan_exercise_delete(*, actor: User, plan_exercise: PlanExercise) -> None:
    day = plan_exercise.day
    require_edit(actor, day.plan)
    lock_plan(day.plan)
    plan_exercise.delete()
    _renumber(list(PlanExercise.objects.filter(day=day).order_by("position", "created_at")))


@transaction.atomic
def plan_exercise_move(*, actor: User, plan_exercise: PlanExercise, offset: int) -> None:
    day = plan_exercise.day
    require_edit(actor, day.plan)
    lock_plan(day.plan)
    _move(list(PlanExercise.objects.filter(day=day).order_by("position", "created_at")), plan_exercise.pk, offset)


@transaction.atomic
def plan_exercises_reorder(*, actor: User, day: PlanDay, order: Sequence[Any]) -> None:
    require_edit(actor, day.plan)
    lock_plan(day.plan)
    _reorder(list(PlanExercise.objects.filter(day=day)), order, "exercise")


# --- Sets --------------------------------------------------------------------------------------


def starting_set(exercise_type: str) -> dict[str, Any]:
    """A first target to edit: 8-12 reps for rep-based exercises, nothing for timed work."""
    return {"reps_min": 8, "reps_max": 12} if "reps_min" in set_fields_for(exercise_type) else {}


@transaction.atomic
def plan_set_add(*, actor: User, plan_exercise: PlanExercise, data: dict[str, Any] | None = None) -> PlanSet:
    """Add a target set. Without data it copies the previous (last) set, every target and progression of it
    (the usual "one more like that"); the first set of an exercise starts from `starting_set`."""
    require_edit(actor, plan_exercise.day.plan)
    lock_plan(plan_exercise.day.plan)
    last = plan_exercise.sets.order_by("-position", "-created_at").first()
    if data is None:
        if last:
            data = {field: getattr(last, field) for field in SET_FIELDS}
        else:
            data = starting_set(plan_exercise.exercise.exercise_type)
    values, errors = clean_set(data, plan_exercise.exercise.exercise_type)
    raise_if(errors)
    plan_set = PlanSet(plan_exercise=plan_exercise, position=last.position + 1 if last else 0, **values)
    plan_set.save()
    return plan_set


@transaction.atomic
def plan_set_update(*, actor: User, plan_set: PlanSet, data: dict[str, Any]) -> PlanSet:
    plan_exercise = plan_set.plan_exercise
    require_edit(actor, plan_exercise.day.plan)
    current = {field: getattr(plan_set, field) for field in SET_FIELDS}
    values, errors = clean_set({**current, **pick(data, SET_FIELDS)}, plan_exercise.exercise.exercise_type)
    raise_if(errors)
    model_update(plan_set, fields=SET_FIELDS, data=values, clean=False)  # `clean_set` checked the values
    return plan_set


@transaction.atomic
def plan_set_delete(*, actor: User, plan_set: PlanSet) -> None:
    plan_exercise = plan_set.plan_exercise
    require_edit(actor, plan_exercise.day.plan)
    lock_plan(plan_exercise.day.plan)
    plan_set.delete()
    _renumber(list(PlanSet.objects.filter(plan_exercise=plan_exercise).order_by("position", "created_at")))
