"""The Hevy sync benchmark (`manage.py benchmark_hevy_sync`): the real sync (integrations/hevy/sync.py) against
the fake Hevy server (integrations/tests/fake_hevy.py) on loopback, with no injected delay and no pause between
pages, into the configured database.

What is measured, without touching the sync code: the whole sync is timed; every SQL query of the database
connection is counted (`connection.execute_wrapper`); the client's `iter_event_pages` is wrapped so that the
queries made while one events page is processed (mapping its templates, then `page_apply`) are counted per page;
`page_apply` itself is wrapped (patched on the sync module for the run) to count and time its own queries, and so
is the personal records refresh of the sync's import batch (`ImportBatch.refresh`, patched for the run).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.db import connection as db_connection
from django.db import transaction

from accounts.models import Role, User
from integrations.hevy import sync as sync_module
from integrations.hevy.client import HevyClient
from integrations.hevy.connection import sync_run_create
from integrations.models import ConnectionStatus, HevyConnection, HevySyncRun, SyncTrigger
from integrations.tests.fake_hevy import FakeHevy
from workouts.models import Exercise, Workout, WorkoutExercise, WorkoutSet
from workouts.services.imports import ImportBatch

BENCH_USER = "hevy-bench@fitnesspr.test"
# Built-in Hevy templates (ids as the fake's, titles in the library): (id, sets carry weight?)
STRENGTH = ["79D0BB3A", "D04AC939", "C6272009", "7B8D84E8", "37FCC2BB", "6A6C31A5"]
PULL_UP = "1B2B1E7C"  # bodyweight reps
PLANK = "C6C9B8A0"  # duration
# Custom templates of the Hevy user: nothing in the library is called that, so they become custom exercises.
CUSTOM = [
    {"title": "Sled Push (Heavy)", "type": "weight_reps", "primary_muscle_group": "quadriceps",
     "equipment_category": "other"},
    {"title": "Tire Flip (Gym Floor)", "type": "reps_only", "primary_muscle_group": "full_body",
     "equipment_category": "other"},
]  # fmt: skip


# --- The fake Hevy account -------------------------------------------------------------------------------------


@dataclass
class Account:
    workouts: int = 0
    exercises: int = 0
    sets: int = 0
    custom_templates: list[str] = field(default_factory=list)


def _sets_for(template_id: str, count: int, rng: random.Random, base: float) -> list[dict]:
    if template_id == PLANK:
        return [{"type": "normal", "duration_seconds": rng.choice([45, 60, 90])} for _ in range(count)]
    if template_id == PULL_UP:
        return [{"type": "normal", "reps": rng.randint(5, 12)} for _ in range(count)]
    sets = []
    for number in range(count):
        warmup = number == 0 and count > 3
        sets.append(
            {
                "type": "warmup" if warmup else rng.choice(["normal"] * 8 + ["failure", "dropset"]),
                "weight_kg": round((base * (0.5 if warmup else 1) + rng.choice([0, 2.5, 5])) * 4) / 4,
                "reps": rng.randint(8, 12) if warmup else rng.randint(3, 10),
                "rpe": None if warmup or rng.random() < 0.5 else rng.choice([7, 7.5, 8, 8.5, 9]),
            }
        )
    return sets


def fill_account(fake: FakeHevy, *, workouts: int, sets: int, seed: int = 7) -> Account:
    """`workouts` workouts of about `sets` sets (about five sets per exercise), one every other day back from now:
    mostly built-in templates (barbell/dumbbell/cable lifts, pull ups, planks), a custom template in about one
    workout in four, a superset now and then. Each workout's event is stamped when the workout ended."""
    rng = random.Random(seed)
    account = Account()
    account.custom_templates = [fake.add_template(**template)["id"] for template in CUSTOM]
    clock = fake.clock
    now = datetime.now(UTC).replace(microsecond=0)
    exercise_count = max(1, round(sets / 5))
    try:
        for number in range(workouts):
            start = now - timedelta(days=2 * (workouts - number), hours=rng.randint(0, 12))
            duration = timedelta(minutes=rng.randint(45, 90))
            fake.clock = lambda at=start + duration: at
            templates = rng.sample(STRENGTH, min(len(STRENGTH), exercise_count))
            while len(templates) < exercise_count:
                templates.append(rng.choice(STRENGTH))
            if exercise_count > 2 and number % 3 == 0:
                templates[-1] = rng.choice([PULL_UP, PLANK])
            if exercise_count > 1 and number % 4 == 1:
                templates[-2] = account.custom_templates[number % 8 == 1]
            per_exercise = [
                sets // exercise_count + (1 if i < sets % exercise_count else 0) for i in range(exercise_count)
            ]
            superset = number % 5 == 0 and exercise_count > 3
            exercises = [
                {
                    "exercise_template_id": template_id,
                    "superset_id": 0 if superset and position >= exercise_count - 2 else None,
                    "notes": "Felt strong" if position == 0 and number % 6 == 0 else "",
                    "sets": _sets_for(template_id, max(1, count), rng, 40 + 10 * position + number * 0.05),
                }
                for position, (template_id, count) in enumerate(zip(templates, per_exercise, strict=True))
            ]
            fake.add_workout(
                title=rng.choice(["Push", "Pull", "Legs", "Upper", "Lower", "Full body"]),
                description="" if number % 3 else "Logged in Hevy",
                start_time=start,
                duration=duration,
                exercises=exercises,
            )
            account.workouts += 1
            account.exercises += len(exercises)
            account.sets += sum(len(e["sets"]) for e in exercises)
    finally:
        fake.clock = clock
    return account


