"""The data set and the measurements of `manage.py benchmark_workouts`.

`load_dataset` writes a trainer (BENCH_TRAINER), N clients linked to them, an active 4-day plan each and
`days` of workouts (3-4 a week, `sets_per_workout` sets each, e1RM computed in Python) with bulk inserts
in batches, into the configured database. Everything it writes belongs to the bench users, so `drop_dataset`
removes it all (raw deletes, child tables first). Personal records are not generated: no page measured
here reads them.

`measure` requests a URL with the Django test client (the whole stack but the network: middleware, session,
views, templates, serializers), times each request with `time.perf_counter()` and counts its queries with
`CaptureQueriesContext` (on one extra request, so the capture does not slow the timed ones).
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ClientProfile, CoachingLink, Role, TrainerProfile, User
from fitnesspr.models import uuid7
from workouts.models import (
    Exercise,
    ExerciseType,
    Plan,
    PlanDay,
    PlanExercise,
    PlanSet,
    PlanStatus,
    SetType,
    Workout,
    WorkoutComment,
    WorkoutExercise,
    WorkoutSet,
)

BENCH_TRAINER = "bench-trainer@fitnesspr.test"
BENCH_CLIENT = "bench-client-{:04d}@fitnesspr.test"
BATCH = 2000
EXERCISES_PER_DAY = 5
TRAINING_WEEKDAYS = (0, 1, 3, 5)  # Monday, Tuesday, Thursday, Saturday; one in eight is skipped: ~3.5 a week
SKIP_RATE = 0.125


def epley(weight_kg: Decimal, reps: int) -> Decimal | None:
    """Estimated 1RM as the records service computes it (Epley, sets of 1 to 10 reps)."""
    if reps < 1 or reps > 10 or weight_kg <= 0:
        return None
    if reps == 1:
        return weight_kg.quantize(Decimal("0.01"))
    return (weight_kg * (1 + Decimal(reps) / 30)).quantize(Decimal("0.01"))


@dataclass
class Dataset:
    trainer: User
    clients: int
    workouts: int
    sets: int
    created: bool
    seconds: float


class _Writer:
    """Collects rows and bulk-inserts them, parents before children, every BATCH rows of sets."""

    ORDER = (User, TrainerProfile, ClientProfile, CoachingLink, Plan, PlanDay, PlanExercise, PlanSet, Workout,
             WorkoutExercise, WorkoutSet)  # fmt: skip

    def __init__(self) -> None:
        self.rows: dict[type[Model], list[Model]] = {model: [] for model in self.ORDER}
        self.count: dict[type[Model], int] = dict.fromkeys(self.ORDER, 0)

    def add(self, row: Model) -> Model:
        self.rows[type(row)].append(row)
        if type(row) is WorkoutSet and len(self.rows[WorkoutSet]) >= BATCH * 5:
            self.flush()
        return row

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.rows[model]
            if rows:
                model.objects.bulk_create(rows, batch_size=BATCH)
                self.count[model] += len(rows)
                self.rows[model] = []


def bench_trainer() -> User | None:
    return User.objects.filter(email=BENCH_TRAINER).first()


def _exercise_pool() -> list[Exercise]:
    """Built-in weight-and-reps exercises to train (the catalogue), or a few made for the benchmark."""
    pool = list(
        Exercise.objects.filter(owner__isnull=True, exercise_type=ExerciseType.WEIGHT_REPS).order_by("name")[:40]
    )
    if len(pool) < EXERCISES_PER_DAY * len(TRAINING_WEEKDAYS):
        raise RuntimeError("The exercise catalogue is missing: run `manage.py migrate` first.")
    return pool


def load_dataset(
    *,
    clients: int,
    days: int,
    sets_per_workout: int,
    log: Callable[[str], None] = lambda message: None,
    seed: int = 7,
) -> Dataset:
    """Load the data set unless the bench trainer exists already (then it is reused as it is)."""
    began = time.perf_counter()
    trainer = bench_trainer()
    if trainer is not None:
        workouts = Workout.objects.filter(user__trainer_links__trainer=trainer)
        return Dataset(
            trainer=trainer,
            clients=CoachingLink.objects.filter(trainer=trainer, ended_at__isnull=True).count(),
            workouts=workouts.count(),
            sets=WorkoutSet.objects.filter(workout_exercise__workout__in=workouts).count(),
            created=False,
            seconds=time.perf_counter() - began,
        )
    rng = random.Random(seed)
    pool = _exercise_pool()
    password = make_password(None)  # unusable: the bench users never log in with a password
    writer = _Writer()
    now = timezone.now()
    first_day = (now - datetime.timedelta(days=days)).date()
    with transaction.atomic():
        trainer = writer.add(User(email=BENCH_TRAINER, display_name="Bench Trainer", role=Role.TRAINER,
                                  password=password))  # fmt: skip
        writer.add(TrainerProfile(user=trainer, bio="Benchmark trainer."))
        for number in range(clients):
            client = writer.add(User(email=BENCH_CLIENT.format(number), display_name=f"Bench Client {number:04d}",
                                     role=Role.CLIENT, password=password, time_zone="Europe/London"))  # fmt: skip
            writer.add(ClientProfile(user=client, goal="build_muscle", experience_level="intermediate"))
            writer.add(CoachingLink(trainer=trainer, client=client))
            plan_days = _plan(writer, trainer, client, pool, first_day, rng)
            _history(writer, client, plan_days, first_day, days, sets_per_workout, now, rng)
            if (number + 1) % 10 == 0:
                writer.flush()
                log(f"  loaded {number + 1}/{clients} clients ({writer.count[WorkoutSet]:,} sets so far)")
        writer.flush()
    if connection.vendor == "postgresql":
        # Fresh planner statistics, as autovacuum would gather them on a live database after such a load.
        with connection.cursor() as cursor:
            for model in _Writer.ORDER:
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    return Dataset(
        trainer=trainer,
        clients=clients,
        workouts=writer.count[Workout],
        sets=writer.count[WorkoutSet],
        created=True,
        seconds=time.perf_counter() - began,
    )


def _plan(writer: _Writer, trainer: User, client: User, pool: list[Exercise], start: datetime.date, rng) -> list:
    plan = writer.add(Plan(client=client, author=trainer, name="Upper / lower", start_date=start, weeks=12,
                           status=PlanStatus.ACTIVE))  # fmt: skip
    plan_days = []
    exercises = rng.sample(pool, EXERCISES_PER_DAY * len(TRAINING_WEEKDAYS))
    for position, weekday in enumerate(TRAINING_WEEKDAYS):
        day = writer.add(PlanDay(plan=plan, position=position, name=f"Day {position + 1}", weekday=weekday))
        chosen = exercises[position * EXERCISES_PER_DAY : (position + 1) * EXERCISES_PER_DAY]
        for item_position, exercise in enumerate(chosen):
            planned = writer.add(PlanExercise(day=day, position=item_position, exercise=exercise))
            for set_position in range(3):
                writer.add(PlanSet(plan_exercise=planned, position=set_position, reps_min=6, reps_max=10,
                                   target_weight_kg=Decimal(40), weight_increment_kg=Decimal("1.25")))  # fmt: skip
        plan_days.append((weekday, day, chosen))
    return plan_days


def _history(writer, client, plan_days, first_day, days, sets_per_workout, now, rng) -> None:
    by_weekday = {weekday: (day, chosen) for weekday, day, chosen in plan_days}
    base = {exercise.pk: Decimal(rng.randrange(20, 100, 5)) for _, _, chosen in plan_days for exercise in chosen}
    for offset in range(days):
        date = first_day + datetime.timedelta(days=offset)
        if date.weekday() not in by_weekday or rng.random() < SKIP_RATE:
            continue
        day, chosen = by_weekday[date.weekday()]
        started = datetime.datetime.combine(date, datetime.time(18, rng.randrange(0, 60)), tzinfo=datetime.UTC)
        if started > now:
            continue
        ended = started + datetime.timedelta(minutes=45 + rng.randrange(0, 40))
        workout = writer.add(
            Workout(id=uuid7(), user=client, plan_day=day, name=day.name, started_at=started, ended_at=ended)
        )
        per_exercise = math.ceil(sets_per_workout / len(chosen))
        made = 0
        for position, exercise in enumerate(chosen):
            if made >= sets_per_workout:
                break
            entry = writer.add(WorkoutExercise(workout=workout, position=position, exercise=exercise))
            weight = base[exercise.pk] + Decimal("2.5") * (offset // 14)
            for set_position in range(min(per_exercise, sets_per_workout - made)):
                warmup = position == 0 and set_position == 0
                reps = 10 if warmup else rng.randint(5, 12)
                set_weight = (weight * Decimal("0.5")).quantize(Decimal("0.5")) if warmup else weight
                writer.add(WorkoutSet(
                    workout_exercise=entry, position=set_position,
                    set_type=SetType.WARMUP if warmup else SetType.NORMAL, reps=reps, weight_kg=set_weight,
                    estimated_1rm_kg=None if warmup else epley(set_weight, reps),
                ))  # fmt: skip
                made += 1


def drop_dataset() -> int:
    """Remove the bench users and everything of theirs (raw deletes, children first). Returns the users removed."""
    users = User.objects.filter(email__startswith="bench-", email__endswith="@fitnesspr.test")
    user_ids = list(users.values_list("pk", flat=True))
    if not user_ids:
        return 0
    with transaction.atomic():
        from workouts.models import PersonalRecord

        workouts = Workout.objects.filter(user_id__in=user_ids)
        plans = Plan.objects.filter(client_id__in=user_ids)
        steps: Iterable = (
            PersonalRecord.objects.filter(user_id__in=user_ids),
            WorkoutComment.objects.filter(workout__in=workouts),
            WorkoutSet.objects.filter(workout_exercise__workout__in=workouts),
            WorkoutExercise.objects.filter(workout__in=workouts),
            workouts,
            PlanSet.objects.filter(plan_exercise__day__plan__in=plans),
            PlanExercise.objects.filter(day__plan__in=plans),
            PlanDay.objects.filter(plan__in=plans),
            plans,
        )
        for queryset in steps:
            queryset._raw_delete(queryset.db)
        users.delete()
    return len(user_ids)


# --- Measuring ------------------------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    who: str
    path: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client: Client, *, label: str, who: str, path: str, requests: int, warmup: int = 2) -> Measurement:
    for _ in range(warmup):
        client.get(path, secure=True)
    timings = []
    status = 0
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(path, secure=True)
        timings.append((time.perf_counter() - began) * 1000)
        status = response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    return Measurement(
        label=label,
        who=who,
        path=path,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=len(queries),
        status=status,
    )


def table(rows: list[Measurement], baseline: Measurement) -> list[str]:
    header = f"{'page':<28} {'as':<18} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x healthz':>10}"
    lines = [header, "-" * len(header)]
    for row in rows:
        ratio = row.median_ms / baseline.median_ms if baseline.median_ms else float("nan")
        lines.append(
            f"{row.label:<28} {row.who:<18} {row.status:>6} {row.median_ms:>10.2f} {row.p95_ms:>8.2f} "
            f"{row.queries:>8} {ratio:>10.1f}"
        )
    return lines
