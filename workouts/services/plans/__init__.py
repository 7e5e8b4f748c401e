"""Every write to plans: Plan -> PlanDay -> PlanExercise -> PlanSet, templates and their assignment.

Who may write (workouts.selectors.access.can_edit_plan): the current trainer of the plan's client, the
author of a template, and a client for the plans they built themselves (only a client without a trainer
creates plans). Every referenced client and exercise is checked against the caller here too, so the API,
the pages and any task share one set of rules. Nested structures are validated first (errors are named by
their path, e.g. `days.0.exercises.1.sets.2.reps_max`) and then bulk-inserted one level at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import CoachingLink, User
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from fitnesspr.events import publish
from workouts.events import PlanActivated, PlanAssigned
from workouts.models import Plan, PlanDay, PlanExercise, PlanSource, PlanStatus
from workouts.services.plans.parts import (
    plan_day_add,
    plan_day_delete,
    plan_day_duplicate,
    plan_day_move,
    plan_day_update,
    plan_days_reorder,
    plan_exercise_add,
    plan_exercise_delete,
    plan_exercise_group_with_previous,
    plan_exercise_move,
    plan_exercise_ungroup,
    plan_exercise_update,
    plan_exercises_reorder,
    plan_set_add,
    plan_set_delete,
    plan_set_update,
    plan_week_duplicate,
)
from workouts.services.plans.structure import (
    build_rows,
    bulk_insert,
    check_client,
    clean_structure,
    exercises_for,
    parse_id,
    plan_users,
    require_edit,
    structure_as_data,
    with_structure,
)
from workouts.services.plans.validation import (
    DAY_FIELDS,
    EXERCISE_FIELDS,
    INVALID,
    MAX_DAYS,
    PLAN_FIELDS,
    SET_FIELDS,
    clean_plan_fields,
    measures_for,
    pick,
    raise_if,
    set_fields_for,
)

__all__ = [
    "DAY_FIELDS",
    "EXERCISE_FIELDS",
    "MAX_DAYS",
    "PLAN_FIELDS",
    "SET_FIELDS",
    "measures_for",
    "plan_activate",
    "plan_archive",
    "plan_assign_template",
    "plan_create",
    "plan_day_add",
    "plan_day_delete",
    "plan_day_duplicate",
    "plan_day_move",
    "plan_day_update",
    "plan_days_reorder",
    "plan_delete",
    "plan_exercise_add",
    "plan_exercise_delete",
    "plan_exercise_group_with_previous",
    "plan_exercise_move",
    "plan_exercise_ungroup",
    "plan_exercise_update",
    "plan_exercises_reorder",
    "plan_save_as_template",
    "plan_set_add",
    "plan_set_delete",
    "plan_set_update",
    "plan_update",
    "plan_week_duplicate",
    "set_fields_for",
]


# --- Plans -------------------------------------------------------------------------------------


def _today_for(user: User | None) -> date:
    return timezone.localdate(timezone=user.tz) if user is not None else timezone.localdate()


@transaction.atomic
def plan_create(
    *,
    actor: User,
    client: User | None,
    data: dict[str, Any],
    days: Sequence[dict[str, Any]] | None = None,
    source: str = PlanSource.MANUAL,
) -> Plan:
    """A new draft plan for `client` (None: a template of the trainer), with an optional nested structure."""
    check_client(actor, client)
    values, errors = clean_plan_fields({"weeks": 4, **pick(data, PLAN_FIELDS)})
    raise_if(errors)
    cleaned_days = clean_structure(days, users=plan_users(actor, Plan(client=client))) if days else []
    plan = Plan(
        client=client,
        author=actor,
        is_template=client is None,
        status=PlanStatus.DRAFT,
        source=source if source in PlanSource.values else PlanSource.MANUAL,
        **values,
    )
    plan.save()
    bulk_insert(*build_rows(plan, cleaned_days))
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, data: dict[str, Any], days: Sequence[dict[str, Any]] | None = None) -> Plan:
    """Change the plan's fields; with `days`, replace its structure.

    A day given with the `id` of one of the plan's days is kept (updated and moved), so the workouts logged
    from it stay linked; other days are removed; exercises and sets are rebuilt from the data.
    """
    require_edit(actor, plan)
    plan = Plan.objects.select_for_update(of=("self",)).select_related("client").get(pk=plan.pk)
    changes = pick(data, PLAN_FIELDS)
    values, errors = clean_plan_fields({**{field: getattr(plan, field) for field in PLAN_FIELDS}, **changes})
    raise_if(errors)
    changed = [field for field in PLAN_FIELDS if values[field] != getattr(plan, field)]
    cleaned_days = clean_structure(days, users=plan_users(actor, plan)) if days is not None else None
    for field in changed:
        setattr(plan, field, values[field])
    if changed or cleaned_days is not None:
        plan.save(update_fields=[*changed, "updated_at"])
    if cleaned_days is not None:
        _replace_structure(plan, cleaned_days)
    return plan


def _replace_structure(plan: Plan, days: list[dict]) -> None:
    existing = {day.pk: day for day in PlanDay.objects.filter(plan=plan)}
    kept: dict[int, PlanDay] = {}
    for position, day in enumerate(days):
        day_id = parse_id(day.get("id")) if day.get("id") else None
        if day_id in existing and day_id not in {kept_day.pk for kept_day in kept.values()}:
            plan_day = existing[day_id]
            plan_day.position = position
            for field in DAY_FIELDS:
                setattr(plan_day, field, day[field])
            kept[position] = plan_day
    PlanDay.objects.filter(plan=plan).exclude(pk__in=[day.pk for day in kept.values()]).delete()
    PlanExercise.objects.filter(day__plan=plan).delete()
    if kept:
        PlanDay.objects.bulk_update(list(kept.values()), ["position", *DAY_FIELDS, "updated_at"])
    bulk_insert(*build_rows(plan, days, day_objects=kept))


@transaction.atomic
def plan_delete(*, actor: User, plan: Plan) -> None:
    """Delete the plan and its structure; workouts logged from it stay, without their plan day."""
    require_edit(actor, plan)
    plan.delete()


@transaction.atomic
def plan_activate(*, actor: User, plan: Plan, archive_current: bool = False) -> Plan:
    """Make `plan` the client's active plan. A client has one: the current one is archived only when asked.

    Without `archive_current`, an existing active plan answers 409 `active_plan_exists`, naming it
    (`error.current_plan` holds it for the pages).
    """
    require_edit(actor, plan)
    if plan.is_template:
        raise ApplicationError("A template cannot be active: assign it to a client.", code="plan_is_template")
    plan = Plan.objects.select_for_update(of=("self",)).select_related("client").get(pk=plan.pk)
    if plan.status == PlanStatus.ACTIVE:
        return plan
    current = list(
        Plan.objects.select_for_update().filter(client_id=plan.client_id, status=PlanStatus.ACTIVE).exclude(pk=plan.pk)
    )
    if current and not archive_current:
        raise _active_plan_conflict({plan.client_id: current[0]}, [plan.client])
    now = timezone.now()
    Plan.objects.filter(pk__in=[other.pk for other in current]).update(status=PlanStatus.ARCHIVED, updated_at=now)
    plan.status = PlanStatus.ACTIVE
    fields = ["status", "updated_at"]
    if plan.start_date is None:
        plan.start_date = _today_for(plan.client)
        fields.append("start_date")
    try:
        with transaction.atomic():
            plan.save(update_fields=fields)
    except IntegrityError:  # another request activated a plan for this client meanwhile
        raise ConflictError(
            "Another plan of this client was activated at the same time. Reload and try again.",
            code="active_plan_exists",
        ) from None
    publish(PlanActivated(plan_id=plan.pk, plan_name=plan.name, client_id=plan.client_id, actor_id=actor.pk))
    return plan


def _active_plan_conflict(current: dict[uuid.UUID, Plan], clients: Sequence[User]) -> ConflictError:
    names = {client.pk: client.display_name or client.email for client in clients}
    described = "; ".join(f"{names.get(client_id, 'the client')}: “{plan.name}”" for client_id, plan in current.items())
    return ConflictError(
        f"Already an active plan ({described}). Confirm to archive it and activate the new one.",
        code="active_plan_exists",
        extra={"current_plans": current, "current_plan": next(iter(current.values()))},
    )


@transaction.atomic
def plan_archive(*, actor: User, plan: Plan) -> Plan:
    require_edit(actor, plan)
    if plan.status != PlanStatus.ARCHIVED:
        plan.status = PlanStatus.ARCHIVED
        plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def plan_assign_template(
    *,
    trainer: User,
    template: Plan,
    clients: Sequence[User],
    start_date: date | None = None,
    activate: bool = False,
    archive_current: bool = False,
) -> list[Plan]:
    """Copy a template to one or many of the trainer's current clients in one go.

    The number of queries does not grow with the clients, days, exercises or sets: the template is read
    with three prefetches, the checks take one query each, and each level is one bulk INSERT.
    """
    if not (template.is_template and template.author_id == trainer.pk):
        raise ForbiddenError("You can only assign your own templates.")
    clients = list({client.pk: client for client in clients}.values())
    if not clients:
        raise ApplicationError(INVALID, fields={"clients": ["Choose at least one client."]})
    coached = set(
        CoachingLink.objects.filter(
            trainer=trainer, client_id__in=[client.pk for client in clients], ended_at__isnull=True
        ).values_list("client_id", flat=True)
    )
    if any(client.pk not in coached for client in clients):
        raise ApplicationError(INVALID, fields={"clients": ["Choose among your current clients."]})
    template = with_structure(template)
    structure = structure_as_data(template)
    # The exercises must be usable by each client: built-ins, the trainer's own, or that client's own.
    used = {item["exercise"] for day in structure for item in day["exercises"]}
    visible_to_trainer = exercises_for([trainer], [exercise.pk for exercise in used])
    for exercise in used:
        strangers = [c for c in clients if exercise.owner_id not in (None, trainer.pk, c.pk)]
        if exercise.pk not in visible_to_trainer or strangers:
            raise ApplicationError(
                f"“{exercise.name}” is a custom exercise that not every chosen client can see. Replace it first.",
                code="exercise_not_visible",
                fields={"clients": [f"“{exercise.name}” is not in their library."]},
            )
    current: dict[uuid.UUID, Plan] = {}
    if activate:
        for plan in Plan.objects.select_for_update().filter(
            client_id__in=[client.pk for client in clients], status=PlanStatus.ACTIVE
        ):
            current[plan.client_id] = plan
        if current and not archive_current:
            raise _active_plan_conflict(current, clients)
        if current:
            Plan.objects.filter(pk__in=[plan.pk for plan in current.values()]).update(
                status=PlanStatus.ARCHIVED, updated_at=timezone.now()
            )
    plans = [
        Plan(
            client=client,
            author=trainer,
            is_template=False,
            copied_from=template,
            status=PlanStatus.ACTIVE if activate else PlanStatus.DRAFT,
            source=template.source,
            start_date=start_date or (_today_for(client) if activate else None),
            **{field: getattr(template, field) for field in PLAN_FIELDS if field != "start_date"},
        )
        for client in clients
    ]
    try:
        with transaction.atomic():
            Plan.objects.bulk_create(plans)
    except IntegrityError:
        raise ConflictError(
            "A chosen client got another active plan at the same time. Reload and try again.",
            code="active_plan_exists",
        ) from None
    rows: tuple[list, list, list] = ([], [], [])
    for plan in plans:
        for level, items in zip(rows, build_rows(plan, structure), strict=True):
            level.extend(items)
    bulk_insert(*rows)
    for plan in plans:
        publish(
            PlanAssigned(
                plan_id=plan.pk, plan_name=plan.name, client_id=plan.client_id, actor_id=trainer.pk, active=activate
            )
        )
        if activate:
            publish(PlanActivated(plan_id=plan.pk, plan_name=plan.name, client_id=plan.client_id, actor_id=trainer.pk))
    return plans


@transaction.atomic
def plan_save_as_template(*, actor: User, plan: Plan, name: str | None = None) -> Plan:
    """Copy a client's plan into a new template of the trainer (the plan itself does not change)."""
    if not actor.is_trainer:
        raise ForbiddenError("Only trainers keep template plans.")
    if not plan.is_template:
        require_edit(actor, plan)
    elif plan.author_id != actor.pk:
        raise ForbiddenError("You can only copy your own templates.")
    source = with_structure(plan)
    values, errors = clean_plan_fields(
        {**{field: getattr(source, field) for field in PLAN_FIELDS}, "start_date": None, "name": name or source.name}
    )
    raise_if(errors)
    structure = structure_as_data(source)
    visible = exercises_for([actor], [item["exercise"].pk for day in structure for item in day["exercises"]])
    for day in structure:
        for item in day["exercises"]:
            if item["exercise"].pk not in visible:
                raise ApplicationError(
                    f"“{item['exercise'].name}” is not in your library, so it cannot go into a template.",
                    code="exercise_not_visible",
                )
    template = Plan(
        client=None, author=actor, is_template=True, status=PlanStatus.DRAFT, source=source.source, copied_from=source
    )
    for field, value in values.items():
        setattr(template, field, value)
    template.save()
    bulk_insert(*build_rows(template, structure))
    return template
