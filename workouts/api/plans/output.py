"""Plans in the API, built from plain rows: three queries (`values_list`) and dicts, no model instances and no
serializer field per value (the pattern of workouts/api/workouts/output.py). The shape is exactly
`PlanSerializer`'s, which stays the documented response; a test holds the two equal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from workouts.models import Plan, PlanDay, PlanSet

PLAN_COLUMNS = (
    "id", "client_id", "client__display_name", "author_id", "author__display_name", "is_template", "name", "goal",
    "start_date", "weeks", "notes", "status", "source", "copied_from_id", "created_at", "updated_at",
)  # fmt: skip
PLAN_KEYS = (
    "id", "client", "client_name", "author", "author_name", "is_template", "name", "goal", "start_date", "weeks",
    "notes", "status", "source", "copied_from", "created_at", "updated_at",
)  # fmt: skip
DAY_COLUMNS = ("id", "plan_id", "position", "name", "weekday", "notes")
EXERCISE_COLUMNS = (
    "id", "day_id", "position", "exercise_id", "exercise__name", "exercise__exercise_type", "superset_group",
    "rest_seconds", "notes",
)  # fmt: skip
SET_COLUMNS = (
    "id", "plan_exercise_id", "position", "set_type", "reps_min", "reps_max", "target_weight_kg", "target_rpe",
    "duration_seconds", "distance_m", "weight_increment_kg", "reps_increment",
)  # fmt: skip


def plans_output(plans: QuerySet[Plan] | Iterable[tuple]) -> list[dict[str, Any]]:
    """`plans`: plan rows as `values_list(*PLAN_COLUMNS)`, in the order to answer; returns PlanSerializer's dicts."""
    plans = list(plans)
    if not plans:
        return []
    sets_of: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
    days_of: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
    plan_ids = [row[0] for row in plans]
    for pk, _plan_exercise, *values in (
        PlanSet.objects.filter(plan_exercise__day__plan_id__in=plan_ids)
        .order_by("plan_exercise_id", "position", "created_at")
        .values_list(*SET_COLUMNS)
    ):
        sets_of[_plan_exercise].append({"id": pk, **dict(zip(SET_COLUMNS[2:], values, strict=True))})
    # days with their exercises in one query (a day without exercises comes once, with nulls)
    for row in (
        PlanDay.objects.filter(plan_id__in=plan_ids)
        .order_by("plan_id", "position", "created_at", "exercises__position", "exercises__created_at")
        .values_list(*DAY_COLUMNS, *(f"exercises__{name}" for name in EXERCISE_COLUMNS))
    ):
        day_id, plan_id, position, name, weekday, notes = row[:6]
        days = days_of[plan_id]
        if not days or days[-1]["id"] != day_id:
            days.append({"id": day_id, "position": position, "name": name, "weekday": weekday, "notes": notes})
            days[-1]["exercises"] = []
        pk, _day, position, exercise, name, exercise_type, superset_group, rest, notes = row[6:]
        if pk is not None:
            days[-1]["exercises"].append(
                {
                    "id": pk,
                    "position": position,
                    "exercise": exercise,
                    "exercise_name": name,
                    "exercise_type": exercise_type,
                    "superset_group": superset_group,
                    "rest_seconds": rest,
                    "notes": notes,
                    "sets": sets_of.get(pk, []),
                }
            )
    answer = []
    for row in plans:
        plan = dict(zip(PLAN_KEYS, row, strict=True))
        plan["days"] = days_of.get(row[0], [])
        answer.append(plan)
    return answer


def plan_output(plan_id: Any) -> dict[str, Any]:
    """One plan the caller already may see (checked through the access helper), read again (after a change)."""
    return plans_output(Plan.objects.filter(pk=plan_id).values_list(*PLAN_COLUMNS))[0]


def plan_row(plan: Plan) -> tuple:
    """The row of PLAN_COLUMNS from a plan the access helper just read (with its client and author)."""
    return (
        plan.pk, plan.client_id, plan.client.display_name if plan.client_id else None, plan.author_id,
        plan.author.display_name if plan.author_id else None, plan.is_template, plan.name, plan.goal,
        plan.start_date, plan.weeks, plan.notes, plan.status, plan.source, plan.copied_from_id, plan.created_at,
        plan.updated_at,
    )  # fmt: skip
