"""Pushing plans to Hevy (integrations.hevy.push.plans.plan_push) against the fake Hevy server: its strict validation
rejects any body HEVY_API.md does not allow, so a push that succeeds sent exactly the allowed fields."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fitnesspr.errors import ApplicationError, ForbiddenError
from integrations.hevy.push.plans import plan_push
from integrations.models import ConnectionStatus, HevyConnection, HevyExerciseMapping, HevyPlanFolder, HevyRoutine
from workouts.models import Exercise, ExerciseType, PlanSet
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
)

pytestmark = pytest.mark.django_db


def connect(user, fake, **extra) -> HevyConnection:
    return HevyConnection.objects.create(
        user=user, api_key=fake.api_key, key_last4=fake.api_key[-4:], hevy_user_name="Hevy Tester", **extra
    )


@pytest.fixture
def plan(trainer, their_client):
    """Push A: bench (a Hevy built-in) with a fixed and a ranged set + the trainer's custom sled drag;
    Legs: squat; Rest: no exercises."""
    plan = PlanFactory(client=their_client, author=trainer, name="Block 1")
    push = PlanDayFactory(plan=plan, position=0, name="Push A", notes="Heavy day")
    bench = PlanExerciseFactory(
        day=push, position=0, exercise=Exercise.objects.get(name="Bench Press (Barbell)", owner=None), rest_seconds=150
    )
    PlanSetFactory(plan_exercise=bench, position=0, reps_min=5, reps_max=5, target_weight_kg=80, target_rpe=8)
    PlanSetFactory(plan_exercise=bench, position=1, reps_min=8, reps_max=12, target_weight_kg=Decimal("62.5"))
    sled = ExerciseFactory(
        name="Sled Drag", owner=trainer, equipment="other", primary_muscle="quadriceps", secondary_muscles=["glutes"]
    )
    drag = PlanExerciseFactory(day=push, position=1, exercise=sled, superset_group=1, notes="Outside")
    PlanSetFactory(plan_exercise=drag, position=0, reps_min=10, reps_max=10, target_weight_kg=40)
    legs = PlanDayFactory(plan=plan, position=1, name="Legs")
    squat = PlanExerciseFactory(day=legs, exercise=Exercise.objects.get(name="Squat (Barbell)", owner=None))
    PlanSetFactory(plan_exercise=squat, reps_min=3, reps_max=5, target_weight_kg=120)
    PlanDayFactory(plan=plan, position=2, name="Rest")
    return plan


def test_push_creates_a_folder_a_custom_exercise_and_a_routine_per_day(fake_hevy, trainer, their_client, plan):
    connection = connect(their_client, fake_hevy)

    result = plan_push(user=trainer, plan=plan)

    # one folder named after the plan; its integer id stored
    (folder,) = fake_hevy.folders.values()
    assert folder["title"] == "Block 1"
    assert result.folder_created and result.folder_id == folder["id"]
    assert HevyPlanFolder.objects.get(plan=plan).folder_id == folder["id"]

    # the custom exercise was made in Hevy first, with our vocabulary, and remembered for the client's account
    (template_post,) = fake_hevy.requests("POST", "/v1/exercise_templates")
    assert template_post.body == {
        "exercise": {
            "title": "Sled Drag",
            "exercise_type": "weight_reps",
            "equipment_category": "other",
            "muscle_group": "quadriceps",
            "other_muscles": ["glutes"],
        }
    }
    assert result.custom_exercises_created == ["Sled Drag"]
    sled_template = HevyExerciseMapping.objects.get(exercise__name="Sled Drag", user=their_client).template_id
    assert fake_hevy.templates[sled_template]["is_custom"] is True
    # built-ins looked up by title once and stored for everyone
    assert len(fake_hevy.requests("GET", "/v1/exercise_templates")) == 1
    assert set(HevyExerciseMapping.objects.filter(user=None).values_list("template_id", flat=True)) == {
        "79D0BB3A",
        "D04AC939",
    }
    log = [(r.method, r.path) for r in fake_hevy.log]
    assert log.index(("POST", "/v1/exercise_templates")) < log.index(("POST", "/v1/routines"))

    # one routine per day with exercises, with exactly the body HEVY_API.md demands
    posts = fake_hevy.requests("POST", "/v1/routines")
    assert [p.status for p in posts] == [200, 200]
    assert posts[0].body == {
        "routine": {
            "title": "Push A",
            "folder_id": folder["id"],
            "notes": "Heavy day",
            "exercises": [
                {
                    "exercise_template_id": "79D0BB3A",
                    "superset_id": None,
                    "rest_seconds": 150,
                    "notes": "Target RPE: 8 / -",
                    "sets": [
                        {
                            "type": "normal",
                            "weight_kg": 80,
                            "reps": 5,
                            "distance_meters": None,
                            "duration_seconds": None,
                            "custom_metric": None,
                        },
                        {
                            "type": "normal",
                            "weight_kg": 62.5,
                            "reps": None,
                            "distance_meters": None,
                            "duration_seconds": None,
                            "custom_metric": None,
                            "rep_range": {"start": 8, "end": 12},
                        },
                    ],
                },
                {
                    "exercise_template_id": sled_template,
                    "superset_id": 1,
                    "rest_seconds": 90,
                    "notes": "Outside",
                    "sets": [
                        {
                            "type": "normal",
                            "weight_kg": 40,
                            "reps": 10,
                            "distance_meters": None,
                            "duration_seconds": None,
                            "custom_metric": None,
                        }
                    ],
                },
            ],
        }
    }
    assert posts[1].body["routine"]["title"] == "Legs"
    assert posts[1].body["routine"]["exercises"][0]["sets"][0]["rep_range"] == {"start": 3, "end": 5}

    assert len(fake_hevy.routines) == 2
    assert {r["folder_id"] for r in fake_hevy.routines.values()} == {folder["id"]}
    stored = dict(HevyRoutine.objects.filter(plan_day__plan=plan).values_list("plan_day__name", "routine_id"))
    assert set(stored) == {"Push A", "Legs"}
    assert set(stored.values()) == set(fake_hevy.routines)
    assert [(r.name, r.action) for r in result.routines] == [("Push A", "created"), ("Legs", "created")]
    assert result.skipped_days == ["Rest"]
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.VALID


def test_push_again_updates_the_same_routines_and_adds_new_days(fake_hevy, trainer, their_client, plan):
    connect(their_client, fake_hevy)
    first = plan_push(user=trainer, plan=plan)
    routine_ids = {r.name: r.routine_id for r in first.routines}
    fake_hevy.log.clear()

    bench_set = plan.days.get(name="Push A").exercises.get(position=0).sets.get(position=0)
    bench_set.target_weight_kg = Decimal("82.5")
    bench_set.save()
    pull = PlanDayFactory(plan=plan, position=3, name="Pull")
    PlanSetFactory(
        plan_exercise=PlanExerciseFactory(
            day=pull, exercise=Exercise.objects.get(name="Deadlift (Barbell)", owner=None)
        ),
        reps_min=5,
        reps_max=5,
    )

    second = plan_push(user=their_client, plan=plan)  # the client may push their own plan too

    assert not second.folder_created and second.folder_id == first.folder_id
    assert fake_hevy.requests("POST", "/v1/routine_folders") == []
    assert fake_hevy.requests("POST", "/v1/exercise_templates") == []  # the custom exercise is remembered
    puts = fake_hevy.requests("PUT", "/v1/routines/*")
    assert sorted(p.path.rsplit("/", 1)[1] for p in puts) == sorted(routine_ids.values())
    for put in puts:
        assert "folder_id" not in put.body["routine"]  # PUT rejects it
    (post,) = fake_hevy.requests("POST", "/v1/routines")
    assert post.body["routine"]["title"] == "Pull" and post.body["routine"]["folder_id"] == first.folder_id
    assert len(fake_hevy.routines) == 3
    assert fake_hevy.routines[routine_ids["Push A"]]["exercises"][0]["sets"][0]["weight_kg"] == 82.5
    assert [(r.name, r.action) for r in second.routines] == [
        ("Push A", "updated"),
        ("Legs", "updated"),
        ("Pull", "created"),
    ]
    assert {r.routine_id for r in second.routines if r.name != "Pull"} == set(routine_ids.values())
    assert HevyRoutine.objects.filter(plan_day__plan=plan).count() == 3


def test_a_routine_deleted_in_the_hevy_app_is_created_again(fake_hevy, trainer, their_client, plan):
    connect(their_client, fake_hevy)
    first = plan_push(user=trainer, plan=plan)
    gone = first.routines[0].routine_id
    del fake_hevy.routines[gone]

    second = plan_push(user=trainer, plan=plan)

    assert second.routines[0].action == "created" and second.routines[0].routine_id != gone
    assert HevyRoutine.objects.get(plan_day__name="Push A").routine_id == second.routines[0].routine_id
    assert len(fake_hevy.routines) == 2


@pytest.mark.parametrize("answer", ["empty", "idless", "object"])
def test_an_empty_or_idless_answer_finds_the_routine_in_the_folder(fake_hevy, trainer, their_client, plan, answer):
    connect(their_client, fake_hevy)
    fake_hevy.routine_answer = answer

    result = plan_push(user=trainer, plan=plan)

    assert {r.routine_id for r in result.routines} == set(fake_hevy.routines)
    assert HevyRoutine.objects.filter(plan_day__plan=plan).count() == 2
    # and the next push updates them
    assert [r.action for r in plan_push(user=trainer, plan=plan).routines] == ["updated", "updated"]
    assert len(fake_hevy.routines) == 2


def test_a_custom_exercise_answered_as_plain_text_and_an_existing_custom_template(
    fake_hevy, trainer, their_client, plan
):
    connect(their_client, fake_hevy)
    fake_hevy.template_answer = "text"
    own = fake_hevy.add_template(title="sled drag", equipment_category="other")  # already in their Hevy account

    plan_push(user=trainer, plan=plan)

    assert fake_hevy.requests("POST", "/v1/exercise_templates") == []
    assert HevyExerciseMapping.objects.get(user=their_client, exercise__name="Sled Drag").template_id == own["id"]

    other = PlanExerciseFactory(
        day=plan.days.get(name="Legs"),
        position=5,
        exercise=ExerciseFactory(name="Nordic Curl", owner=trainer, exercise_type=ExerciseType.REPS_ONLY),
    )
    PlanSetFactory(plan_exercise=other, reps_min=5, reps_max=5, target_weight_kg=None)
    plan_push(user=trainer, plan=plan)
    made = HevyExerciseMapping.objects.get(user=their_client, exercise__name="Nordic Curl").template_id
    assert fake_hevy.templates[made]["title"] == "Nordic Curl"  # the plain-text id was read


def test_routine_limit_403_is_a_clear_error_and_the_next_push_does_not_duplicate(
    fake_hevy, trainer, their_client, plan
):
    connect(their_client, fake_hevy)
    fake_hevy.routine_limit = 1

    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=plan)

    assert caught.value.code == "hevy_limit" and caught.value.status_code == 409
    assert "limit" in caught.value.message and "Legs" in caught.value.message
    # what Hevy made before the limit is kept
    assert HevyPlanFolder.objects.filter(plan=plan).exists()
    assert list(HevyRoutine.objects.values_list("plan_day__name", flat=True)) == ["Push A"]

    fake_hevy.routine_limit = None
    result = plan_push(user=trainer, plan=plan)
    assert [(r.name, r.action) for r in result.routines] == [("Push A", "updated"), ("Legs", "created")]
    assert len(fake_hevy.routines) == 2 and len(fake_hevy.folders) == 1


def test_custom_exercise_limit_403_is_a_clear_error(fake_hevy, trainer, their_client, plan):
    connect(their_client, fake_hevy)
    fake_hevy.custom_template_limit = 0

    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=plan)

    assert caught.value.code == "hevy_limit"
    assert "Sled Drag" in caught.value.message and "limit" in caught.value.message
    assert fake_hevy.routines == {} and fake_hevy.folders == {}  # nothing half-made


def test_hevy_down_is_a_clear_error(fake_hevy, trainer, their_client, plan):
    connect(their_client, fake_hevy)
    fake_hevy.fail_next(500, path="/v1/routines", method="POST")

    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=plan)

    assert caught.value.code == "hevy_unavailable" and caught.value.status_code == 502


def test_a_rejected_key_marks_the_connection_invalid(fake_hevy, trainer, their_client, plan):
    connection = connect(their_client, fake_hevy)
    fake_hevy.fail_next(401)

    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=plan)

    assert caught.value.code == "hevy_key_invalid"
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.INVALID


def test_the_clients_connection_is_needed(fake_hevy, trainer, their_client, plan):
    connect(trainer, fake_hevy)  # the trainer's own Hevy account is never used

    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=plan)
    assert caught.value.code == "hevy_not_connected"
    assert their_client.display_name in caught.value.message and their_client.email not in caught.value.message

    connect(their_client, fake_hevy, status=ConnectionStatus.INVALID)
    with pytest.raises(ApplicationError) as caught:
        plan_push(user=their_client, plan=plan)
    assert caught.value.code == "hevy_key_invalid"
    assert fake_hevy.log == []


def test_a_template_cannot_be_pushed(fake_hevy, trainer):
    template = TemplatePlanFactory(author=trainer)
    with pytest.raises(ApplicationError) as caught:
        plan_push(user=trainer, plan=template)
    assert caught.value.code == "plan_is_template"


def test_only_the_client_and_their_trainer_may_push(fake_hevy, plan, their_client, other_trainer, other_client):
    connect(their_client, fake_hevy)
    for stranger in (other_trainer, other_client):
        with pytest.raises(ForbiddenError):
            plan_push(user=stranger, plan=plan)
    assert fake_hevy.log == []


def test_a_custom_exercise_named_like_a_hevy_builtin_maps_for_that_account_only(fake_hevy, trainer, their_client):
    connect(their_client, fake_hevy)
    plan = PlanFactory(client=their_client, author=trainer)
    day = PlanDayFactory(plan=plan)
    own_pull_up = ExerciseFactory(name="Pull Up", owner=trainer, equipment="none", exercise_type="bodyweight_reps")
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day=day, exercise=own_pull_up), target_weight_kg=None)

    plan_push(user=trainer, plan=plan)

    assert fake_hevy.requests("POST", "/v1/exercise_templates") == []
    (post,) = fake_hevy.requests("POST", "/v1/routines")
    assert post.body["routine"]["exercises"][0]["exercise_template_id"] == "1B2B1E7C"
    mapping = HevyExerciseMapping.objects.get(template_id="1B2B1E7C")
    assert mapping.user == their_client and mapping.exercise == own_pull_up  # never shared with everyone


def _sized_plan(trainer, their_client, *, exercises, sets):
    plan = PlanFactory(client=their_client, author=trainer)
    library = list(Exercise.objects.filter(owner=None, name__in=["Bench Press (Barbell)", "Squat (Barbell)"]))
    for position in range(2):
        day = PlanDayFactory(plan=plan, position=position)
        for number in range(exercises):
            item = PlanExerciseFactory(day=day, position=number, exercise=library[number % 2])
            for set_number in range(sets):
                PlanSetFactory(plan_exercise=item, position=set_number)
    return plan


@pytest.mark.parametrize(("exercises", "sets"), [(1, 1), (4, 5)])
def test_a_repush_reads_the_plan_in_constant_queries(
    fake_hevy, trainer, their_client, django_assert_num_queries, exercises, sets
):
    connect(their_client, fake_hevy)
    plan = _sized_plan(trainer, their_client, exercises=exercises, sets=sets)
    plan_push(user=trainer, plan=plan)
    plan = type(plan).objects.get(pk=plan.pk)

    # coaching link (may the trainer push?), client, connection, days (+ stored routines), exercises (+ their
    # exercise), sets, stored mappings, folder, the client's weight steps (targets rounded as they load them);
    # then per day: its stored routine updated; the folder's pushed_at
    with django_assert_num_queries(9 + 2 + 1):
        result = plan_push(user=trainer, plan=plan)
    assert [r.action for r in result.routines] == ["updated", "updated"]


def test_the_current_weeks_targets_are_sent(fake_hevy, trainer, their_client, plan):
    connect(their_client, fake_hevy)
    plan.start_date = timezone.localdate() - timedelta(days=15)  # week 3
    plan.save()
    PlanSet.objects.filter(plan_exercise__day__plan=plan).update(weight_increment_kg=Decimal("2.5"))

    result = plan_push(user=trainer, plan=plan)

    assert result.week == 3
    sets = fake_hevy.requests("POST", "/v1/routines")[0].body["routine"]["exercises"][0]["sets"]
    assert [s["weight_kg"] for s in sets] == [85, 67.5]
