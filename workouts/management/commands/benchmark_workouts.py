"""`manage.py benchmark_workouts`: load a large data set and time the workout history page, the workout list
API and the plan detail page against `/healthz` (see workouts/benchmark.py for what is loaded and measured)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve

from accounts.models import User
from workouts import benchmark, benchmark_raw
from workouts.models import Exercise, Plan, PlanStatus, WorkoutExercise


class Command(BaseCommand):
    help = (
        "Load a large workouts data set into the configured database (once; reruns reuse it) and report the median "
        "and 95th-percentile server time and the query count of the history page, the workout list API and the "
        "plan detail page, next to /healthz."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", type=int, default=100, help="Clients of the bench trainer (default 100).")
        parser.add_argument("--days", type=int, default=365, help="Days of workout history each (default 365).")
        parser.add_argument("--sets-per-workout", type=int, default=25, help="Sets in each workout (default 25).")
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page (default 30).")
        parser.add_argument("--drop", action="store_true", help="Remove the bench data set at the end.")
        parser.add_argument("--drop-only", action="store_true", help="Only remove the bench data set.")

    def handle(self, *args, **options) -> None:
        if options["drop_only"]:
            self.stdout.write(f"Removed {benchmark.drop_dataset()} bench users and their data.")
            return
        for name in ("clients", "days", "sets_per_workout", "requests"):
            if options[name] < 1:
                self.stderr.write(f"--{name.replace('_', '-')} must be at least 1.")
                raise SystemExit(2)
        vendor = connection.vendor
        self.stdout.write(f"Database: {vendor} ({settings.DATABASES['default']['NAME']})")
        dataset = benchmark.load_dataset(
            clients=options["clients"],
            days=options["days"],
            sets_per_workout=options["sets_per_workout"],
            log=self.stdout.write,
        )
        verb = "Loaded" if dataset.created else "Reusing (already loaded; --drop removes it)"
        self.stdout.write(
            f"{verb}: {dataset.clients} clients of {benchmark.BENCH_TRAINER}, {dataset.workouts:,} workouts, "
            f"{dataset.sets:,} sets in {dataset.seconds:.1f} s"
        )
        try:
            self._measure(dataset, options["requests"])
        finally:
            if options["drop"]:
                self.stdout.write(f"Removed {benchmark.drop_dataset()} bench users and their data.")

    def _measure(self, dataset: benchmark.Dataset, requests: int) -> None:
        trainer = dataset.trainer
        client_user = (
            User.objects.filter(trainer_links__trainer=trainer, trainer_links__ended_at__isnull=True)
            .order_by("email")
            .first()
        )
        if client_user is None:
            self.stderr.write("The bench trainer has no clients.")
            raise SystemExit(1)
        plan = Plan.objects.filter(client=client_user, status=PlanStatus.ACTIVE).first()
        exercise = Exercise.objects.filter(
            pk__in=WorkoutExercise.objects.filter(workout__user=client_user).values("exercise_id")[:1]
        ).first()
        as_client, as_trainer = Client(), Client()
        as_client.force_login(client_user)
        as_trainer.force_login(trainer)
        who = {as_client: "client", as_trainer: "trainer"}
        targets = [
            ("/healthz", as_client, "/healthz"),
            ("history page", as_client, "/history/"),
            ("history page", as_trainer, f"/history/?client={client_user.pk}"),
            ("workout list API", as_client, "/api/v1/workouts/"),
            ("workout list API", as_trainer, f"/api/v1/workouts/?user={client_user.pk}"),
            ("workout list API (all)", as_trainer, "/api/v1/workouts/"),
            ("history weeks API", as_client, "/api/v1/history/weeks/"),
        ]
        if exercise is not None:
            targets.append(("exercise history page", as_client, f"/history/exercises/{exercise.pk}/"))
        if plan is not None:
            targets += [
                ("plan detail page", as_client, f"/plans/{plan.pk}/"),
                ("plan detail page", as_trainer, f"/plans/{plan.pk}/"),
            ]
        rows = []
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=hosts):
            for label, http, path in targets:
                if not self._exists(path):
                    self.stdout.write(f"Skipped {label}: {path.split('?')[0]} is not there yet.")
                    continue
                rows.append(benchmark.measure(http, label=label, who=who[http], path=path, requests=requests))
        self.stdout.write("")
        self.stdout.write(f"{requests} timed requests each (after 2 warm-up requests); server time through the "
                          "Django test client, no network; queries of one request.")  # fmt: skip
        for line in benchmark.table(rows, rows[0]):
            self.stdout.write(line)
        failed = [row for row in rows if row.status != 200]
        with override_settings(ALLOWED_HOSTS=hosts):
            comparisons = self._compare(as_client, as_trainer, client_user, plan, requests)
        self.stdout.write("")
        self.stdout.write(
            f"Against the physical limit: the same rows fetched with one raw SQL query (joined) and encoded with "
            f"json, medians of {requests} of each, interleaved; target: the API at most "
            f"{benchmark_raw.TARGET_RATIO:g}x."
        )
        for line in benchmark_raw.table(comparisons):
            self.stdout.write(line)
        failed += [row for row in comparisons if row.status != 200]
        if failed:
            self.stderr.write("Not 200: " + ", ".join(f"{row.label} ({row.who}): {row.status}" for row in failed))

    @staticmethod
    def _compare(
        as_client: Client, as_trainer: Client, client_user: User, plan: Plan | None, requests: int
    ) -> list[benchmark_raw.Comparison]:
        mine = benchmark_raw.workout_page([client_user.pk])
        targets = [
            ("workout list API", as_client, "client", "/api/v1/workouts/", mine),
            ("workout list API", as_trainer, "trainer", f"/api/v1/workouts/?client={client_user.pk}", mine),
        ]
        if plan is not None:
            targets += [
                (
                    "plan detail API",
                    as_client,
                    "client",
                    f"/api/v1/plans/{plan.pk}/",
                    benchmark_raw.plan_detail(plan.pk),
                )
            ]
        return [
            benchmark_raw.compare(http, label=label, who=who, path=path, raw=raw, requests=requests)
            for label, http, who, path, raw in targets
        ]

    @staticmethod
    def _exists(path: str) -> bool:
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            return False
        return True
