"""`manage.py benchmark_hevy_sync [--workouts 1000] [--sets 25] [--keep]`: time the Hevy sync (a full backfill, then
an incremental sync and a full re-read with nothing changed) against the fake Hevy server on loopback, into the
configured database, with the SQL queries per events page (see integrations/benchmark.py)."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection as db_connection
from django.test.utils import override_settings

from integrations import benchmark
from integrations.tests.fake_hevy import FakeHevy
from workouts.models import Exercise, Workout, WorkoutSet


class Command(BaseCommand):
    help = (
        "Sync N workouts of about S sets from a fake Hevy server on loopback (no delay) into the configured "
        "database as a benchmark user, and report the time, the time per workout and the SQL queries per events "
        "page of the backfill and of a second sync with nothing changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workouts", type=int, default=1000, help="Workouts in the Hevy account (default 1000).")
        parser.add_argument("--sets", type=int, default=25, help="Sets in each workout, about (default 25).")
        parser.add_argument("--keep", action="store_true", help=f"Keep {benchmark.BENCH_USER} and the synced data.")

    def handle(self, *args: Any, **options: Any) -> None:
        workouts, sets = options["workouts"], options["sets"]
        if workouts < 1 or sets < 1:
            raise CommandError("--workouts and --sets must be at least 1.")
        self.stdout.write(f"Database: {db_connection.vendor} ({settings.DATABASES['default']['NAME']})")
        began = time.perf_counter()
        httpx_logger = logging.getLogger("httpx")
        level = httpx_logger.level
        httpx_logger.setLevel(logging.WARNING)  # not a line per request
        try:
            self._benchmark(workouts, sets, keep=options["keep"], began=began)
        finally:
            httpx_logger.setLevel(level)

    def _benchmark(self, workouts: int, sets: int, *, keep: bool, began: float) -> None:
        with FakeHevy() as fake:
            account = benchmark.fill_account(fake, workouts=workouts, sets=sets)
            self.stdout.write(
                f"Fake Hevy on {fake.url}: {account.workouts:,} workouts, {account.exercises:,} exercises, "
                f"{account.sets:,} sets, {len(account.custom_templates)} custom templates "
                f"(filled in {time.perf_counter() - began:.1f} s)"
            )
            # Everything that builds a client itself (the template look-ups use the sync's client) talks to the fake.
            with override_settings(HEVY_API_BASE_URL=fake.url, HEVY_PAGE_PAUSE_SECONDS=0):
                try:
                    self._run(fake, account)
                finally:
                    if not keep and benchmark.user_remove():
                        self.stdout.write(f"Removed {benchmark.BENCH_USER} and the synced data.")

    def _run(self, fake: FakeHevy, account: benchmark.Account) -> None:
        user, connection = benchmark.user_prepare(api_key=fake.api_key)
        self.stdout.write(f"Benchmark user: {user.email}")
        backfill = benchmark.measure_sync(connection=connection, base_url=fake.url, full=True)
        for line in benchmark.report(
            "Backfill (first sync, full)", backfill, per_workout=account.workouts, target="backfill"
        ):
            self.stdout.write(line)
        imported = Workout.objects.filter(user=user, source="hevy")
        imported_sets = WorkoutSet.objects.filter(workout_exercise__workout__in=imported).count()
        custom = Exercise.objects.filter(owner=user).count()
        self.stdout.write(
            f"Imported: {imported.count():,} workouts, {imported_sets:,} sets, {custom} custom exercises "
            f"(expected {account.workouts:,} workouts, {account.sets:,} sets)"
        )
        incremental = benchmark.measure_sync(connection=connection, base_url=fake.url, full=False)
        for line in benchmark.report(
            "Incremental sync (nothing changed)", incremental, per_workout=account.workouts, target="incremental"
        ):
            self.stdout.write(line)
        reread = benchmark.measure_sync(connection=connection, base_url=fake.url, full=True)
        for line in benchmark.report(
            "Full re-read (nothing changed)", reread, per_workout=account.workouts, target="reread"
        ):
            self.stdout.write(line)
        calls = len(fake.requests("GET", "/v1/exercise_templates/*"))
        self.stdout.write(f"Hevy requests: {len(fake.log):,} in all, {calls} exercise template look-ups")

    def _report(self, title: str, measure: benchmark.SyncMeasure, account: benchmark.Account, target: str) -> None:
        for line in benchmark.report(title, measure, per_workout=account.workouts, target=target):
            self.stdout.write(line)
