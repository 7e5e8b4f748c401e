"""The sync's core against an in-memory stand-in of the client (no HTTP): mapping, upsert, counts, queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from integrations.hevy.errors import HevyNotFound
from integrations.hevy.mapping import ExerciseMapper, normalize_title
from integrations.hevy.sync import set_values, sync_run
from integrations.models import HevyConnection, HevyExerciseMapping, HevySyncRun, SyncStatus
from workouts.models import Exercise, PersonalRecord, Workout, WorkoutSet

T0 = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)
TEMPLATES = {
    "79D0BB3A": {
        "id": "79D0BB3A",
        "title": "Bench Press (Barbell)",
        "type": "weight_reps",
        "primary_muscle_group": "chest",
        "secondary_muscle_groups": ["triceps"],
        "equipment_category": "barbell",
        "is_custom": False,
    },
    "CUSTOM-1": {
        "id": "CUSTOM-1",
        "title": "Zercher Carry Deluxe",
        "type": "short_distance_weight",
        "primary_muscle_group": "full_body",
        "secondary_muscle_groups": ["abdominals", "nonsense"],
        "equipment_category": "barbell",
        "is_custom": True,
    },
}


def hevy_workout(workout_id, *, minutes=0, exercises=None, title="Push day", updated=None):
    start = T0 + timedelta(days=minutes)
    return {
        "id": workout_id,
        "title": title,
        "description": "",
        "start_time": start,
        "end_time": start + timedelta(hours=1),
        "created_at": start,
        "updated_at": updated or start + timedelta(hours=1),
        "routine_id": None,
        "exercises": exercises
        if exercises is not None
        else [
            {
                "index": 0,
                "title": "Bench Press (Barbell)",
                "notes": "",
                "exercise_template_id": "79D0BB3A",
                "superset_id": None,
                "sets": [
                    {
                        "index": i,
                        "type": "normal",
                        "weight_kg": 100,
                        "reps": 5 + i,
                        "distance_meters": None,
                        "duration_seconds": None,
                        "rpe": 8,
                        "custom_metric": None,
                    }
                    for i in range(3)
                ],
            }
        ],
    }


class StandInClient:
    """Pages of normalized events, and templates by id; counts template look-ups."""

    def __init__(self, pages, templates=TEMPLATES):
        self.pages = pages
        self.templates = templates
        self.template_calls = []
        self.since = []

    def iter_event_pages(self, since):
        self.since.append(since)
        yield from self.pages

    def get_exercise_template(self, template_id):
        self.template_calls.append(template_id)
        if template_id not in self.templates:
            raise HevyNotFound("Not found", status=404)
        return self.templates[template_id]

    def close(self):
        pass


@pytest.fixture
def connection(their_client):
    return HevyConnection.objects.create(user=their_client, api_key="k" * 36, key_last4="kkkk")


def run_sync(connection, pages, **kwargs):
    run = HevySyncRun.objects.create(connection=connection)
    client = StandInClient(pages)
    sync_run(connection=connection, run=run, client=client, **kwargs)
    run.refresh_from_db()
    return run, client


def test_normalize_title_ignores_case_and_spacing():
    assert normalize_title("  Bench   press (BARBELL) ") == normalize_title("Bench Press (Barbell)")


def test_set_values_clamp_and_the_import_estimates(connection):
    hevy_set = {"index": 0, "type": "weird", "weight_kg": 100.555, "reps": 5, "rpe": 6.5, "distance_meters": -3}
    values = set_values(hevy_set)
    assert values["set_type"] == "normal"
    assert values["weight_kg"] == Decimal("100.56")
    assert values["rpe"] == Decimal("6.5")
    assert values["distance_m"] is None
    assert set_values({"type": "normal", "rpe": 11})["rpe"] is None
    # the estimated 1RM is the workouts import's: the synced set carries it
    workout = hevy_workout("w1")
    workout["exercises"][0]["sets"] = [hevy_set]
    run_sync(connection, [[{"type": "updated", "workout": workout}]])
    assert WorkoutSet.objects.get(workout_exercise__workout__hevy_id="w1").estimated_1rm_kg == Decimal("117.32")


def test_builtin_template_maps_to_catalogue_by_title_and_is_remembered_for_everyone(connection, other_client):
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
    mapper = ExerciseMapper(user=connection.user, client=StandInClient([]))
    assert mapper.resolve([hevy_workout("w1")])["79D0BB3A"] == bench
    mapping = HevyExerciseMapping.objects.get(template_id="79D0BB3A")
    assert mapping.user is None and mapping.exercise == bench
    again = StandInClient([])
    assert ExerciseMapper(user=other_client, client=again).resolve([hevy_workout("w1")])["79D0BB3A"] == bench
    assert again.template_calls == []


def test_unmapped_template_becomes_a_custom_exercise_and_keeps_every_set(connection):
    exercises = [
        {
            "index": 0,
            "title": "Zercher Carry Deluxe",
            "notes": "heavy",
            "exercise_template_id": "CUSTOM-1",
            "superset_id": None,
            "sets": [
                {
                    "index": 0,
                    "type": "normal",
                    "weight_kg": 60,
                    "reps": None,
                    "distance_meters": 20,
                    "duration_seconds": None,
                    "rpe": None,
                    "custom_metric": None,
                }
            ]
            * 2,
        },
        {
            "index": 1,
            "title": "Gone Exercise",
            "notes": "",
            "exercise_template_id": "DEADBEEF",
            "superset_id": 1,
            "sets": [
                {
                    "index": 0,
                    "type": "warmup",
                    "weight_kg": None,
                    "reps": None,
                    "distance_meters": None,
                    "duration_seconds": 30,
                    "rpe": None,
                    "custom_metric": None,
                }
            ],
        },
    ]
    run, _client = run_sync(connection, [[{"type": "updated", "workout": hevy_workout("w1", exercises=exercises)}]])
    assert run.status == SyncStatus.SUCCEEDED and run.created_count == 1
    custom = Exercise.objects.get(owner=connection.user, name="Zercher Carry Deluxe")
    assert (custom.equipment, custom.exercise_type, custom.primary_muscle) == (
        "barbell",
        "short_distance_weight",
        "full_body",
    )
    assert custom.secondary_muscles == ["abdominals"]
    gone = Exercise.objects.get(owner=connection.user, name="Gone Exercise")
    assert gone.exercise_type == "duration"
    assert WorkoutSet.objects.filter(workout_exercise__workout__user=connection.user).count() == 3
    assert HevyExerciseMapping.objects.filter(user=connection.user).count() == 2


def test_backfill_update_delete_and_idempotent_rerun(connection):
    pages = [
        [{"type": "updated", "workout": hevy_workout(f"w{i}", minutes=i)} for i in range(p * 3, p * 3 + 3)]
        for p in range(3)
    ]
    run, client = run_sync(connection, pages)
    assert (run.pages, run.created_count, run.updated_count, run.deleted_count) == (3, 9, 0, 0)
    assert client.since[0].year == 1970
    connection.refresh_from_db()
    assert connection.events_cursor is not None and connection.last_synced_at is not None
    assert Workout.objects.filter(user=connection.user, source="hevy").count() == 9
    assert WorkoutSet.objects.filter(estimated_1rm_kg__isnull=False).count() == 27
    assert PersonalRecord.objects.filter(user=connection.user).exists()

    cursor = connection.events_cursor
    run2, client2 = run_sync(connection, pages)
    assert (run2.created_count, run2.updated_count, run2.deleted_count) == (0, 0, 0)
    assert client2.since[0] == cursor

    changed = hevy_workout("w1", minutes=1, title="Renamed", updated=T0 + timedelta(days=30))
    changed["exercises"][0]["sets"] = changed["exercises"][0]["sets"][:1]
    page = [
        {"type": "updated", "workout": changed},
        {"type": "deleted", "id": "w2", "deleted_at": T0 + timedelta(days=30)},
        {"type": "deleted", "id": "unknown", "deleted_at": T0 + timedelta(days=30)},
    ]
    run3, _ = run_sync(connection, [page])
    assert (run3.created_count, run3.updated_count, run3.deleted_count) == (0, 1, 1)
    w1 = Workout.objects.get(user=connection.user, hevy_id="w1")
    assert w1.name == "Renamed"
    assert WorkoutSet.objects.filter(workout_exercise__workout=w1).count() == 1
    assert not Workout.objects.filter(hevy_id="w2").exists()


def test_newest_event_per_workout_wins_across_pages(connection):
    later = T0 + timedelta(days=10)
    pages = [
        [{"type": "deleted", "id": "w1", "deleted_at": later}],
        [{"type": "updated", "workout": hevy_workout("w1")}, {"type": "updated", "workout": hevy_workout("w1")}],
    ]
    run, _ = run_sync(connection, pages)
    assert not Workout.objects.filter(hevy_id="w1").exists()
    assert run.created_count == 0


def test_queries_per_page_do_not_grow_with_sets(connection, django_assert_max_num_queries):
    def page(prefix, sets):
        workouts = []
        for i in range(10):
            w = hevy_workout(f"{prefix}{i}", minutes=i)
            w["exercises"][0]["sets"] = [dict(w["exercises"][0]["sets"][0], index=n) for n in range(sets)]
            workouts.append({"type": "updated", "workout": w})
        return workouts

    run_sync(connection, [page("warm", 1)])  # the template mapping is stored
    with django_assert_max_num_queries(30) as small:
        run_sync(connection, [page("a", 2)])
    with django_assert_max_num_queries(30) as more:
        run_sync(connection, [page("b", 3)])
    assert len(more.captured_queries) == len(small.captured_queries)
    # 250 sets: the same, but for SQLite's own batching of one bulk insert (999 parameters a statement)
    with django_assert_max_num_queries(30):
        run_sync(connection, [page("c", 25)])


def test_events_in_the_same_second_follow_the_feed_order(connection):
    """Hevy may write one time in whole seconds and another with milliseconds: the feed's order decides."""
    updated = hevy_workout("w1", updated=T0.replace(microsecond=700000))
    pages = [[{"type": "deleted", "id": "w1", "deleted_at": T0}, {"type": "updated", "workout": updated}]]
    run, _ = run_sync(connection, pages)
    assert counts_of(run) == (0, 0, 0)
    assert not Workout.objects.filter(hevy_id="w1").exists()
    later = [[{"type": "deleted", "id": "w1", "deleted_at": T0}], [{"type": "updated", "workout": updated}]]
    run, _ = run_sync(connection, later)
    assert not Workout.objects.filter(hevy_id="w1").exists()


def counts_of(run):
    return run.created_count, run.updated_count, run.deleted_count
