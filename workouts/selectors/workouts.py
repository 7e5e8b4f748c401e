"""Reads of logged workouts, scoped to the acting user: lists with nested exercises and sets, the logger's
data (last time's performance, the plan's targets), comments and records. Constant query counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from fitnesspr.access import as_uuid, get_visible_or_404
from workouts.models import (
    Exercise,
    PersonalRecord,
    SetType,
    Workout,
    WorkoutComment,
    WorkoutExercise,
    WorkoutSet,
)
from workouts.selectors.access import workouts_visible_to
from workouts.selectors.plans import TargetSet, plan_day_targets
from workouts.services.records import badges, earlier_working_sets
from workouts.units import format_distance, format_duration, format_number, format_weight

DEFAULT_REST_SECONDS = 90


def exercises_prefetch() -> Prefetch:
    """A workout's exercises in order, each with its exercise and its sets in order (two queries)."""
    return Prefetch(
        "exercises",
        queryset=WorkoutExercise.objects.select_related("exercise")
        .order_by("position", "created_at")
        .prefetch_related(Prefetch("sets", queryset=WorkoutSet.objects.order_by("position", "created_at"))),
    )


def entry_sets(entry: WorkoutExercise) -> list[WorkoutSet]:
    """The sets of one exercise entry of a workout the caller already fetched through the access helper, in
    order (as `exercises_prefetch` orders them): one query."""
    return list(WorkoutSet.objects.filter(workout_exercise=entry).order_by("position", "created_at"))


def _day_start(value: date | datetime, tz: Any) -> datetime:
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, tz)
    return timezone.make_aware(datetime.combine(value, datetime.min.time()), tz)


def workout_list(
    *,
    user: User,
    owner: Any = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
    exercise: Any = None,
    source: str | None = None,
    nested: bool = True,
) -> QuerySet[Workout]:
    """Workouts `user` may see, newest first, with exercises and sets prefetched.

    `owner`: one person's workouts (a trainer's client; 404-safe: someone not visible gives none).
    `date_from` / `date_to`: dates (whole days in the viewer's time zone, `date_to` included) or datetimes.
    """
    queryset = workouts_visible_to(user).select_related("user", "plan_day")
    if owner is not None:
        queryset = queryset.filter(user_id=as_uuid(owner))
    tz = user.tz if user.is_authenticated else timezone.get_current_timezone()
    if date_from is not None:
        queryset = queryset.filter(started_at__gte=_day_start(date_from, tz))
    if date_to is not None:
        if isinstance(date_to, datetime):
            queryset = queryset.filter(started_at__lte=_day_start(date_to, tz))
        else:
            queryset = queryset.filter(started_at__lt=_day_start(date_to, tz) + timezone.timedelta(days=1))
    if exercise is not None:
        queryset = queryset.filter(
            Exists(WorkoutExercise.objects.filter(workout=OuterRef("pk"), exercise_id=as_uuid(exercise)))
        )
    if source:
        queryset = queryset.filter(source=source)
    if nested:
        queryset = queryset.prefetch_related(exercises_prefetch())
    return queryset.order_by("-started_at", "-pk")


def workout_detail(*, user: User, workout_id: Any) -> Workout:
    """One workout `user` may see, with exercises, sets, records and comments prefetched (404 otherwise)."""
    workout = get_visible_or_404(
        workouts_visible_to(user)
        .select_related("user", "plan_day", "plan_day__plan")
        .prefetch_related(
            exercises_prefetch(),
            Prefetch("records", queryset=flagged_records().select_related("exercise")),
            Prefetch("comments", queryset=WorkoutComment.objects.select_related("author").order_by("created_at")),
        ),
        workout_id,
    )
    return workout


def comment_list(*, workout: Workout) -> QuerySet[WorkoutComment]:
    """The comments of a workout the caller already fetched through the access helper."""
    return workout.comments.select_related("author").order_by("created_at")


