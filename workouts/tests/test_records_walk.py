"""The records refresh ranks and sums sets in the database (window functions); its records must be those of the
plain definition, walked set by set in Python, on a varied random history: ties, warm-ups, bodyweight sets,
an exercise twice in one workout, sets without reps."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from workouts.models import PersonalRecord, SetType, WorkoutSet
from workouts.services import records
from workouts.tests.factories import ExerciseFactory, WorkoutExerciseFactory, WorkoutFactory, WorkoutSetFactory

pytestmark = pytest.mark.django_db
ZERO = Decimal(0)


def reference_records(user) -> set[tuple]:
    """Every record by the definition in workouts/services/records.py, from every set, one at a time."""
    sets = (
        WorkoutSet.objects.filter(workout_exercise__workout__user=user)
        .select_related("workout_exercise__workout")
        .order_by("workout_exercise__workout__started_at", "workout_exercise__workout_id", "position", "created_at")
    )
    sessions: dict[tuple, list[WorkoutSet]] = defaultdict(list)
    for one in sets:
        sessions[(one.workout_exercise.workout_id, one.workout_exercise.exercise_id)].append(one)
    bests: dict = defaultdict(lambda: {"e1rm": None, "heaviest": None, "volume": None, "reps": {}})
    found = set()
    for (workout_id, exercise_id), session in sessions.items():
        best = bests[exercise_id]
        working = [s for s in session if s.set_type != SetType.WARMUP]
        estimated = [s for s in working if s.estimated_1rm_kg is not None]
        if estimated:
            top = max(estimated, key=lambda s: s.estimated_1rm_kg)
            if best["e1rm"] is None or top.estimated_1rm_kg > best["e1rm"]:
                found.add((workout_id, exercise_id, "e1rm", top.estimated_1rm_kg, None, top.pk))
        weighted = [s for s in working if (s.weight_kg or ZERO) > 0 and (s.reps or 0) > 0]
        volume = sum((s.weight_kg * s.reps for s in weighted), ZERO)
        if weighted:
            top = max(weighted, key=lambda s: s.weight_kg)
            if best["heaviest"] is None or top.weight_kg > best["heaviest"]:
                found.add((workout_id, exercise_id, "heaviest", top.weight_kg, None, top.pk))
            if best["volume"] is None or volume > best["volume"]:
                found.add((workout_id, exercise_id, "volume", volume, None, None))
        at_weight: dict = {}
        for s in working:
            if s.reps:
                weight = s.weight_kg if s.weight_kg is not None else ZERO
                if weight not in at_weight or s.reps > at_weight[weight].reps:
                    at_weight[weight] = s
        for weight, top in at_weight.items():
            if any(other > weight and at_weight[other].reps >= top.reps for other in at_weight):
                continue
            if top.reps > max((r for w, r in best["reps"].items() if w >= weight), default=0):
                found.add((workout_id, exercise_id, "most_reps", Decimal(top.reps), top.weight_kg, top.pk))
        if estimated:
            value = max(s.estimated_1rm_kg for s in estimated)
            best["e1rm"] = value if best["e1rm"] is None else max(best["e1rm"], value)
        if weighted:
            value = max(s.weight_kg for s in weighted)
            best["heaviest"] = value if best["heaviest"] is None else max(best["heaviest"], value)
            best["volume"] = volume if best["volume"] is None else max(best["volume"], volume)
        for weight, top in at_weight.items():
            best["reps"][weight] = max(best["reps"].get(weight, 0), top.reps)
    return found


def stored_records(user) -> set[tuple]:
    return {
        (r.workout_id, r.exercise_id, r.kind, r.value, r.weight_kg, r.workout_set_id)
        for r in PersonalRecord.objects.filter(user=user)
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_walk_finds_the_records_of_the_definition(their_client, seed):
    rng = random.Random(seed)
    exercises = [ExerciseFactory() for _ in range(3)]
    start = timezone.now() - timedelta(days=60)
    for day in range(25):
        # two workouts may start at the same moment: the order is then the workout id's
        started = start + timedelta(days=day - (day % 7 == 3))
        workout = WorkoutFactory(user=their_client, started_at=started)
        for position in range(rng.randint(1, 3)):
            entry = WorkoutExerciseFactory(workout=workout, position=position, exercise=rng.choice(exercises))
            for set_position in range(rng.randint(1, 4)):
                weight = rng.choice([None, Decimal(0), Decimal("40"), Decimal("42.5"), Decimal("45"), Decimal("50")])
                reps = rng.choice([None, 0, 3, 5, 5, 8, 12])
                WorkoutSetFactory(
                    workout_exercise=entry,
                    position=set_position % 2,  # ties in position: created_at decides
                    set_type=rng.choice([SetType.NORMAL, SetType.NORMAL, SetType.WARMUP, SetType.FAILURE]),
                    weight_kg=weight,
                    reps=reps,
                    estimated_1rm_kg=records.estimate_1rm(weight_kg=weight, reps=reps),
                )

    records.records_refresh(user=their_client, exercise_ids=[e.pk for e in exercises], since=start)
    expected = {(w, e, kind, value.quantize(Decimal("0.01")), weight, s) for w, e, kind, value, weight, s in
                reference_records(their_client)}  # fmt: skip

    assert stored_records(their_client) == expected
    assert len(expected) > 20

    # A refresh from the middle of the history (what an edit of an older workout does) changes nothing.
    middle = start + timedelta(days=12)
    records.records_refresh(user=their_client, exercise_ids=[e.pk for e in exercises], since=middle)
    assert stored_records(their_client) == expected
