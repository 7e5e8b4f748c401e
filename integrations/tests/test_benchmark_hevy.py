"""`manage.py benchmark_hevy_sync`: a tiny run against the fake Hevy server, into the test database."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from integrations.benchmark import BENCH_USER
from integrations.models import HevyConnection, HevyExerciseMapping
from workouts.models import Exercise, Workout, WorkoutSet

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("benchmark_hevy_sync", *args, stdout=out)
    return out.getvalue()


def section(output: str, title: str) -> str:
    """The lines of one sync's report, from its title to the next unindented line."""
    match = re.search(rf"^{re.escape(title)}.*?(?=^\S)", output, re.M | re.S)
    assert match, f"no {title!r} in:\n{output}"
    return match.group(0)


def test_tiny_run_reports_and_imports_every_workout():
    output = run("--workouts", "20", "--sets", "10", "--keep")

    assert re.search(
        r"^Fake Hevy on http://127\.0\.0\.1:\d+: 20 workouts, 40 exercises, 200 sets, 2 custom", output, re.M
    )
    backfill = section(output, "Backfill (first sync, full)")
    assert backfill.startswith("Backfill (first sync, full): 20 created, 0 updated, 0 deleted (succeeded)\n")
    assert re.search(r"^  Total time: \d+\.\d\d s \(\d+\.\d\d ms per workout over 20\)$", backfill, re.M)
    assert "  Events pages: 2\n" in backfill  # 10 events a page
    per_page = re.search(r"^  SQL queries per events page: min (\d+), median [\d.]+, max (\d+)", backfill, re.M)
    assert per_page and 1 <= int(per_page.group(1)) <= int(per_page.group(2)) <= 25  # bounded, not per set
    # page_apply: the same few queries for every page, however many sets it holds
    apply = re.search(r"^  SQL queries of page_apply alone: min (\d+), median [\d.]+, max (\d+)$", backfill, re.M)
    assert apply and apply.group(1) == apply.group(2) and int(apply.group(1)) <= 10
    assert re.search(r"^  Personal records refresh \(once, at the end\): \d+\.\d\d s, \d+ SQL queries$", backfill, re.M)
    assert "Imported: 20 workouts, 200 sets, 2 custom exercises (expected 20 workouts, 200 sets)\n" in output
    target = (
        r"^  Target: <= {} s for 1,000 workouts x 25 sets on PostgreSQL: (ok|OVER) \(this run: 20 workouts on \w+\)$"
    )
    assert re.search(target.format("5"), backfill, re.M)

    incremental = section(output, "Incremental sync (nothing changed)")
    assert incremental.startswith("Incremental sync (nothing changed): 0 created, 0 updated, 0 deleted (succeeded)")
    assert "  Events pages: 0\n" in incremental  # the events are older than the cursor
    reread = section(output, "Full re-read (nothing changed)")
    assert reread.startswith("Full re-read (nothing changed): 0 created, 0 updated, 0 deleted (succeeded)")
    assert "  Events pages: 2\n" in reread
    assert re.search(target.format("0.1"), incremental, re.M)
    assert re.search(target.format("2"), reread, re.M)
    assert re.search(r"^Hevy requests: \d+ in all, \d+ exercise template look-ups$", output, re.M)
    assert "Removed" not in output

    user = User.objects.get(email=BENCH_USER)
    assert Workout.objects.filter(user=user, source="hevy").count() == 20
    assert WorkoutSet.objects.filter(workout_exercise__workout__user=user).count() == 200
    # the built-in templates went to the library, the two custom ones became the user's exercises
    assert set(Exercise.objects.filter(owner=user).values_list("name", flat=True)) == {
        "Sled Push (Heavy)",
        "Tire Flip (Gym Floor)",
    }
    assert HevyExerciseMapping.objects.filter(user=None, exercise__owner=None).count() >= 5

    # a rerun reuses the user from a clean slate, and removes it at the end without --keep
    again = run("--workouts", "20", "--sets", "10")
    assert "Imported: 20 workouts, 200 sets, 2 custom exercises" in again
    assert again.endswith(f"Removed {BENCH_USER} and the synced data.\n")
    assert not User.objects.filter(email=BENCH_USER).exists()
    assert not Workout.objects.filter(hevy_id__isnull=False).exists()
    assert not HevyConnection.objects.exists()


def test_arguments_must_be_positive():
    with pytest.raises(CommandError, match="at least 1"):
        run("--workouts", "0")