def flagged_records() -> QuerySet[PersonalRecord]:
    """Records worth a "New record!" badge: those that beat a record that stood before their workout (the
    exercise was logged in an earlier workout); `badges` then keeps one per exercise and kind."""
    earlier = WorkoutSet.objects.filter(
        workout_exercise__workout__user=OuterRef("user"),
        workout_exercise__exercise=OuterRef("exercise"),
        workout_exercise__workout__started_at__lt=OuterRef("workout__started_at"),
    ).exclude(set_type=SetType.WARMUP)
    return PersonalRecord.objects.filter(Exists(earlier)).order_by("kind")


def records_by_set(*, workout: Workout) -> tuple[dict[Any, list[PersonalRecord]], dict[Any, list[PersonalRecord]]]:
    """The workout's flagged records: by set id, and by exercise id (session volume has no set). One query."""
    by_set: dict[Any, list[PersonalRecord]] = defaultdict(list)
    by_exercise: dict[Any, list[PersonalRecord]] = defaultdict(list)
    for record in badges(flagged_records().filter(workout=workout)):
        by_exercise[record.exercise_id].append(record)
        if record.workout_set_id:
            by_set[record.workout_set_id].append(record)
    return by_set, by_exercise


def exercises_without_sets(*, workout: Workout) -> list[str] | None:
    """Why finishing `workout` needs a confirmation: the names of its exercises without sets ([] when it has
    no exercise at all), or None when every exercise has sets. One query."""
    rows = workout.exercises.annotate(logged=Count("sets")).order_by("position").values_list("exercise__name", "logged")
    rows = list(rows)
    untouched = [name for name, logged in rows if not logged]
    return untouched if untouched or not rows else None


# --- Last time -----------------------------------------------------------------------------------


def summarize_sets(sets: list[Any], units: str) -> str:
    """ "3 x 8 @ 60 kg"; several kinds of set: "2 x 8 @ 60 kg, 1 x 6 @ 65 kg"; warm-ups are left out."""
    parts: list[tuple[str, int]] = []
    for workout_set in sets:
        if workout_set.set_type == SetType.WARMUP:
            continue
        label = describe_set(workout_set, units)
        if parts and parts[-1][0] == label:
            parts[-1] = (label, parts[-1][1] + 1)
        else:
            parts.append((label, 1))
    return ", ".join(f"{count} × {label}" for label, count in parts)  # noqa: RUF001


def describe_set(workout_set: Any, units: str) -> str:
    """One set in words: "8 @ 60 kg", "12 reps", "0:45", "5.0 km in 25:00", "40 m @ 100 kg"."""
    words: list[str] = []
    if workout_set.reps is not None:
        words.append(str(workout_set.reps) if workout_set.weight_kg else f"{workout_set.reps} reps")
    if workout_set.distance_m is not None:
        words.append(format_distance(workout_set.distance_m))
    if workout_set.duration_seconds is not None:
        words.append(("in " if words else "") + format_duration(workout_set.duration_seconds))
    text = " ".join(words)
    if workout_set.weight_kg is not None and workout_set.weight_kg > 0:
        text = (
            f"{text} @ {format_weight(workout_set.weight_kg, units)}"
            if text
            else format_weight(workout_set.weight_kg, units)
        )
    return text


def previous_performance(
    *, user: User, exercise_ids: list[Any], before: datetime, exclude_workout: Any = None
) -> dict[Any, str]:
    """{exercise id: "3 x 8 @ 60 kg"}: the sets of the latest earlier workout of `user` with that exercise.

    Two queries whatever the number of exercises: the latest earlier WorkoutExercise per exercise
    (a subquery per exercise id), then their sets.
    """
    exercise_ids = list({as_uuid(value) for value in exercise_ids})
    if not exercise_ids:
        return {}
    # an exercise with no working set was not trained: that workout is not its "last time"
    earlier = WorkoutExercise.objects.filter(
        Exists(WorkoutSet.objects.filter(workout_exercise=OuterRef("pk")).exclude(set_type=SetType.WARMUP)),
        workout__user=user,
        exercise_id=OuterRef("pk"),
        workout__started_at__lt=before,
    )
    if exclude_workout is not None:
        earlier = earlier.exclude(workout_id=exclude_workout)
    latest = Exercise.objects.filter(pk__in=exercise_ids).annotate(
        last=Subquery(earlier.order_by("-workout__started_at", "-position").values("pk")[:1])
    )
    last_ids = {row["last"]: row["pk"] for row in latest.values("pk", "last") if row["last"] is not None}
    if not last_ids:
        return {}
    sets: dict[Any, list[WorkoutSet]] = defaultdict(list)
    for workout_set in WorkoutSet.objects.filter(workout_exercise_id__in=last_ids).order_by("position"):
        sets[last_ids[workout_set.workout_exercise_id]].append(workout_set)
    summaries = {exercise_id: summarize_sets(rows, user.units) for exercise_id, rows in sets.items()}
    return {exercise_id: summary for exercise_id, summary in summaries.items() if summary}


