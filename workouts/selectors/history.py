"""Reads of the training history: workouts by week with their totals, and an exercise's records and e1RM curve.

Every total is computed by the database (grouped aggregates), so a page costs the same few queries whatever
the number of workouts. Weeks start on Monday in the owner's time zone; weights are returned in kg (the views
show the viewer's unit).

Working sets are the sets that are not warm-ups; volume is the sum of weight x reps over working sets.
Records count working sets only.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404

from accounts.models import User
from accounts.selectors import client_get_for_user, scope_to_user
from workouts.models import Exercise, PersonalRecord, RecordKind, SetType, Workout, WorkoutExercise, WorkoutSet

WEEKS_PER_PAGE = 6
TOP_REP_RECORDS = 5
RECENT_SESSIONS = 8
EPLEY_SENTENCE = "Estimated 1RM uses the Epley formula: weight × (1 + reps ÷ 30), from sets of 10 reps or fewer."  # noqa: RUF001

CENT = Decimal("0.01")
VOLUME = ExpressionWrapper(F("weight_kg") * F("reps"), output_field=DecimalField(max_digits=16, decimal_places=2))


# --- Whose history ---------------------------------------------------------------------------------


def history_owner_get(viewer: User, client_id: object | None) -> User:
    """Whose history `viewer` reads: their own, or (`client_id`) one of a trainer's current clients.

    Anyone else, and any malformed id, answers 404, like a person who does not exist (client_get_for_user).
    """
    if not viewer.is_authenticated:
        raise Http404("Not found.")
    if client_id in (None, ""):
        return viewer
    return client_get_for_user(viewer, client_id)


# --- Weeks -------------------------------------------------------------------------------------------


@dataclass
class WeekTotals:
    start: datetime.date
    workouts: int = 0
    working_sets: int = 0
    volume_kg: Decimal = Decimal("0")
    duration_seconds: int = 0
    workout_list: list[Workout] = field(default_factory=list)

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)


def _week_start(value: datetime.datetime | datetime.date, tz: datetime.tzinfo) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.astimezone(tz).date()
    return value - datetime.timedelta(days=value.weekday())


def _workouts(viewer: User, owner: User) -> QuerySet[Workout]:
    """The owner's workouts, scoped by the access rule in the same query (empty for a stranger)."""
    return scope_to_user(Workout.objects.filter(user=owner), user=viewer)


def _sets(viewer: User, owner: User) -> QuerySet[WorkoutSet]:
    """The owner's working sets (warm-ups left out), scoped by the access rule in the same query."""
    return scope_to_user(
        WorkoutSet.objects.filter(workout_exercise__workout__user=owner, set_type__in=_working_types()),
        user=viewer,
        owner_field="workout_exercise__workout__user",
    )


def week_totals(*, viewer: User, owner: User) -> list[WeekTotals]:
    """Every week (newest first) in which `owner` logged a workout, with its workouts and duration. One query.

    It reads three columns of the owner's workouts (a few hundred rows a year) and rolls them up into weeks
    of the owner's time zone in Python: cheaper than truncating dates to weeks in SQL (SQLite does that
    with a Python call per row), and the same on every database. Set totals are added for a page of
    weeks only, by `attach_week_workouts`.
    """
    tz = owner.tz
    weeks: dict[datetime.date, WeekTotals] = {}
    for started_at, ended_at in _workouts(viewer, owner).values_list("started_at", "ended_at").order_by():
        start = _week_start(started_at, tz)
        totals = weeks.get(start)
        if totals is None:
            totals = weeks[start] = WeekTotals(start=start)
        totals.workouts += 1
        if ended_at is not None:
            totals.duration_seconds += int((ended_at - started_at).total_seconds())
    return sorted(weeks.values(), key=lambda totals: totals.start, reverse=True)


def _working_types() -> list[str]:
    return [value for value in SetType.values if value != SetType.WARMUP]


def with_totals(workouts: QuerySet[Workout]) -> QuerySet[Workout]:
    """Each workout with `working_sets` and `volume_kg` (None without a weighted working set), summed by the
    database in the same query."""
    working = Q(exercises__sets__set_type__in=_working_types())
    return workouts.annotate(
        working_sets=Count("exercises__sets", filter=working),
        volume_kg=Sum(
            ExpressionWrapper(
                F("exercises__sets__weight_kg") * F("exercises__sets__reps"),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            ),
            filter=working,
        ),
    )