# --- The benchmark user ----------------------------------------------------------------------------------------


def user_clear(user: User) -> None:
    """Remove what a previous run left: the user's workouts (raw deletes, children first), custom exercises,
    Hevy connection (with its runs) and Hevy mappings. The user row stays."""
    from integrations.models import HevyExerciseMapping
    from workouts.models import PersonalRecord

    with transaction.atomic():
        workouts = Workout.objects.filter(user=user)
        for queryset in (
            PersonalRecord.objects.filter(user=user),
            WorkoutSet.objects.filter(workout_exercise__workout__in=workouts),
            WorkoutExercise.objects.filter(workout__in=workouts),
        ):
            queryset._raw_delete(queryset.db)
        workouts.delete()
        HevyConnection.objects.filter(user=user).delete()
        HevyExerciseMapping.objects.filter(user=user).delete()
        Exercise.objects.filter(owner=user).delete()


def user_prepare(*, api_key: str) -> tuple[User, HevyConnection]:
    """The benchmark user (created, or reused and cleared) with a valid Hevy connection for `api_key`."""
    user = User.objects.filter(email=BENCH_USER).first()
    if user is None:
        user = User.objects.create(
            email=BENCH_USER, display_name="Hevy Bench", role=Role.CLIENT, password=make_password(None)
        )
    else:
        user_clear(user)
    connection = HevyConnection.objects.create(
        user=user, api_key=api_key, key_last4=api_key[-4:], status=ConnectionStatus.VALID, hevy_user_name="Bench"
    )
    return user, connection


def user_remove() -> bool:
    user = User.objects.filter(email=BENCH_USER).first()
    if user is None:
        return False
    user_clear(user)
    user.delete()
    return True


# --- Measuring one sync ----------------------------------------------------------------------------------------


@dataclass
class SyncMeasure:
    run: HevySyncRun
    seconds: float
    queries: int
    page_queries: list[int]  # every query made while one events page was processed (mapping + page_apply)
    apply_queries: list[int]  # the queries of page_apply alone
    apply_seconds: float
    pages_seconds: float  # processing the pages (mapping + page_apply), not reading them from Hevy
    records_queries: int  # the personal records refresh at the end of the sync
    records_seconds: float

    @property
    def pages(self) -> int:
        return len(self.page_queries)


def spread(values: list[int]) -> str:
    if not values:
        return "none (no page)"
    return f"min {min(values)}, median {statistics.median(values):g}, max {max(values)}"


