"""Reads of plans, scoped to the acting user: lists, the nested detail, the active plan and today's workout.

"Today's workout" of a client (`plan_today`), in their active plan and the client's own time zone: the day of
the workout they started today from this plan; otherwise the day set for today's weekday; otherwise the day
after the one of their most recent workout from this plan (wrapping around to the first); otherwise the first
day. Once today's workout is finished it is done, and the day offered next is the one the same rule gives
tomorrow (never the day just done): it becomes today's only on the next day, or when the client starts it. A
day done in the last six days is not offered again on its weekday (it was done early).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from fitnesspr.access import as_uuid
from workouts.loading import DEFAULT_STEPS, Steps, loadable_kg
from workouts.models import Plan, PlanDay, PlanExercise, PlanSet, PlanStatus, Workout
from workouts.selectors.access import plan_get_for_user, plans_visible_to
from workouts.selectors.history import with_totals
from workouts.selectors.preferences import training_preferences_for
from workouts.supersets import label_supersets

# The people whose unit and plates round a plan's targets (see `plan_day_targets`), joined with the plan.
LIFTER_JOINS = ("client", "author", "client__training_preferences", "author__training_preferences")


def day_exercises_prefetch() -> Prefetch:
    """A day's exercises (with their Exercise) -> sets, each level in its order: two queries for any size."""
    sets = PlanSet.objects.order_by("position", "created_at")
    exercises = (
        PlanExercise.objects.select_related("exercise")
        .order_by("position", "created_at")
        .prefetch_related(Prefetch("sets", queryset=sets))
    )
    return Prefetch("exercises", queryset=exercises)


def structure_prefetch() -> Prefetch:
    """Days -> exercises (with their Exercise) -> sets, each level in its order: three queries for any size."""
    days = PlanDay.objects.order_by("position", "created_at").prefetch_related(day_exercises_prefetch())
    return Prefetch("days", queryset=days)


def plan_list(
    *,
    user: User,
    client_id: uuid.UUID | None = None,
    status: str | None = None,
    is_template: bool | None = None,
    source: str | None = None,
) -> QuerySet[Plan]:
    """A trainer's templates and their current clients' plans; a client's own plans. Newest first."""
    queryset = plans_visible_to(user).select_related(*LIFTER_JOINS).annotate(day_count=Count("days"))
    if client_id is not None:
        queryset = queryset.filter(client_id=client_id)
    if status:
        queryset = queryset.filter(status=status)
    if is_template is not None:
        queryset = queryset.filter(is_template=is_template)
    if source:
        queryset = queryset.filter(source=source)
    return queryset.order_by("-created_at")


def plan_with_structure(queryset: QuerySet[Plan]) -> QuerySet[Plan]:
    """Days, exercises (with their Exercise) and sets prefetched in their order: three more queries in all."""
    return queryset.prefetch_related(structure_prefetch())


def plan_detail(*, user: User, plan_id: object) -> Plan:
    """One plan the user may see, with its whole structure (404 otherwise)."""
    plan = plan_get_for_user(user, plan_id)
    return plan_with_structure(Plan.objects.select_related(*LIFTER_JOINS).filter(pk=plan.pk)).get()


def active_plan(client: User) -> Plan | None:
    return Plan.objects.filter(client=client, status=PlanStatus.ACTIVE).select_related(*LIFTER_JOINS).first()


def client_today(client: User, now: datetime | None = None) -> date:
    """Today's date in the client's own time zone."""
    return timezone.localtime(now or timezone.now(), client.tz).date()


@dataclass(frozen=True)
class PlanToday:
    """A client's day in their active plan (see the module docstring): `day` is today's plan day; `done` the
    workout that did it, once finished (with its `working_sets` and `volume_kg`); then `next_day` is the one
    offered next."""

    day: PlanDay | None = None
    done: Workout | None = None
    next_day: PlanDay | None = None