def bests_before(*, user: User, exercise_ids: list[Any], before: datetime, exclude_workout: Any) -> dict[Any, Any]:
    """{exercise id: the heaviest working weight lifted (reps > 0)} of `user` in the workouts before `before`,
    from the same sets as the records' baseline. One query."""
    excluded = [] if exclude_workout is None else [exclude_workout]
    rows = (
        earlier_working_sets(user=user, exercise_ids=exercise_ids, before=before, exclude_workout_ids=excluded)
        .filter(reps__gt=0)
        .values("workout_exercise__exercise_id")
        .annotate(heaviest=Max("weight_kg"))
        .order_by()
    )
    return {row["workout_exercise__exercise_id"]: row["heaviest"] for row in rows}


# --- Targets of the plan -------------------------------------------------------------------------


def describe_target(target: TargetSet, units: str) -> str:
    """A target set in words: "8-10 @ 60 kg RPE 8", "warm-up 10 @ 40 kg", "30:00"."""
    reps = ""
    if target.is_range:
        reps = f"{target.reps_min}–{target.reps_max}"  # noqa: RUF001
    elif target.reps_max is not None or target.reps_min is not None:
        reps = str(target.reps_max if target.reps_max is not None else target.reps_min)
    words = [reps] if reps else []
    if target.distance_m is not None:
        words.append(format_distance(target.distance_m))
    if target.duration_seconds is not None:
        words.append(format_duration(target.duration_seconds))
    text = " ".join(words)
    if target.weight_kg:
        weight = format_weight(target.weight_kg_in(units), units)  # loadable in the viewer's unit
        text = f"{text} @ {weight}" if text else weight
    if target.rpe is not None:
        text = f"{text} RPE {format_number(target.rpe)}"
    if target.set_type == SetType.WARMUP:
        text = f"warm-up {text}"
    return text.strip()


def grouped_targets(targets: Iterable[TargetSet], units: str, *, empty: str = "") -> list[tuple[str, int]]:
    """Target sets in words, equal ones in a row counted: [("warm-up 10 @ 40 kg", 1), ("8 @ 60 kg", 2)].
    A target with nothing to describe reads `empty`."""
    groups: list[list] = []
    for target in targets:
        text = describe_target(target, units) or empty
        if groups and groups[-1][0] == text:
            groups[-1][1] += 1
        else:
            groups.append([text, 1])
    return [(text, count) for text, count in groups]


@dataclass
class PlannedExercise:
    """What the plan day asks of one exercise: rest between sets and this week's target sets."""

    rest_seconds: int
    targets: list[TargetSet]


def plan_targets(*, workout: Workout) -> dict[Any, PlannedExercise]:
    """{exercise id: rest and this week's targets} of the workout's plan day (progression applied).

    Two queries (the plan day's exercises, their sets); the workout comes with plan_day__plan and user
    joined. The first plan exercise of each exercise counts.
    """
    if workout.plan_day_id is None:
        return {}
    on_date = timezone.localtime(workout.started_at, workout.user.tz).date()
    result: dict[Any, PlannedExercise] = {}
    for planned, targets in plan_day_targets(workout.plan_day, on_date, lifter=workout.user):
        result.setdefault(planned.exercise_id, PlannedExercise(rest_seconds=planned.rest_seconds, targets=targets))
    return result