@contextmanager
def _counting() -> Iterator[list[int]]:
    counter = [0]

    def count(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with db_connection.execute_wrapper(count):
        yield counter


def measure_sync(*, connection: HevyConnection, base_url: str, full: bool) -> SyncMeasure:
    """Run one real sync of `connection` (as `manage.py hevy_sync` does) and measure it."""
    page_queries: list[int] = []
    apply_queries: list[int] = []
    timings = {"apply": 0.0, "pages": 0.0, "records": 0.0}
    records_queries = [0]
    original_apply = sync_module.page_apply
    original_refresh = ImportBatch.refresh

    with HevyClient(connection.api_key, base_url=base_url, page_pause=0, sleep=lambda seconds: None) as client:
        original_pages = client.iter_event_pages

        with _counting() as counter:

            def pages(since: datetime) -> Iterator[list[dict]]:
                for page in original_pages(since):
                    before, began = counter[0], time.perf_counter()
                    yield page  # the sync maps the page's templates and applies it before asking for the next
                    page_queries.append(counter[0] - before)
                    timings["pages"] += time.perf_counter() - began

            def page_apply(**kwargs: Any) -> None:
                before, began = counter[0], time.perf_counter()
                original_apply(**kwargs)
                apply_queries.append(counter[0] - before)
                timings["apply"] += time.perf_counter() - began

            def refresh(batch: ImportBatch) -> Any:
                before, began = counter[0], time.perf_counter()
                fresh = original_refresh(batch)
                records_queries[0] += counter[0] - before
                timings["records"] += time.perf_counter() - began
                return fresh

            client.iter_event_pages = pages
            began = time.perf_counter()
            run = sync_run_create(connection=connection, trigger=SyncTrigger.COMMAND, full=full)
            if run is None:
                raise RuntimeError("A sync of the benchmark user is already queued or running.")
            with (
                mock.patch.object(sync_module, "page_apply", page_apply),
                mock.patch.object(ImportBatch, "refresh", refresh),
            ):
                sync_module.sync_run(connection=connection, run=run, full=full, client=client)
            seconds = time.perf_counter() - began
            queries = counter[0]
    run.refresh_from_db()
    return SyncMeasure(
        run=run,
        seconds=seconds,
        queries=queries,
        page_queries=page_queries,
        apply_queries=apply_queries,
        apply_seconds=timings["apply"],
        pages_seconds=timings["pages"],
        records_queries=records_queries[0],
        records_seconds=timings["records"],
    )


# The targets (issue: speed), for a first import of 1,000 workouts x 25 sets from the fake server on PostgreSQL.
TARGETS = {"backfill": 5.0, "incremental": 0.1, "reread": 2.0}
TARGET_SIZE = 1000


def target_line(kind: str, seconds: float, *, workouts: int, vendor: str) -> str:
    target = TARGETS[kind]
    verdict = "ok" if seconds <= target else "OVER"
    scale = (
        "" if workouts == TARGET_SIZE and vendor == "postgresql" else f" (this run: {workouts:,} workouts on {vendor})"
    )
    return f"  Target: <= {target:g} s for {TARGET_SIZE:,} workouts x 25 sets on PostgreSQL: {verdict}{scale}"


def report(title: str, measure: SyncMeasure, *, per_workout: int, target: str | None = None) -> list[str]:
    run = measure.run
    each = measure.seconds / per_workout * 1000 if per_workout else 0.0
    outside = measure.queries - sum(measure.page_queries)
    lines = [
        f"{title}: {run.created_count:,} created, {run.updated_count:,} updated, {run.deleted_count:,} deleted "
        f"({run.get_status_display().lower()})",
        f"  Total time: {measure.seconds:.2f} s ({each:.2f} ms per workout over {per_workout:,})",
        f"  Events pages: {measure.pages}",
        f"  SQL queries per events page: {spread(measure.page_queries)} (mapping + page_apply)",
        f"  SQL queries of page_apply alone: {spread(measure.apply_queries)}",
        f"  SQL queries in all: {measure.queries:,} ({outside} outside the pages: run, cursor, records refresh)",
        f"  Time processing pages: {measure.pages_seconds:.2f} s (page_apply {measure.apply_seconds:.2f} s)",
        f"  Personal records refresh (once, at the end): {measure.records_seconds:.2f} s, "
        f"{measure.records_queries} SQL queries",
        f"  Reading Hevy and the rest: {measure.seconds - measure.pages_seconds - measure.records_seconds:.2f} s",
    ]
    if target is not None:
        lines.insert(2, target_line(target, measure.seconds, workouts=per_workout, vendor=db_connection.vendor))
    return lines