def _scheduled(days: list[PlanDay], weekday: int, last_day_id: object, *, skip_last: bool = False) -> PlanDay:
    """The day set for `weekday` (unless `skip_last` and it is the one of `last_day_id`), else the one after
    `last_day_id` (wrapping around), else the first."""
    for day in days:
        if day.weekday == weekday and not (skip_last and day.pk == last_day_id):
            return day
    for index, day in enumerate(days):
        if day.pk == last_day_id:
            return days[(index + 1) % len(days)]
    return days[0]


def plan_today(client: User, now: datetime | None = None, *, plan: Plan | None = None) -> PlanToday:
    """Today's plan day of the client, whether it is done and what comes next (see the module docstring).

    Two queries (the plan's days, the client's latest workout from the plan), plus the plan unless given."""
    plan = plan if plan is not None else active_plan(client)
    if plan is None:
        return PlanToday()
    days = list(PlanDay.objects.filter(plan=plan).order_by("position", "created_at"))
    if not days:
        return PlanToday()
    for day in days:
        day.plan = plan
    today = client_today(client, now)
    latest = with_totals(Workout.objects.filter(user=client, plan_day__plan=plan)).order_by("-started_at").first()
    if latest is None:
        return PlanToday(day=_scheduled(days, today.weekday(), None))
    trained_on = timezone.localtime(latest.started_at, client.tz).date()
    if trained_on != today:
        # a day done early this week (before its weekday) is not offered again on its weekday
        done_this_week = (today - trained_on).days < 7
        return PlanToday(day=_scheduled(days, today.weekday(), latest.plan_day_id, skip_last=done_this_week))
    # trained today: that workout's day is today's; once it is finished, the next is tomorrow's (not the same
    # day again when it was tomorrow's done early)
    day = next(day for day in days if day.pk == latest.plan_day_id)
    latest.plan_day = day
    if latest.ended_at is None:
        return PlanToday(day=day)
    next_day = _scheduled(days, (today.weekday() + 1) % 7, day.pk, skip_last=True)
    return PlanToday(day=day, done=latest, next_day=next_day)


def todays_plan_day(client: User, now: datetime | None = None, *, plan: Plan | None = None) -> PlanDay | None:
    """The PlanDay the client trains today in their active plan (see the module docstring), or None."""
    return plan_today(client, now, plan=plan).day


