"""`manage.py benchmark_workouts` on a tiny data set: loads once, measures every page, prints the table."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from accounts.models import User
from workouts import benchmark
from workouts.models import Plan, Workout, WorkoutSet

pytestmark = pytest.mark.django_db

TINY = ["--clients", "2", "--days", "14", "--sets-per-workout", "5", "--requests", "3"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("benchmark_workouts", *args, stdout=out, stderr=out)
    return out.getvalue()


def row(output: str, page: str, who: str) -> list[str]:
    for line in output.splitlines():
        if line.startswith(page) and re.match(rf"{re.escape(page)}\s+{who}\s", line):
            return line[len(page) :].split()[1:]
    raise AssertionError(f"no row for {page} as {who}:\n{output}")


def test_benchmark_loads_measures_and_prints_the_table():
    output = run(*TINY)

    assert "Loaded: 2 clients of bench-trainer@fitnesspr.test" in output
    trainer = User.objects.get(email=benchmark.BENCH_TRAINER)
    workouts = Workout.objects.filter(user__trainer_links__trainer=trainer)
    # ~3.5 a week over two weeks, each with 5 sets
    assert 4 <= workouts.count() <= 18
    assert WorkoutSet.objects.filter(workout_exercise__workout__in=workouts).count() == workouts.count() * 5
    assert WorkoutSet.objects.filter(estimated_1rm_kg__isnull=False).exists()
    assert Plan.objects.filter(client__trainer_links__trainer=trainer, status="active").count() == 2

    assert re.search(r"page\s+as\s+status\s+median ms\s+p95 ms\s+queries\s+x healthz", output)
    healthz = row(output, "/healthz", "client")
    assert healthz[0] == "200" and healthz[-1] == "1.0"
    for page, who in [("history page", "client"), ("history page", "trainer"), ("workout list API", "client"),
                      ("workout list API", "trainer"), ("plan detail page", "trainer")]:  # fmt: skip
        status, median, p95, queries, ratio = row(output, page, who)
        assert status == "200" and float(median) > 0 and float(p95) >= float(median) and int(queries) > 0
        assert float(ratio) > 0
    assert "Against the physical limit" in output
    for api, who in [("workout list API", "client"), ("workout list API", "trainer"), ("plan detail API", "client")]:
        status, api_ms, raw_ms, ratio, _target, verdict = next(
            line for line in output.split("Against the physical limit")[1].splitlines()
            if re.match(rf"{api}\s+{who}\s", line)
        )[len(api):].split()[1:]  # fmt: skip
        assert status == "200" and float(api_ms) > 0 and float(raw_ms) > 0
        assert float(ratio) == pytest.approx(float(api_ms) / float(raw_ms), rel=0.02)
        assert verdict in ("ok", "OVER")


def test_a_second_run_reuses_the_data_and_drop_removes_it():
    run(*TINY)
    counts = (User.objects.count(), Workout.objects.count())

    output = run(*TINY, "--drop")

    assert "Reusing (already loaded" in output
    assert "Removed 3 bench users" in output
    assert User.objects.count() == counts[0] - 3
    assert Workout.objects.count() == 0


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        run("--clients", "0")


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert benchmark.percentile(values, 0.95) == 19.0
    assert benchmark.percentile([5.0], 0.95) == 5.0
