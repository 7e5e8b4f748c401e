"""Imports of workouts by external id (workouts.services.imports): created finished, idempotent, changed ones
replaced, deletes explicit, records refreshed once per batch, WorkoutFinished after the commit."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fitnesspr import events
from fitnesspr.errors import ApplicationError
from workouts.events import RecordsSet, WorkoutFinished
from workouts.models import PersonalRecord, RecordKind, Workout, WorkoutSet, WorkoutSource
from workouts.services import imports
from workouts.services.imports import (
    ImportBatch,
    workout_set_external_id,
    workouts_import,
    workouts_import_delete,
)
from workouts.tests.factories import ExerciseFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


def item(hevy_id, exercise, sets, *, days_ago=1, name="Push day"):
    """One workout to import: `sets` = [(reps, weight), ...] of `exercise`."""
    started = (timezone.now() - timedelta(days=days_ago)).replace(microsecond=0)
    return {
        "hevy_id": hevy_id,
        "name": name,
        "notes": "",
        "started_at": started,
        "ended_at": started + timedelta(hours=1),
        "exercises": [
            {
                "exercise": exercise,
                "superset_group": None,
                "notes": "",
                "sets": [
                    {"set_type": "normal", "reps": reps, "weight_kg": Decimal(weight), "rpe": None}
                    for reps, weight in sets
                ],
            }
        ],
    }


def sets_of(user):
    return sorted(
        (s.workout_exercise.workout.hevy_id, s.position, s.reps, s.weight_kg, s.estimated_1rm_kg, s.pk)
        for s in WorkoutSet.objects.filter(workout_exercise__workout__user=user).select_related(
            "workout_exercise__workout"
        )
    )


@pytest.fixture
def received(monkeypatch):
    """The events delivered (after the commit) while the test runs, and no other subscriber."""
    monkeypatch.setattr(events, "_subscribers", defaultdict(list))
    seen: list = []
    events.subscribe(WorkoutFinished, seen.append)
    events.subscribe(RecordsSet, seen.append)
    return seen


def test_an_import_creates_finished_workouts_with_their_sets_and_estimates(their_client):
    bench = ExerciseFactory()
    result = workouts_import(
        user=their_client,
        items=[item("h1", bench, [(5, "100"), (3, "110")], days_ago=2), item("h2", bench, [(1, "120")])],
    )

    assert sorted(w.hevy_id for w in result.created) == ["h1", "h2"] and result.updated == []
    h1 = Workout.objects.get(user=their_client, hevy_id="h1")
    assert h1.source == WorkoutSource.HEVY and h1.ended_at is not None and h1.name == "Push day"
    assert [(s[1], s[2], s[3], s[4]) for s in sets_of(their_client) if s[0] == "h1"] == [
        (0, 5, Decimal("100.00"), Decimal("116.67")),  # the estimated 1RM is the import's
        (1, 3, Decimal("110.00"), Decimal("121.00")),
    ]


def test_importing_the_same_items_again_changes_nothing_more(their_client, received):
    bench = ExerciseFactory()
    items = [item("h1", bench, [(5, "100")], days_ago=2), item("h2", bench, [(5, "105")])]
    workouts_import(user=their_client, items=items)
    before_sets = sets_of(their_client)
    before_workouts = sorted(Workout.objects.filter(user=their_client).values_list("pk", "updated_at"))
    before_records = sorted(PersonalRecord.objects.filter(user=their_client).values_list("pk", flat=True))
    received.clear()

    again = workouts_import(user=their_client, items=items)

    assert (again.created, again.updated, again.unchanged) == ([], [], 2)
    assert sets_of(their_client) == before_sets  # the same rows, not re-inserted
    assert sorted(Workout.objects.filter(user=their_client).values_list("pk", "updated_at")) == before_workouts
    assert sorted(PersonalRecord.objects.filter(user=their_client).values_list("pk", flat=True)) == before_records
    assert received == []  # no WorkoutFinished, no new records


def test_a_changed_workout_has_its_exercises_and_sets_replaced(their_client):
    bench, row = ExerciseFactory(), ExerciseFactory()
    workouts_import(user=their_client, items=[item("h1", bench, [(5, "100"), (5, "100")])])
    old_pks = {s[-1] for s in sets_of(their_client)}
    changed = item("h1", bench, [(8, "90")], name="Push day (edited)")
    changed["exercises"].append({"exercise": row.pk, "superset_group": 1, "notes": "slow", "sets": [{"reps": 10}]})

    result = workouts_import(user=their_client, items=[changed])

    assert result.created == [] and [w.hevy_id for w in result.updated] == ["h1"]
    workout = Workout.objects.get(user=their_client, hevy_id="h1")
    assert workout.name == "Push day (edited)"
    entries = list(workout.exercises.order_by("position"))
    assert [(e.exercise_id, e.superset_group, e.notes) for e in entries] == [(bench.pk, None, ""), (row.pk, 1, "slow")]
    assert [(s.set_type, s.reps, s.weight_kg) for s in entries[0].sets.all()] == [("normal", 8, Decimal("90.00"))]
    assert [(s.set_type, s.reps) for s in entries[1].sets.all()] == [("normal", 10)]
    assert not WorkoutSet.objects.filter(pk__in=old_pks).exists()
    assert Workout.objects.filter(user=their_client).count() == 1


def test_records_are_flagged_for_imported_workouts(their_client):
    bench = ExerciseFactory()
    workouts_import(
        user=their_client,
        items=[item("light", bench, [(5, "80")], days_ago=3), item("heavy", bench, [(5, "120")], days_ago=1)],
    )
    heaviest = PersonalRecord.objects.filter(user=their_client, exercise=bench, kind=RecordKind.HEAVIEST_WEIGHT)
    assert sorted((r.workout.hevy_id, r.value) for r in heaviest) == [("heavy", 120), ("light", 80)]

    # a change of an older workout moves the later records too
    workouts_import(user=their_client, items=[item("light", bench, [(5, "130")], days_ago=3)])
    assert [(r.workout.hevy_id, r.value) for r in heaviest.all()] == [("light", 130)]


def test_a_batch_refreshes_the_records_once_when_it_ends(their_client, monkeypatch):
    bench = ExerciseFactory()
    calls = []
    refresh = imports.records_refresh
    monkeypatch.setattr(imports, "records_refresh", lambda **kwargs: calls.append(kwargs) or refresh(**kwargs))
    workouts_import(user=their_client, items=[item("old", bench, [(5, "100")], days_ago=9)])
    oldest = Workout.objects.get(hevy_id="old").started_at
    calls.clear()

    with ImportBatch(user=their_client) as batch:
        for page in range(3):  # newest first, as a sync reads them
            items = [item(f"p{page}-{n}", bench, [(5, str(100 + n))], days_ago=3 - page) for n in range(2)]
            workouts_import(user=their_client, items=items, batch=batch)
        workouts_import_delete(user=their_client, hevy_ids=["old"], batch=batch)
        assert calls == [] and not PersonalRecord.objects.filter(workout__hevy_id__startswith="p").exists()

    (call,) = calls
    assert call["exercise_ids"] == {bench.pk}
    assert call["since"] == oldest  # the deleted workout's: the records it held are re-evaluated
    assert PersonalRecord.objects.filter(user=their_client, workout__hevy_id="p0-1").exists()


def test_workout_finished_is_published_once_per_new_workout_after_the_commit(
    their_client, received, django_capture_on_commit_callbacks
):
    bench = ExerciseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        result = workouts_import(
            user=their_client, items=[item("h1", bench, [(5, "100")], days_ago=2), item("h2", bench, [(5, "90")])]
        )
        assert received == []  # not before the commit

    finished = [e for e in received if isinstance(e, WorkoutFinished)]
    assert sorted((e.workout_id, e.user_id, e.source, e.workout_name) for e in finished) == sorted(
        (w.pk, their_client.pk, "hevy", "Push day") for w in result.created
    )
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workouts_import(user=their_client, items=[item("h1", bench, [(6, "100")], days_ago=2)])  # changed
        workouts_import(user=their_client, items=[item("h2", bench, [(5, "90")])])  # unchanged
    assert [e for e in received if isinstance(e, WorkoutFinished)] == []


def test_nothing_is_published_for_a_refused_import(
    their_client, other_client, received, django_capture_on_commit_callbacks
):
    bench = ExerciseFactory()
    stranger_move = ExerciseFactory(owner=other_client)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as error:
        workouts_import(
            user=their_client, items=[item("h1", bench, [(5, "100")]), item("h2", stranger_move, [(5, "90")])]
        )
    assert error.value.fields == {"items.1.exercises.0.exercise": ["Not found."]}
    assert received == [] and not Workout.objects.filter(user=their_client).exists()


def test_a_workout_comes_only_from_exercises_the_user_may_use(their_client, trainer, other_client):
    mine = ExerciseFactory(owner=their_client)
    trainers = ExerciseFactory(owner=trainer)
    theirs = ExerciseFactory(owner=other_client)
    workouts_import(user=their_client, items=[item("a", mine, [(5, "50")]), item("b", trainers.pk, [(5, "60")])])
    assert Workout.objects.filter(user=their_client).count() == 2
    for value in (theirs, theirs.pk, "not-an-id"):
        with pytest.raises(ApplicationError):
            workouts_import(user=their_client, items=[item("c", value, [(5, "60")])])
    assert not Workout.objects.filter(hevy_id="c").exists()


def test_delete_removes_only_the_named_workouts_of_the_user(their_client, other_client):
    bench = ExerciseFactory()
    workouts_import(
        user=their_client,
        items=[item("light", bench, [(5, "80")], days_ago=3), item("heavy", bench, [(5, "120")], days_ago=1)],
    )
    workouts_import(user=other_client, items=[item("heavy", bench, [(5, "200")])])

    assert workouts_import_delete(user=their_client, hevy_ids=["heavy", "unknown"]) == 1

    assert list(Workout.objects.filter(user=their_client).values_list("hevy_id", flat=True)) == ["light"]
    assert Workout.objects.filter(user=other_client, hevy_id="heavy").exists()
    heaviest = PersonalRecord.objects.get(user=their_client, kind=RecordKind.HEAVIEST_WEIGHT)
    assert heaviest.workout.hevy_id == "light"  # the record the deleted workout held went back
    assert workouts_import_delete(user=their_client, hevy_ids=[]) == 0


def test_queries_of_an_import_do_not_grow_with_sets(their_client, django_assert_num_queries):
    bench = ExerciseFactory()

    def page(prefix, sets):
        return [item(f"{prefix}{n}", bench, [(5, "100")] * sets, days_ago=n + 1) for n in range(10)]

    workouts_import(user=their_client, items=page("warm", 1))
    # (at most 80 sets: SQLite splits a bigger insert in batches of 999 parameters, PostgreSQL does not)
    # the stored workouts (none: no prefetch); insert workouts, exercises, sets; then the records refresh (in
    # the import's transaction): three bests, the sets from then on ranked, the old records, their delete, insert
    for sets in (2, 7):
        with django_assert_num_queries(4 + 7):
            workouts_import(user=their_client, items=page(f"s{sets}-", sets))
    # the same workouts changed: stored (+ their exercises and sets, as rows), the changed ones as objects, old
    # exercises (collected, their sets, set records, delete sets, delete exercises), one update, insert exercises
    # and sets; the refresh
    for sets in (2, 7):
        with django_assert_num_queries(3 + 1 + 5 + 1 + 2 + 7):
            workouts_import(user=their_client, items=page(f"s{sets}-", sets + 1))


def test_the_external_id_of_a_sent_workout_is_stored_and_an_imported_copy_removed(their_client):
    bench = ExerciseFactory()
    sent = WorkoutFactory(user=their_client)
    workouts_import(user=their_client, items=[item("h1", bench, [(5, "100")])])  # the copy a sync made first

    workout_set_external_id(workout=sent, hevy_id="h1")

    assert sent.hevy_id == "h1"
    assert list(Workout.objects.filter(user=their_client).values_list("pk", "hevy_id", "source")) == [
        (sent.pk, "h1", WorkoutSource.FITNESSPR)
    ]
    workout_set_external_id(workout=sent, hevy_id="h2")
    sent.refresh_from_db()
    assert sent.hevy_id == "h2"