def plan_week_number(plan: Plan, today: date) -> int:
    """The week of the plan that `today` falls in, from 1 to `plan.weeks` (1 before it starts or without a date)."""
    if plan.start_date is None or today < plan.start_date:
        return 1
    return min((today - plan.start_date).days // 7 + 1, max(plan.weeks, 1))


@dataclass(frozen=True)
class TargetSet:
    """A target set for one week: the plan's set with the weekly progression applied, its weight rounded to a
    loadable one (workouts/loading.py) in the lifter's unit; `weight_kg_in` rounds it for another unit."""

    plan_set: PlanSet
    position: int
    set_type: str
    reps_min: int | None
    reps_max: int | None
    weight_kg: Decimal | None
    rpe: Decimal | None
    duration_seconds: int | None
    distance_m: Decimal | None
    exact_weight_kg: Decimal | None = None
    equipment: str | None = None
    steps: Steps = DEFAULT_STEPS

    def weight_kg_in(self, units: str) -> Decimal | None:
        """The target weight loadable in `units` (in kg): how a viewer in that unit sees it."""
        if self.exact_weight_kg is None:
            return None
        return loadable_kg(self.exact_weight_kg, self.equipment or "", units, self.steps)

    @property
    def reps(self) -> int | None:
        """The reps to pre-fill: the top of a range (the client logs what they did)."""
        return self.reps_max

    @property
    def is_range(self) -> bool:
        return self.reps_min is not None and self.reps_max is not None and self.reps_min != self.reps_max


def _equipment(plan_set: PlanSet) -> str | None:
    """The equipment of the set's exercise when it is already loaded (no query)."""
    if not PlanSet.plan_exercise.is_cached(plan_set):
        return None
    plan_exercise = plan_set.plan_exercise
    return plan_exercise.exercise.equipment if PlanExercise.exercise.is_cached(plan_exercise) else None


def target_for_week(
    plan_set: PlanSet, week_index: int, *, units: str = "kg", steps: Steps = DEFAULT_STEPS, equipment: str | None = None
) -> TargetSet:
    """`week_index` 0 is the first week: targets as written; each later week adds one step of progression.

    The weight is rounded to a loadable one for the exercise's equipment in `units` with the lifter's `steps`
    (an unknown equipment rounds to 0.5 kg / 1 lb)."""
    exact = plan_set.target_weight_kg
    if exact is not None:
        exact = exact + week_index * (plan_set.weight_increment_kg or 0)
    equipment = equipment or _equipment(plan_set)
    weight = loadable_kg(exact, equipment or "", units, steps) if exact is not None else None
    reps_step = week_index * (plan_set.reps_increment or 0)
    return TargetSet(
        plan_set=plan_set,
        position=plan_set.position,
        set_type=plan_set.set_type,
        reps_min=plan_set.reps_min + reps_step if plan_set.reps_min is not None else None,
        reps_max=plan_set.reps_max + reps_step if plan_set.reps_max is not None else None,
        weight_kg=weight,
        rpe=plan_set.target_rpe,
        duration_seconds=plan_set.duration_seconds,
        distance_m=plan_set.distance_m,
        exact_weight_kg=exact,
        equipment=equipment,
        steps=steps,
    )


def _prefetched(instance: object, name: str) -> bool:
    return name in getattr(instance, "_prefetched_objects_cache", {})


def plan_day_targets(
    plan_day: PlanDay, on_date: date, *, lifter: User | None = None
) -> list[tuple[PlanExercise, list[TargetSet]]]:
    """The exercises of a plan day with their target sets for the week `on_date` falls in.

    Weights are rounded for the lifter (`lifter`, else the plan's client, else a template's author): in their
    unit, with their plates (a page showing another unit re-rounds with `TargetSet.weight_kg_in`). Uses the
    prefetched structure when there is one (plan_detail); otherwise two queries, plus one for the lifter's
    preferences unless the plan came with `LIFTER_JOINS`. Each exercise carries its superset label (A1/A2).
    """
    plan = plan_day.plan
    week_index = plan_week_number(plan, on_date) - 1
    lifter = lifter or plan.client or plan.author
    units, steps = (lifter.units, training_preferences_for(lifter)) if lifter else ("kg", DEFAULT_STEPS)
    if _prefetched(plan_day, "exercises"):
        items = list(plan_day.exercises.all())
    else:
        items = list(
            PlanExercise.objects.filter(day=plan_day)
            .select_related("exercise")
            .order_by("position", "created_at")
            .prefetch_related("sets")
        )
    label_supersets(items)
    result = []
    for item in items:
        sets = sorted(item.sets.all(), key=lambda plan_set: (plan_set.position, plan_set.created_at))
        targets = [
            target_for_week(plan_set, week_index, units=units, steps=steps, equipment=item.exercise.equipment)
            for plan_set in sets
        ]
        result.append((item, targets))
    return result


# --- The parts of a plan, for the builder: 404 unless the plan is visible, 403 unless it is editable ---


def day_exercises(day_id: object) -> list[PlanExercise]:
    """The exercises of a day (already access-checked), in order: one query (e.g. to label its supersets)."""
    return list(PlanExercise.objects.filter(day_id=day_id).order_by("position", "created_at"))


def plan_day_with_structure(day_id: object) -> PlanDay:
    """A day (already access-checked) with its exercises and sets prefetched in order."""
    return (
        PlanDay.objects.select_related("plan", "plan__client")
        .prefetch_related(day_exercises_prefetch())
        .get(pk=as_uuid(day_id))
    )


def plan_exercise_with_sets(plan_exercise_id: object) -> PlanExercise:
    sets = PlanSet.objects.order_by("position", "created_at")
    return (
        PlanExercise.objects.select_related("exercise", "day", "day__plan", "day__plan__client")
        .prefetch_related(Prefetch("sets", queryset=sets))
        .get(pk=as_uuid(plan_exercise_id))
    )
