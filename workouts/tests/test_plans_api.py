"""`plans/`: nested read and write, actions, today's workout, permissions and query counts."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from fitnesspr.tests.api import assert_error
from workouts.models import ExerciseType, Plan, PlanSet, PlanStatus
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
    WorkoutFactory,
    earlier_today,
)

pytestmark = pytest.mark.django_db

LIST = reverse("api:plan-list")
TODAY = reverse("api:plan-today")


def detail(plan) -> str:
    return reverse("api:plan-detail", args=[plan.pk])


def action(plan, name: str) -> str:
    return reverse(f"api:plan-{name}", args=[plan.pk])


@pytest.fixture
def bench(db):
    return ExerciseFactory(name="Bench Press")


def body_for(client, bench, **extra) -> dict:
    return {
        "client": str(client.pk),
        "name": "Strength block",
        "weeks": 6,
        "days": [
            {
                "name": "Push",
                "weekday": 0,
                "exercises": [
                    {
                        "exercise": str(bench.pk),
                        "rest_seconds": 120,
                        "sets": [
                            {"reps_min": 5, "reps_max": 5, "target_weight_kg": 80, "weight_increment_kg": 2.5},
                            {"reps_min": 8, "reps_max": 10, "target_rpe": 8.5, "set_type": "normal"},
                        ],
                    }
                ],
            },
            {"name": "Rest-ish", "exercises": []},
        ],
        **extra,
    }


def full_plan(client, author, *, days=1, exercises=1, sets=1, **kwargs) -> Plan:
    plan = PlanFactory(client=client, author=author, **kwargs)
    for d in range(days):
        day = PlanDayFactory(plan=plan, position=d)
        for e in range(exercises):
            item = PlanExerciseFactory(day=day, position=e)
            for s in range(sets):
                PlanSetFactory(plan_exercise=item, position=s)
    return plan


# --- Nested create, read, update -----------------------------------------------------------------


def test_trainer_creates_a_nested_plan_in_one_request(api, trainer, their_client, bench):
    response = api(trainer).post(LIST, body_for(their_client, bench), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["client"], body["author"], body["status"], body["is_template"]) == (
        str(their_client.pk),
        str(trainer.pk),
        "draft",
        False,
    )
    assert [day["name"] for day in body["days"]] == ["Push", "Rest-ish"]
    [item] = body["days"][0]["exercises"]
    assert (item["exercise"], item["exercise_name"], item["rest_seconds"]) == (str(bench.pk), "Bench Press", 120)
    assert [(s["position"], s["reps_min"], s["reps_max"]) for s in item["sets"]] == [(0, 5, 5), (1, 8, 10)]
    assert item["sets"][0]["target_weight_kg"] == 80.0
    assert item["sets"][0]["weight_increment_kg"] == 2.5
    assert item["sets"][1]["target_rpe"] == 8.5

    assert api(trainer).get(detail(Plan.objects.get())).json() == body


def test_validation_errors_name_the_nested_field(api, trainer, their_client, bench):
    body = body_for(their_client, bench)
    body["days"][0]["exercises"][0]["sets"][1]["reps_min"] = 12  # above reps_max 10
    body["days"][0]["exercises"][0]["sets"][0]["target_rpe"] = 11
    body["days"][1]["weekday"] = 7

    error = assert_error(api(trainer).post(LIST, body, format="json"), 400, "invalid")

    assert set(error["fields"]) == {
        "days.0.exercises.0.sets.1.reps_max",
        "days.0.exercises.0.sets.0.target_rpe",
        "days.1.weekday",
    }
    assert not Plan.objects.exists()


def test_shape_errors_name_the_nested_field_too(api, trainer, their_client, bench):
    body = body_for(their_client, bench)
    body["days"][0]["exercises"][0]["exercise"] = "not-a-uuid"
    body["days"][0]["exercises"][0]["sets"][0]["set_type"] = "mega"
    error = assert_error(api(trainer).post(LIST, body, format="json"), 400, "invalid")
    assert set(error["fields"]) == {"days.0.exercises.0.exercise", "days.0.exercises.0.sets.0.set_type"}


def test_an_exercise_the_client_cannot_see_is_refused(api, trainer, their_client, other_trainer):
    foreign = ExerciseFactory(owner=other_trainer)
    error = assert_error(api(trainer).post(LIST, body_for(their_client, foreign), format="json"), 400)
    assert error["fields"] == {"days.0.exercises.0.exercise": ["Choose an exercise from the library."]}


def test_measures_of_the_exercise_type(api, trainer, their_client):
    plank = ExerciseFactory(name="Plank", exercise_type=ExerciseType.DURATION)
    body = body_for(their_client, plank)
    error = assert_error(api(trainer).post(LIST, body, format="json"), 400)
    assert "days.0.exercises.0.sets.0.target_weight_kg" in error["fields"]

    body["days"][0]["exercises"][0]["sets"] = [{"duration_seconds": 60}, {}]
    assert api(trainer).post(LIST, body, format="json").status_code == 201


def test_put_replaces_the_structure_keeping_days_by_id(api, trainer, their_client, bench):
    created = api(trainer).post(LIST, body_for(their_client, bench), format="json").json()
    push_id = created["days"][0]["id"]
    plan = Plan.objects.get()

    response = api(trainer).put(
        detail(plan),
        {
            "name": "Block 2",
            "goal": "",
            "start_date": "2026-12-01",
            "weeks": 4,
            "notes": "",
            "days": [
                {"name": "Legs", "exercises": [{"exercise": str(bench.pk), "sets": [{"reps_min": 3}]}]},
                {"id": push_id, "name": "Push", "exercises": []},
            ],
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(d["name"], d["position"]) for d in body["days"]] == [("Legs", 0), ("Push", 1)]
    assert body["days"][1]["id"] == push_id
    assert body["days"][0]["exercises"][0]["sets"][0]["reps_max"] == 3
    assert (body["name"], body["start_date"], body["weeks"]) == ("Block 2", "2026-12-01", 4)


def test_patch_changes_fields_only(api, trainer, their_client, bench):
    api(trainer).post(LIST, body_for(their_client, bench), format="json")
    plan = Plan.objects.get()
    body = api(trainer).patch(detail(plan), {"notes": "Deload week 4"}, format="json").json()
    assert body["notes"] == "Deload week 4"
    assert len(body["days"]) == 2
    assert PlanSet.objects.count() == 2


def test_delete(api, trainer, their_client):
    plan = full_plan(their_client, trainer)
    assert api(trainer).delete(detail(plan)).status_code == 204
    assert not Plan.objects.exists()


def test_template_and_own_plan_creation(api, trainer, bench):
    body = body_for(ClientFactory(), bench, is_template=True)
    body.pop("client")
    response = api(trainer).post(LIST, body, format="json")
    assert response.status_code == 201 and response.json()["is_template"] is True

    solo = ClientFactory()
    body.pop("is_template")
    response = api(solo).post(LIST, body, format="json")
    assert response.status_code == 201
    assert response.json()["client"] == response.json()["author"] == str(solo.pk)


def test_a_client_with_a_trainer_cannot_create(api, their_client, bench):
    body = body_for(their_client, bench)
    body.pop("client")
    assert_error(api(their_client).post(LIST, body, format="json"), 403, "has_trainer")


def test_a_trainer_cannot_create_for_another_trainers_client(api, trainer, other_client, bench):
    error = assert_error(api(trainer).post(LIST, body_for(other_client, bench), format="json"), 400)
    assert "client" in error["fields"]
    assert not Plan.objects.exists()


# --- Actions ------------------------------------------------------------------------------------


def test_activate_asks_before_archiving(api, trainer, their_client):
    current = full_plan(their_client, trainer, name="Old", status=PlanStatus.ACTIVE)
    new = full_plan(their_client, trainer, status=PlanStatus.DRAFT)

    error = assert_error(api(trainer).post(action(new, "activate"), {}, format="json"), 409, "active_plan_exists")
    assert "Old" in error["message"]

    response = api(trainer).post(action(new, "activate"), {"archive_current": True}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "active"
    current.refresh_from_db()
    assert current.status == PlanStatus.ARCHIVED

    assert api(trainer).post(action(new, "archive")).json()["status"] == "archived"


def test_assign_a_template_to_several_clients(api, trainer, bench):
    template = TemplatePlanFactory(author=trainer)
    PlanSetFactory(plan_exercise=PlanExerciseFactory(day=PlanDayFactory(plan=template), exercise=bench))
    clients = [ClientFactory(display_name=name) for name in ("Ann", "Ben")]
    for client in clients:
        CoachingLinkFactory(trainer=trainer, client=client)
    full_plan(clients[1], trainer, name="Ben's current", status=PlanStatus.ACTIVE)
    payload = {"clients": [str(c.pk) for c in clients], "start_date": "2026-12-07", "activate": True}

    error = assert_error(api(trainer).post(action(template, "assign"), payload, format="json"), 409)
    assert "Ben's current" in error["message"]

    response = api(trainer).post(action(template, "assign"), {**payload, "archive_current": True}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(p["client_name"], p["status"], p["start_date"]) for p in body] == [
        ("Ann", "active", "2026-12-07"),
        ("Ben", "active", "2026-12-07"),
    ]
    assert body[0]["days"][0]["exercises"][0]["exercise"] == str(bench.pk)


def test_assign_refuses_a_stranger_client(api, trainer, other_client):
    template = TemplatePlanFactory(author=trainer)
    payload = {"clients": [str(other_client.pk)]}
    error = assert_error(api(trainer).post(action(template, "assign"), payload, format="json"), 400)
    assert "clients" in error["fields"]


def test_save_as_template(api, trainer, their_client):
    plan = full_plan(their_client, trainer, days=2)
    response = api(trainer).post(action(plan, "save-as-template"), {"name": "Base"}, format="json")
    assert response.status_code == 201
    assert (response.json()["is_template"], response.json()["name"], len(response.json()["days"])) == (
        True,
        "Base",
        2,
    )


def test_copy_week_appends_the_days_and_answers_the_plan(api, trainer, their_client):
    plan = full_plan(their_client, trainer, days=2, exercises=2, sets=2, status=PlanStatus.DRAFT)
    response = api(trainer).post(action(plan, "duplicate-week"))
    assert response.status_code == 200
    days = response.json()["days"]
    assert [(day["position"], day["weekday"]) for day in days][2:] == [(2, None), (3, None)]
    assert [day["name"] for day in days[2:]] == [f"{day['name']} (copy)" for day in days[:2]]
    assert [len(day["exercises"]) for day in days] == [2, 2, 2, 2]
    assert plan.days.count() == 4


def test_copy_week_by_the_owner_and_their_trainer_never_a_stranger(
    api, trainer, their_client, other_trainer, other_client
):
    solo = ClientFactory()  # a client without a trainer owns the plans they build
    own = full_plan(solo, solo, status=PlanStatus.DRAFT)
    assert api(solo).post(action(own, "duplicate-week")).status_code == 200
    coached = full_plan(their_client, trainer, status=PlanStatus.ACTIVE)
    assert api(trainer).post(action(coached, "duplicate-week")).status_code == 200
    for stranger in (other_trainer, other_client):
        assert_error(api(stranger).post(action(coached, "duplicate-week")), 404)
        assert_error(api(stranger).post(action(own, "duplicate-week")), 404)
    assert_error(api(their_client).post(action(coached, "duplicate-week")), 403)  # sees it, may not change it
    assert_error(api(None).post(action(coached, "duplicate-week")), 401)
    assert (own.days.count(), coached.days.count()) == (2, 2)


def test_copy_week_past_fourteen_days_or_without_days_is_refused(api, trainer, their_client):
    plan = full_plan(their_client, trainer, days=8, status=PlanStatus.DRAFT)
    error = assert_error(api(trainer).post(action(plan, "duplicate-week")), 400, "too_many_days")
    assert error["message"] == "A plan has at most 14 days; this would make 16."
    empty = PlanFactory(client=their_client, author=trainer, status=PlanStatus.DRAFT)
    assert_error(api(trainer).post(action(empty, "duplicate-week")), 400, "no_days")
    assert plan.days.count() == 8


def test_copy_week_is_described_in_the_schema(api, trainer):
    schema = api(trainer).get(reverse("schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/plans/{id}/duplicate-week/"]["post"]
    assert operation["summary"] == "Copy a plan's week"
    assert "too_many_days" in operation["description"] and "at most 14 days" in operation["description"]
    assert {"200", "400", "403", "404"} <= set(operation["responses"])


def test_today_for_the_client_and_their_trainer(api, trainer, their_client, bench):
    plan = PlanFactory(client=their_client, author=trainer, status=PlanStatus.ACTIVE, start_date=date(2020, 1, 6))
    day = PlanDayFactory(plan=plan, name="Every day")
    item = PlanExerciseFactory(day=day, exercise=bench)
    PlanSetFactory(plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=100, weight_increment_kg=1)

    body = api(their_client).get(TODAY).json()
    assert body["plan"]["id"] == str(plan.pk)
    assert body["plan_day"]["name"] == "Every day"
    assert body["week_number"] == 4  # the plan is long past its start: its last week
    [exercise] = body["exercises"]
    assert exercise["exercise_name"] == "Bench Press"
    assert exercise["targets"][0]["weight_kg"] == 102.5  # 103 kg rounded to the barbell's 2.5 kg step

    assert api(trainer).get(TODAY, {"client": str(their_client.pk)}).json() == body
    assert_error(api(trainer).get(TODAY), 400)


def test_today_without_an_active_plan(api, their_client):
    body = api(their_client).get(TODAY).json()
    assert (body["plan"], body["plan_day"], body["exercises"]) == (None, None, [])
    assert (body["done"], body["done_workout"], body["next_plan_day"]) == (False, None, None)


def test_today_once_finished_is_done_and_names_the_next_day(api, trainer, their_client, bench):
    plan = PlanFactory(client=their_client, author=trainer, status=PlanStatus.ACTIVE)
    push = PlanDayFactory(plan=plan, name="Push", position=0)
    pull = PlanDayFactory(plan=plan, name="Pull", position=1)
    body = api(their_client).get(TODAY).json()
    assert (body["plan_day"]["id"], body["done"], body["next_plan_day"]) == (str(push.pk), False, None)

    started = earlier_today(their_client)
    done = WorkoutFactory(user=their_client, plan_day=push, started_at=started, ended_at=timezone.now())
    body = api(their_client).get(TODAY).json()
    assert body["plan_day"]["id"] == str(push.pk)  # still today's, not the next day
    assert (body["done"], body["done_workout"], body["next_plan_day"]["id"]) == (True, str(done.pk), str(pull.pk))
    assert api(trainer).get(TODAY, {"client": str(their_client.pk)}).json() == body


# --- Permissions ---------------------------------------------------------------------------------


def test_who_sees_a_plan(api, trainer, their_client, other_trainer, other_client):
    plan = full_plan(their_client, trainer)
    assert api(their_client).get(detail(plan)).status_code == 200
    assert api(trainer).get(detail(plan)).status_code == 200
    assert_error(api(other_trainer).get(detail(plan)), 404)
    assert_error(api(other_client).get(detail(plan)), 404)
    assert_error(api(None).get(detail(plan)), 401)
    assert_error(api(trainer).get(reverse("api:plan-detail", args=["nope"])), 404)
    assert_error(api(trainer).get(reverse("api:plan-detail", args=[uuid.uuid4()])), 404)


def test_strangers_cannot_write_and_the_client_cannot_change_their_trainers_plan(
    api, trainer, their_client, other_trainer, other_client
):
    plan = full_plan(their_client, trainer, status=PlanStatus.DRAFT, name="Kept")
    plan.status = PlanStatus.ACTIVE
    plan.save()
    for user in (other_trainer, other_client):
        assert_error(api(user).patch(detail(plan), {"name": "Mine"}, format="json"), 404)
        assert_error(api(user).delete(detail(plan)), 404)
        assert_error(api(user).post(action(plan, "archive")), 404)
        assert_error(api(user).post(action(plan, "save-as-template")), 404)
    assert_error(api(their_client).patch(detail(plan), {"name": "Easier"}, format="json"), 403)
    assert_error(api(their_client).delete(detail(plan)), 403)
    assert_error(api(None).patch(detail(plan), {"name": "x"}, format="json"), 401)
    assert_error(api(other_trainer).get(TODAY, {"client": str(their_client.pk)}), 404)
    plan.refresh_from_db()
    assert (plan.name, plan.status) == ("Kept", PlanStatus.ACTIVE)


def test_another_trainers_template_is_invisible(api, trainer, other_trainer, other_client):
    template = TemplatePlanFactory(author=trainer)
    assert_error(api(other_trainer).get(detail(template)), 404)
    assert_error(
        api(other_trainer).post(action(template, "assign"), {"clients": [str(other_client.pk)]}, format="json"), 404
    )


def test_filters_and_ordering(api, trainer, their_client):
    full_plan(their_client, trainer, name="B", status=PlanStatus.ACTIVE)
    full_plan(their_client, trainer, name="A", status=PlanStatus.ARCHIVED)
    TemplatePlanFactory(author=trainer, name="T")
    trainer_api = api(trainer)

    def names(**params):
        return [p["name"] for p in trainer_api.get(LIST, params).json()["results"]]

    assert names(ordering="name") == ["A", "B", "T"]
    assert names(is_template="true") == ["T"]
    assert names(status="active") == ["B"]
    assert names(client=str(their_client.pk), ordering="-name") == ["B", "A"]
    assert_error(trainer_api.get(LIST, {"is_template": "maybe"}), 400)


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(("plans", "size"), [(1, 1), (4, 3)])
def test_list_query_count_does_not_grow(api, trainer, their_client, plans, size, django_assert_num_queries):
    for _ in range(plans):
        full_plan(their_client, trainer, days=size, exercises=size, sets=size, status=PlanStatus.DRAFT)
    trainer_api = api(trainer)
    # count (1), the page of plans with client and author (1), sets (1), days with their exercises (1)
    with django_assert_num_queries(4):
        response = trainer_api.get(LIST)
    assert response.json()["count"] == plans


@pytest.mark.parametrize("size", [1, 4])
def test_detail_query_count_does_not_grow(api, trainer, their_client, size, django_assert_num_queries):
    plan = full_plan(their_client, trainer, days=size, exercises=size, sets=size)
    trainer_api = api(trainer)
    # the plan with client and author through the access check (1), sets (1), days with their exercises (1)
    with django_assert_num_queries(3):
        response = trainer_api.get(detail(plan))
    assert len(response.json()["days"]) == size


def test_anonymous_and_role_checks(api, trainer, their_client, other_client, bench):
    assert_error(api(None).get(LIST), 401)
    assert_error(api(None).post(LIST, body_for(their_client, bench), format="json"), 401)
    assert_error(api(None).get(TODAY), 401)
    # A client cannot ask for another client's workout of the day.
    assert_error(api(their_client).get(TODAY, {"client": str(other_client.pk)}), 404)
    assert api(other_client).get(LIST).json()["count"] == 0