def workouts_with_totals(*, viewer: User, owner: User) -> QuerySet[Workout]:
    """The owner's workouts, each with `working_sets` and `volume_kg`, and its exercises (prefetched)."""
    return (
        with_totals(_workouts(viewer, owner))
        .prefetch_related(
            Prefetch(
                "exercises",
                queryset=WorkoutExercise.objects.select_related("exercise").order_by("position"),
            )
        )
        .order_by("-started_at")
    )


def attach_week_workouts(*, viewer: User, owner: User, weeks: list[WeekTotals]) -> None:
    """Fill `workout_list`, `working_sets` and `volume_kg` of these weeks (newest first, from `week_totals`).

    Two queries: the workouts between the first and the last week with their set totals (summed by the
    database), and their exercises. A week's totals are the sums of its workouts'.
    """
    if not weeks:
        return
    tz = owner.tz
    first = datetime.datetime.combine(weeks[-1].start, datetime.time.min, tzinfo=tz)
    last = datetime.datetime.combine(weeks[0].start + datetime.timedelta(days=7), datetime.time.min, tzinfo=tz)
    by_start = {totals.start: totals for totals in weeks}
    for workout in workouts_with_totals(viewer=viewer, owner=owner).filter(started_at__gte=first, started_at__lt=last):
        workout.volume_kg = workout.volume_kg or Decimal("0")
        week = by_start.get(_week_start(workout.started_at, tz))
        if week is not None:
            week.workout_list.append(workout)
            week.working_sets += workout.working_sets
            week.volume_kg += workout.volume_kg


