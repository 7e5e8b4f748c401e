"""What the workouts app shows on a trainer's page of a client (the `accounts.client_page` slot): the active plan
and today's workout, the last workouts with their notes and comments, and the latest records.

`client_training` is the slot's loader. The accounts view has already checked that the viewer is the client's
current trainer; the loader reads the given clients' data and nothing else. Its queries do not grow with the
amount of history: the active plans (1), the last workouts of each client with their totals (1 window query)
and their exercises and comments (2), and the latest records (1 window query); then for each client
with an active plan, today's day and whether it is done (2), and the exercises with their target sets of
today's day, or once it is done of the next one (2). The page has one client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber

from accounts.models import User
from workouts.models import PersonalRecord, Plan, PlanDay, PlanStatus, Workout, WorkoutComment, WorkoutExercise
from workouts.selectors.history import with_totals
from workouts.selectors.plans import TargetSet, client_today, plan_day_targets, plan_today

RECENT_WORKOUTS = 5
RECENT_RECORDS = 6


@dataclass
class PlannedItem:
    """One exercise of today's plan day, with this week's target sets."""

    name: str
    targets: list[TargetSet]


@dataclass
class ClientTraining:
    """`today_items` are the exercises of today's day, or once it is `done`, of the next one (`next_day`)."""

    plan: Plan | None = None
    today: PlanDay | None = None
    done: Workout | None = None
    next_day: PlanDay | None = None
    today_items: list[PlannedItem] = field(default_factory=list)
    workouts: list[Workout] = field(default_factory=list)
    records: list[PersonalRecord] = field(default_factory=list)


def _latest(queryset: Any, *, order_by: list[Any], limit: int) -> Any:
    """The first `limit` rows of each user in one query (a window over the user's rows)."""
    rank = Window(RowNumber(), partition_by=[F("user_id")], order_by=order_by)
    return queryset.annotate(rank_in_user=rank).filter(rank_in_user__lte=limit)


def client_training(users: list[User]) -> dict[Any, ClientTraining]:
    """{user id: their plan, today's workout, last workouts and latest records} (see the module docstring)."""
    ids = [user.pk for user in users]
    result = {user.pk: ClientTraining() for user in users}

    plans = Plan.objects.filter(client_id__in=ids, status=PlanStatus.ACTIVE).annotate(day_count=Count("days"))
    for plan in plans.select_related("author"):
        result[plan.client_id].plan = plan

    comments = WorkoutComment.objects.select_related("author").order_by("created_at")
    # The exercises' names only: the totals come from the database (with_totals), so no set is loaded.
    exercises = WorkoutExercise.objects.select_related("exercise").order_by("position", "created_at")
    workouts = _latest(
        with_totals(Workout.objects.filter(user_id__in=ids)).select_related("plan_day"),
        order_by=[F("started_at").desc(), F("id").desc()],
        limit=RECENT_WORKOUTS,
    ).prefetch_related(Prefetch("exercises", queryset=exercises), Prefetch("comments", queryset=comments))
    for workout in sorted(workouts, key=lambda row: row.started_at, reverse=True):
        workout.volume_kg = workout.volume_kg or Decimal(0)
        result[workout.user_id].workouts.append(workout)

    records = _latest(
        PersonalRecord.objects.filter(user_id__in=ids).select_related("exercise"),
        order_by=[F("achieved_at").desc(), F("id").desc()],
        limit=RECENT_RECORDS,
    )
    for record in sorted(records, key=lambda row: row.achieved_at, reverse=True):
        result[record.user_id].records.append(record)

    for user in users:
        training = result[user.pk]
        if training.plan is None:
            continue
        training.plan.client = user
        planned = plan_today(user, plan=training.plan)
        training.today, training.done, training.next_day = planned.day, planned.done, planned.next_day
        shown = planned.next_day if planned.done is not None else planned.day
        if shown is not None:
            targets = plan_day_targets(shown, client_today(user))
            training.today_items = [PlannedItem(item.exercise.name, sets) for item, sets in targets]
    return result
