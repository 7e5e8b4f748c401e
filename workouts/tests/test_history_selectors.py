"""The history selectors: weekly totals (owner's time zone, Monday start, warm-ups left out) and exercise records."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404

from workouts.selectors.history import exercise_history, history_owner_get, record_list, weekly_history
from workouts.tests.factories import (
    ExerciseFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

UTC = datetime.UTC


def epley(weight: Decimal, reps: int) -> Decimal:
    return (weight * (1 + Decimal(reps) / 30)).quantize(Decimal("0.01"))


def log(user, started_at, sets, *, exercise=None, minutes=60, name="Workout"):
    """A workout with one exercise and `sets` = [(set_type, weight, reps), ...], e1RM kept like the services."""
    workout = WorkoutFactory(
        user=user, name=name, started_at=started_at, ended_at=started_at + datetime.timedelta(minutes=minutes)
    )
    entry = WorkoutExerciseFactory(workout=workout, exercise=exercise or ExerciseFactory(), position=0)
    for position, (set_type, weight, reps) in enumerate(sets):
        weight = Decimal(weight) if weight is not None else None
        WorkoutSetFactory(
            workout_exercise=entry,
            position=position,
            set_type=set_type,
            weight_kg=weight,
            reps=reps,
            estimated_1rm_kg=epley(weight, reps) if weight and reps and reps <= 10 else None,
        )
    return workout


@pytest.fixture
def bench(db):
    return ExerciseFactory(name="History Test Bench Press")


def test_weekly_totals_leave_out_warmups_and_sum_volume(their_client, bench):
    monday = datetime.datetime(2026, 11, 2, 18, 0, tzinfo=UTC)
    log(their_client, monday, [("warmup", "40", 10), ("normal", "60", 8), ("failure", "60", 6)], exercise=bench)
    log(their_client, monday + datetime.timedelta(days=2), [("normal", "62.5", 5), ("dropset", "50", 10)], minutes=45)
    log(their_client, monday - datetime.timedelta(days=7), [("normal", "100", 1)], minutes=30)

    history = weekly_history(viewer=their_client, owner=their_client)

    assert [week.start for week in history.weeks] == [datetime.date(2026, 11, 2), datetime.date(2026, 10, 26)]
    this_week, last_week = history.weeks
    assert this_week.workouts == 2 and this_week.working_sets == 4
    assert this_week.volume_kg == Decimal("60") * 8 + Decimal("60") * 6 + Decimal("62.5") * 5 + Decimal("50") * 10
    assert this_week.duration_seconds == (60 + 45) * 60
    assert [workout.working_sets for workout in this_week.workout_list] == [2, 2]
    assert this_week.workout_list[1].volume_kg == Decimal("840")
    assert last_week.workouts == 1 and last_week.working_sets == 1 and last_week.volume_kg == Decimal("100")


def test_weeks_start_on_monday_in_the_owners_time_zone(their_client):
    their_client.time_zone = "America/Los_Angeles"
    their_client.save(update_fields=["time_zone"])
    # Monday 2 Nov 2026, 03:00 UTC is still Sunday 1 Nov evening in Los Angeles: the week of 26 Oct there.
    log(their_client, datetime.datetime(2026, 11, 2, 3, 0, tzinfo=UTC), [("normal", "50", 5)])
    # Monday 2 Nov, 09:00 UTC is Monday 01:00 in Los Angeles: the week of 2 Nov.
    log(their_client, datetime.datetime(2026, 11, 2, 9, 0, tzinfo=UTC), [("normal", "50", 5)])

    history = weekly_history(viewer=their_client, owner=their_client)

    assert [(week.start, week.workouts) for week in history.weeks] == [
        (datetime.date(2026, 11, 2), 1),
        (datetime.date(2026, 10, 26), 1),
    ]
    assert history.weeks[1].workout_list[0].started_at.astimezone(ZoneInfo("America/Los_Angeles")).weekday() == 6


def test_weeks_are_paginated_and_a_page_past_the_end_is_404(their_client):
    start = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    for week in range(5):
        log(their_client, start + datetime.timedelta(weeks=week), [("normal", "50", 5)])

    first = weekly_history(viewer=their_client, owner=their_client, weeks_per_page=2)
    last = weekly_history(viewer=their_client, owner=their_client, page=3, weeks_per_page=2)

    assert first.pages == 3 and first.total_weeks == 5 and first.has_next and not first.has_previous
    assert first.weeks[0].start == datetime.date(2026, 6, 29)
    assert len(last.weeks) == 1 and last.weeks[0].start == datetime.date(2026, 6, 1) and not last.has_next
    with pytest.raises(Http404):
        weekly_history(viewer=their_client, owner=their_client, page=4, weeks_per_page=2)


def test_an_empty_history_has_one_empty_page(their_client):
    history = weekly_history(viewer=their_client, owner=their_client)
    assert history.weeks == [] and history.pages == 1


def test_a_workout_in_progress_counts_without_duration(their_client):
    workout = log(their_client, datetime.datetime(2026, 11, 2, 18, 0, tzinfo=UTC), [("normal", "50", 5)])
    workout.ended_at = None
    workout.save(update_fields=["ended_at"])
    week = weekly_history(viewer=their_client, owner=their_client).weeks[0]
    assert week.workouts == 1 and week.duration_seconds == 0 and week.working_sets == 1


def test_history_owner_follows_the_access_rule(trainer, their_client, other_trainer, other_client):
    assert history_owner_get(their_client, None) == their_client
    assert history_owner_get(their_client, str(their_client.pk)) == their_client
    assert history_owner_get(trainer, str(their_client.pk)) == their_client
    for viewer, client_id in [
        (other_trainer, their_client.pk),
        (other_client, their_client.pk),
        (their_client, trainer.pk),
        (trainer, "not-a-uuid"),
    ]:
        with pytest.raises(Http404):
            history_owner_get(viewer, client_id)


def test_a_strangers_view_of_the_history_is_empty(their_client, other_trainer):
    log(their_client, datetime.datetime(2026, 11, 2, 18, 0, tzinfo=UTC), [("normal", "50", 5)])
    assert weekly_history(viewer=other_trainer, owner=their_client).weeks == []


def test_exercise_history_records_and_series(their_client, trainer, bench):
    day = datetime.datetime(2026, 10, 5, 18, 0, tzinfo=UTC)
    log(their_client, day, [("warmup", "200", 1), ("normal", "80", 8), ("normal", "80", 7)], exercise=bench)
    log(their_client, day + datetime.timedelta(days=3), [("normal", "85", 5), ("normal", "70", 12)], exercise=bench)
    log(their_client, day + datetime.timedelta(days=7), [("normal", "82.5", 6), ("failure", "80", 10)], exercise=bench)
    log(their_client, day, [("normal", "150", 3)])  # another exercise: not counted

    history = exercise_history(viewer=trainer, owner=their_client, exercise=bench)

    # The warm-up single at 200 kg is no record; 80 x 10 gives the best e1RM: 80 x (1 + 10/30) = 106.67.
    assert history.best_e1rm.value == Decimal("106.67") and history.best_e1rm.reps == 10
    assert history.heaviest.value == Decimal("85") and history.heaviest.reps == 5
    assert [(record.weight_kg, record.reps) for record in history.most_reps] == [
        (Decimal("85"), 5),
        (Decimal("82.5"), 6),
        (Decimal("80"), 10),
        (Decimal("70"), 12),
    ]
    # Session volumes (working sets): 1200, 425 + 840 = 1265, 495 + 800 = 1295.
    assert history.best_volume.value == Decimal("1295")
    assert history.best_volume.achieved_at == day + datetime.timedelta(days=7)
    # 70 x 12 has no e1RM (more than 10 reps): the second session's best is 85 x 5.
    assert history.series == [
        (datetime.date(2026, 10, 5), epley(Decimal("80"), 8)),
        (datetime.date(2026, 10, 8), epley(Decimal("85"), 5)),
        (datetime.date(2026, 10, 12), epley(Decimal("80"), 10)),
    ]
    assert [len(session.sets.all()) for session in history.sessions] == [2, 2, 3]
    assert "weight \N{MULTIPLICATION SIGN} (1 + reps \N{DIVISION SIGN} 30)" in history.formula


def test_exercise_history_without_sets(their_client, bench):
    history = exercise_history(viewer=their_client, owner=their_client, exercise=bench)
    assert not history.has_data and history.best_e1rm is None and history.series == [] and history.most_reps == []


def test_record_list_is_scoped(their_client, trainer, other_trainer, bench):
    from workouts.models import PersonalRecord

    workout = log(their_client, datetime.datetime(2026, 11, 2, 18, 0, tzinfo=UTC), [("normal", "50", 5)])
    PersonalRecord.objects.create(
        user=their_client, exercise=bench, kind="heaviest", value=Decimal("50"), workout=workout,
        achieved_at=workout.started_at,
    )  # fmt: skip
    assert record_list(viewer=their_client).count() == 1
    assert record_list(viewer=trainer, owner=their_client).count() == 1
    assert record_list(viewer=other_trainer).count() == 0
