# ruff: noqa: RUF001  (the pages use the multiplication sign, as in "3 x 8 @ 60 kg")
"""Personal records: Epley values, the four kinds, warm-ups ignored, flags, recompute after edits and deletes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from workouts.models import ExerciseType, PersonalRecord, RecordKind
from workouts.services import records, workouts
from workouts.tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def log(user, exercise, sets, *, days_ago=1):
    """A finished workout of `user` with `sets` = [(reps, weight), ...] or dicts."""
    started = timezone.now() - timedelta(days=days_ago)
    data = {
        "started_at": started,
        "ended_at": started + timedelta(hours=1),
        "exercises": [
            {
                "exercise": exercise.pk,
                "sets": [s if isinstance(s, dict) else {"reps": s[0], "weight_kg": Decimal(s[1])} for s in sets],
            }
        ],
    }
    return workouts.workout_create(user=user, data=data)


def kinds(records_list):
    return sorted((r.kind, r.value, r.weight_kg) for r in records_list)


@pytest.mark.parametrize(
    ("weight", "reps", "expected"),
    [
        ("100", 1, Decimal("100.00")),
        ("100", 5, Decimal("116.67")),  # 100 x (1 + 5/30)
        ("60", 8, Decimal("76.00")),
        ("80", 10, Decimal("106.67")),
        ("80", 11, None),  # more than 10 reps: no estimate
        ("80", 0, None),
        (None, 8, None),
    ],
)
def test_epley_estimate(weight, reps, expected):
    assert records.estimate_1rm(weight_kg=weight and Decimal(weight), reps=reps) == expected


def test_epley_ignores_warmups():
    assert records.estimate_1rm(weight_kg=Decimal("100"), reps=5, set_type="warmup") is None


def test_the_formula_is_stated():
    assert "weight × (1 + reps / 30)" in records.EPLEY_FORMULA and "10 reps or fewer" in records.EPLEY_FORMULA


def test_sets_keep_their_estimate(their_client):
    exercise = ExerciseFactory()
    workout = log(their_client, exercise, [(5, "100"), (12, "60"), {"reps": 3, "weight_kg": 80, "set_type": "warmup"}])
    values = [s.estimated_1rm_kg for s in workout.exercises.get().sets.order_by("position")]
    assert values == [Decimal("116.67"), None, None]


def test_first_workout_sets_the_first_records_without_flagging_them(their_client):
    """Nothing stood before, so nothing is beaten: the records are kept, no set is flagged, no event."""
    exercise = ExerciseFactory()
    workout = log(their_client, exercise, [(8, "60"), (8, "60"), (6, "65")])
    assert workout.new_records == []
    assert kinds(PersonalRecord.objects.filter(workout=workout)) == [
        (RecordKind.ESTIMATED_1RM, Decimal("78.00"), None),  # 65 x (1 + 6/30) = 78
        (RecordKind.HEAVIEST_WEIGHT, Decimal("65.00"), None),
        (RecordKind.MOST_REPS, Decimal("6.00"), Decimal("65.00")),
        (RecordKind.MOST_REPS, Decimal("8.00"), Decimal("60.00")),
        (RecordKind.BEST_VOLUME, Decimal("1350.00"), None),  # 480 + 480 + 390
    ]


def test_a_set_that_beats_a_record_is_flagged_and_one_that_does_not_is_not(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(8, "60"), (8, "60"), (8, "60")], days_ago=3)
    workout = log(their_client, exercise, [(8, "60"), (5, "70")], days_ago=1)
    heavy = workout.exercises.get().sets.get(position=1)
    same = workout.exercises.get().sets.get(position=0)
    assert kinds(workout.new_records) == [
        (RecordKind.ESTIMATED_1RM, Decimal("81.67"), None),
        (RecordKind.HEAVIEST_WEIGHT, Decimal("70.00"), None),
        (RecordKind.MOST_REPS, Decimal("5.00"), Decimal("70.00")),
    ]  # no volume record: 830 < 1440; 8 at 60 only equals the old best
    assert {r.workout_set_id for r in workout.new_records} == {heavy.pk}
    assert not PersonalRecord.objects.filter(workout_set=same).exists()


def test_most_reps_counts_heavier_weights_too(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(8, "70")], days_ago=3)
    fewer = log(their_client, exercise, [(6, "60")], days_ago=2)
    more = log(their_client, exercise, [(10, "60")], days_ago=1)
    assert RecordKind.MOST_REPS not in {r.kind for r in fewer.new_records}
    assert (RecordKind.MOST_REPS, Decimal("10.00"), Decimal("60.00")) in kinds(more.new_records)


def test_warmups_are_ignored(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")], days_ago=2)
    workout = log(their_client, exercise, [{"reps": 5, "weight_kg": 120, "set_type": "warmup"}, (5, "90")])
    assert workout.new_records == []


def test_failure_and_drop_sets_count(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")], days_ago=2)
    workout = log(their_client, exercise, [{"reps": 5, "weight_kg": 105, "set_type": "failure"}])
    assert RecordKind.HEAVIEST_WEIGHT in {r.kind for r in workout.new_records}


def test_bodyweight_reps_have_rep_records_only(their_client):
    pull_up = ExerciseFactory(exercise_type=ExerciseType.BODYWEIGHT_REPS, equipment="none")
    log(their_client, pull_up, [{"reps": 8}], days_ago=2)
    workout = log(their_client, pull_up, [{"reps": 10}, {"reps": 7}])
    assert kinds(workout.new_records) == [(RecordKind.MOST_REPS, Decimal("10.00"), None)]


def test_records_of_others_do_not_count(their_client, other_client):
    exercise = ExerciseFactory()
    log(other_client, exercise, [(5, "200")], days_ago=2)
    log(their_client, exercise, [(5, "90")], days_ago=3)
    workout = log(their_client, exercise, [(5, "100")])
    assert RecordKind.HEAVIEST_WEIGHT in {r.kind for r in workout.new_records}


def test_deleting_a_workout_gives_the_record_back_to_the_next_best(their_client):
    exercise = ExerciseFactory()
    first = log(their_client, exercise, [(5, "100")], days_ago=3)
    best = log(their_client, exercise, [(5, "110")], days_ago=2)
    later = log(their_client, exercise, [(5, "105")], days_ago=1)
    assert not PersonalRecord.objects.filter(workout=later, kind=RecordKind.HEAVIEST_WEIGHT).exists()

    workouts.workout_delete(workout=best)

    assert PersonalRecord.objects.filter(workout=later, kind=RecordKind.HEAVIEST_WEIGHT, value=105).exists()
    assert PersonalRecord.objects.filter(workout=first, kind=RecordKind.HEAVIEST_WEIGHT, value=100).exists()


def test_editing_an_older_set_takes_records_from_later_workouts(their_client):
    exercise = ExerciseFactory()
    earlier = log(their_client, exercise, [(5, "100")], days_ago=2)
    later = log(their_client, exercise, [(5, "105")], days_ago=1)
    assert PersonalRecord.objects.filter(workout=later, kind=RecordKind.HEAVIEST_WEIGHT).exists()

    workouts.set_update(workout_set=earlier.exercises.get().sets.get(), data={"weight_kg": Decimal("120")})

    assert not PersonalRecord.objects.filter(workout=later, kind=RecordKind.HEAVIEST_WEIGHT).exists()
    assert PersonalRecord.objects.get(workout=earlier, kind=RecordKind.HEAVIEST_WEIGHT).value == Decimal("120")


def test_set_delete_recomputes(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")], days_ago=2)
    workout = log(their_client, exercise, [(5, "110")])
    top = workout.exercises.get().sets.get()
    assert PersonalRecord.objects.filter(workout_set=top).exists()
    workouts.set_delete(workout_set=top)
    assert not PersonalRecord.objects.filter(workout=workout).exists()


def test_an_in_progress_workout_flags_the_set_at_once_and_pushes(
    their_client, trainer, django_capture_on_commit_callbacks, monkeypatch
):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")], days_ago=2)
    pushed = []
    monkeypatch.setattr(
        "notifications.realtime.push_to_user", lambda user, kind, data: pushed.append((user, kind, data))
    )
    workout = workouts.workout_start(user=their_client)
    row = workouts.exercise_add(workout=workout, exercise_id=exercise.pk)

    with django_capture_on_commit_callbacks(execute=True):
        plain = workouts.set_add(workout_exercise=row, data={"reps": 5, "weight_kg": Decimal("90")})
        heavy = workouts.set_add(workout_exercise=row, data={"reps": 5, "weight_kg": Decimal("105")})

    assert not [r for r in plain.new_records if r.kind == RecordKind.HEAVIEST_WEIGHT]
    assert [r.workout_set_id for r in heavy.new_records if r.kind == RecordKind.HEAVIEST_WEIGHT] == [heavy.pk]
    assert {(user_id, kind) for user_id, kind, _ in pushed} >= {
        (their_client.pk, "records.new"),
        (trainer.pk, "records.new"),
    }


def test_record_refresh_query_count_does_not_grow_with_sets(their_client, django_assert_num_queries):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")] * 20, days_ago=3)
    small = log(their_client, exercise, [(5, "100")] * 2, days_ago=2)
    big = log(their_client, exercise, [(5, "101")] * 30, days_ago=1)
    # 1-3 the bests before (e1RM/heaviest, reps per weight, volume per workout); 4 the sets from then on,
    # ranked and summed in the database; 5 the old records; the same as the new ones: nothing written (and no
    # savepoint: a refresh is part of its caller's change)
    for workout in (small, big):
        with django_assert_num_queries(5):
            records.records_refresh(user=their_client, exercise_ids={exercise.pk}, since=workout.started_at)
    # when they differ: 6 their delete, 7 the insert (nothing new to announce: no push)
    first = big.started_at - timedelta(days=2)
    PersonalRecord.objects.filter(user=their_client).delete()
    with django_assert_num_queries(7):
        records.records_refresh(user=their_client, exercise_ids={exercise.pk}, since=first)
    assert PersonalRecord.objects.filter(user=their_client).exists()


def test_a_set_is_flagged_only_against_a_record_that_stood_before(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(5, "100")], days_ago=3)
    better = log(their_client, exercise, [{"reps": 5, "weight_kg": 120, "set_type": "warmup"}, (5, "102.5")])
    flagged = {r.kind: r for r in better.new_records}
    assert set(flagged) >= {RecordKind.ESTIMATED_1RM, RecordKind.HEAVIEST_WEIGHT}
    working = better.exercises.get().sets.get(set_type="normal")
    assert flagged[RecordKind.HEAVIEST_WEIGHT].workout_set_id == working.pk  # never the warm-up


def test_one_workout_flags_at_most_one_record_per_exercise_and_kind(their_client):
    exercise = ExerciseFactory()
    log(their_client, exercise, [(3, "100"), (3, "80")], days_ago=3)
    workout = log(their_client, exercise, [(5, "100"), (6, "90"), (8, "80")])
    stored = PersonalRecord.objects.filter(workout=workout, kind=RecordKind.MOST_REPS)
    assert stored.count() == 3  # the records table keeps the most reps at each weight
    most_reps = [r for r in workout.new_records if r.kind == RecordKind.MOST_REPS]
    assert [(r.value, r.weight_kg) for r in most_reps] == [(Decimal("5.00"), Decimal("100.00"))]
    assert len({(r.exercise_id, r.kind) for r in workout.new_records}) == len(workout.new_records)


def test_no_estimate_from_an_impossible_weight():
    assert records.estimate_1rm(weight_kg=Decimal("1700"), reps=10) is None
    assert records.is_implausible(weight_kg=Decimal("170"), best_heaviest=Decimal("36.21"))
    assert not records.is_implausible(weight_kg=Decimal("40"), best_heaviest=Decimal("20"))  # a beginner doubling
    assert not records.is_implausible(weight_kg=Decimal("105"), best_heaviest=Decimal("100"))