@dataclass
class WeeklyHistory:
    owner: User
    weeks: list[WeekTotals]
    page: int
    pages: int
    total_weeks: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def weekly_history(*, viewer: User, owner: User, page: int = 1, weeks_per_page: int = WEEKS_PER_PAGE) -> WeeklyHistory:
    """A page of weeks (newest first) with their totals and the workouts of each week.

    Queries: the owner's workout dates (for the list of weeks), the workouts of the page's weeks with their
    set totals, and their exercises: three, whatever the amount of history. A page past the end answers 404
    (page 1 of an empty history is an empty page).
    """
    all_weeks = week_totals(viewer=viewer, owner=owner)
    pages = max(1, -(-len(all_weeks) // weeks_per_page))
    if page < 1 or page > pages:
        raise Http404("No such page.")
    weeks = all_weeks[(page - 1) * weeks_per_page : page * weeks_per_page]
    attach_week_workouts(viewer=viewer, owner=owner, weeks=weeks)
    return WeeklyHistory(owner=owner, weeks=weeks, page=page, pages=pages, total_weeks=len(all_weeks))


def exercises_trained(*, viewer: User, owner: User) -> list[dict]:
    """The exercises `owner` has logged, most trained first: sessions, last trained and best e1RM. Two queries.

    The best e1RM comes from the personal records (kept by the records service, a few rows per exercise)
    rather than from scanning every set again.
    """
    rows = (
        # an exercise added but never trained (no set) is not a session
        WorkoutExercise.objects.filter(workout__in=_workouts(viewer, owner), sets__isnull=False)
        .values("exercise_id", "exercise__name", "exercise__exercise_type")
        .annotate(sessions=Count("workout_id", distinct=True), last_trained=Max("workout__started_at"))
        .order_by("-sessions", "exercise__name")
    )
    best = dict(
        record_list(viewer=viewer, owner=owner)
        .filter(kind=RecordKind.ESTIMATED_1RM)
        .values_list("exercise_id")
        .annotate(best=Max("value"))
        .order_by()
    )
    return [
        {
            "exercise_id": row["exercise_id"],
            "name": row["exercise__name"],
            "exercise_type": row["exercise__exercise_type"],
            "sessions": row["sessions"],
            "last_trained": row["last_trained"],
            "best_e1rm_kg": best.get(row["exercise_id"]),
        }
        for row in rows
    ]


# --- One exercise ------------------------------------------------------------------------------------


@dataclass
class SetRecord:
    value: Decimal
    weight_kg: Decimal | None
    reps: int | None
    achieved_at: datetime.datetime | None
    workout_id: uuid.UUID | None


@dataclass
class ExerciseHistory:
    owner: User
    exercise: Exercise
    best_e1rm: SetRecord | None
    heaviest: SetRecord | None
    most_reps: list[SetRecord]
    best_volume: SetRecord | None
    series: list[tuple[datetime.date, Decimal]]
    sessions: list[WorkoutExercise]
    formula: str = EPLEY_SENTENCE

    @property
    def has_data(self) -> bool:
        return bool(self.sessions)


def _cents(value: object) -> Decimal:
    """Aggregates come back with the database's precision (SQLite: many places); records have two."""
    return Decimal(str(value)).quantize(CENT)


def _set_record(row: dict | None, value_key: str) -> SetRecord | None:
    if row is None or row.get(value_key) is None:
        return None
    return SetRecord(
        value=_cents(row[value_key]),
        weight_kg=row.get("weight_kg"),
        reps=row.get("reps"),
        achieved_at=row["workout_exercise__workout__started_at"],
        workout_id=row["workout_exercise__workout_id"],
    )


def exercise_history(
    *, viewer: User, owner: User, exercise: Exercise, recent: int = RECENT_SESSIONS
) -> ExerciseHistory:
    """The current records of `owner` on `exercise`, the best e1RM of each session (oldest first) and the last sessions.

    `exercise` must come from `exercise_get_for_user(viewer, ...)`. Queries: best e1RM set, heaviest set, most
    reps at the heaviest weights, best session volume, the e1RM series, the recent sessions and their sets:
    seven, whatever the amount of history.
    """
    sets = _sets(viewer, owner).filter(workout_exercise__exercise=exercise)
    columns = ("weight_kg", "reps", "workout_exercise__workout__started_at", "workout_exercise__workout_id")
    best_e1rm = (
        sets.filter(estimated_1rm_kg__isnull=False)
        .order_by("-estimated_1rm_kg", "workout_exercise__workout__started_at")
        .values("estimated_1rm_kg", *columns)
        .first()
    )
    heaviest = (
        sets.filter(weight_kg__isnull=False)
        .order_by("-weight_kg", "-reps", "workout_exercise__workout__started_at")
        .values(*columns)
        .first()
    )
    if heaviest:
        heaviest["value"] = heaviest["weight_kg"]
    rep_rows = (
        sets.filter(reps__isnull=False, weight_kg__isnull=False)
        .values("weight_kg")
        .annotate(most=Max("reps"))
        .order_by("-weight_kg")[:TOP_REP_RECORDS]
    )
    volume_row = (
        sets.values("workout_exercise__workout_id", "workout_exercise__workout__started_at")
        .annotate(volume=Sum(VOLUME))
        .filter(volume__gt=0)
        .order_by("-volume", "workout_exercise__workout__started_at")
        .first()
    )
    series_rows = (
        sets.filter(estimated_1rm_kg__isnull=False)
        .values("workout_exercise__workout_id", "workout_exercise__workout__started_at")
        .annotate(best=Max("estimated_1rm_kg"))
        .order_by("workout_exercise__workout__started_at")
    )
    tz = owner.tz
    series = [
        (row["workout_exercise__workout__started_at"].astimezone(tz).date(), _cents(row["best"])) for row in series_rows
    ]
    sessions = list(
        WorkoutExercise.objects.filter(workout__in=_workouts(viewer, owner), exercise=exercise)
        .select_related("workout")
        .prefetch_related(Prefetch("sets", queryset=WorkoutSet.objects.order_by("position")))
        .order_by("-workout__started_at", "position")[:recent]
    )
    return ExerciseHistory(
        owner=owner,
        exercise=exercise,
        best_e1rm=_set_record(best_e1rm, "estimated_1rm_kg"),
        heaviest=_set_record(heaviest, "value"),
        most_reps=[
            SetRecord(
                value=Decimal(row["most"]),
                weight_kg=row["weight_kg"],
                reps=row["most"],
                achieved_at=None,
                workout_id=None,
            )
            for row in rep_rows
        ],
        best_volume=_set_record(volume_row, "volume"),
        series=series,
        sessions=sessions,
    )


# --- Personal records ------------------------------------------------------------------------------


def record_list(*, viewer: User, owner: User | None = None) -> QuerySet[PersonalRecord]:
    """Records `viewer` may see (their own and their current clients'), or only `owner`'s; with the exercise."""
    queryset = scope_to_user(PersonalRecord.objects.all(), user=viewer)
    if owner is not None:
        queryset = queryset.filter(user=owner)
    return queryset.select_related("exercise", "user").order_by("-achieved_at")
