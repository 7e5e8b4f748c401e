"""Plan services: who may write, validation of targets, structure edits, activation, templates and bulk assign."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from workouts.models import ExerciseType, Plan, PlanDay, PlanExercise, PlanSet, PlanStatus
from workouts.services import plans as services
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
    WorkoutFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench(db):
    return ExerciseFactory(name="Bench Press")


@pytest.fixture
def run(db):
    return ExerciseFactory(name="Run", equipment="none", exercise_type=ExerciseType.DISTANCE_DURATION)


def nested(exercise, *, days=1, exercises=1, sets=1) -> list[dict]:
    return [
        {
            "name": f"Day {d}",
            "exercises": [
                {"exercise": exercise.pk, "sets": [{"reps_min": 8, "reps_max": 10, "target_weight_kg": "60"}] * sets}
            ]
            * exercises,
        }
        for d in range(days)
    ]


def client_plan(trainer, client, **kwargs) -> Plan:
    return PlanFactory(client=client, author=trainer, **kwargs)


# --- Creating ------------------------------------------------------------------------------------


def test_trainer_creates_a_plan_for_a_client_with_its_structure(trainer, their_client, bench):
    plan = services.plan_create(
        actor=trainer,
        client=their_client,
        data={"name": " Strength ", "weeks": 6},
        days=nested(bench, days=2, exercises=2, sets=3),
    )

    assert (plan.name, plan.weeks, plan.status, plan.author, plan.is_template) == (
        "Strength",
        6,
        PlanStatus.DRAFT,
        trainer,
        False,
    )
    assert list(plan.days.order_by("position").values_list("position", "name")) == [(0, "Day 0"), (1, "Day 1")]
    assert PlanExercise.objects.filter(day__plan=plan).count() == 4
    assert PlanSet.objects.filter(plan_exercise__day__plan=plan).count() == 12


def test_trainer_creates_a_template(trainer, bench):
    plan = services.plan_create(actor=trainer, client=None, data={"name": "PPL"}, days=nested(bench))
    assert plan.is_template and plan.client is None


def test_a_client_cannot_create_a_template(their_client):
    with pytest.raises(ForbiddenError):
        services.plan_create(actor=their_client, client=None, data={"name": "PPL"})


def test_a_client_without_a_trainer_builds_their_own_plan(bench):
    solo = ClientFactory()
    plan = services.plan_create(actor=solo, client=solo, data={"name": "Mine"}, days=nested(bench))
    assert plan.client == solo and plan.author == solo


def test_a_client_with_a_trainer_cannot_create_plans(their_client):
    with pytest.raises(ForbiddenError) as error:
        services.plan_create(actor=their_client, client=their_client, data={"name": "Mine"})
    assert error.value.code == "has_trainer"


def test_a_trainer_cannot_create_a_plan_for_another_trainers_client(trainer, other_client):
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=other_client, data={"name": "Sneaky"})
    assert "client" in error.value.fields
    assert not Plan.objects.exists()


def test_exercises_must_be_visible_to_the_client_and_the_trainer(trainer, their_client, other_trainer):
    foreign = ExerciseFactory(owner=other_trainer)
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=their_client, data={"name": "X"}, days=nested(foreign))
    assert error.value.fields == {"days.0.exercises.0.exercise": ["Choose an exercise from the library."]}
    assert not Plan.objects.exists()


def test_nested_validation_errors_are_named_by_path(trainer, their_client, bench, run):
    days = [
        {"name": "", "exercises": []},
        {
            "name": "B",
            "weekday": 9,
            "exercises": [
                {"exercise": bench.pk, "sets": [{"reps_min": 10, "reps_max": 8}, {"target_rpe": "7.3"}]},
                {"exercise": run.pk, "rest_seconds": 5000, "sets": [{"target_weight_kg": 20, "distance_m": -1}]},
            ],
        },
    ]
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=their_client, data={"name": "X"}, days=days)

    fields = error.value.fields
    assert set(fields) == {
        "days.0.name",
        "days.1.weekday",
        "days.1.exercises.0.sets.0.reps_max",
        "days.1.exercises.0.sets.1.target_rpe",
        "days.1.exercises.1.rest_seconds",
        "days.1.exercises.1.sets.0.distance_m",
    }
    assert "steps of 0.5" in fields["days.1.exercises.0.sets.1.target_rpe"][0]


def test_a_measure_the_exercise_does_not_use_is_refused(trainer, their_client, run):
    days = [{"name": "A", "exercises": [{"exercise": run.pk, "sets": [{"target_weight_kg": 20}]}]}]
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=their_client, data={"name": "X"}, days=days)
    assert error.value.fields == {
        "days.0.exercises.0.sets.0.target_weight_kg": ["A distance and duration exercise has no weight target."]
    }


def test_plan_fields_are_validated(trainer, their_client):
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=their_client, data={"name": "", "weeks": 0})
    assert set(error.value.fields) == {"name", "weeks"}


# --- Updating the structure ----------------------------------------------------------------------


def test_update_replaces_the_structure_and_keeps_days_given_by_id(trainer, their_client, bench):
    plan = services.plan_create(actor=trainer, client=their_client, data={"name": "X"}, days=nested(bench, days=2))
    first, second = plan.days.order_by("position")
    workout = WorkoutFactory(user=their_client, plan_day=first)

    services.plan_update(
        actor=trainer,
        plan=plan,
        data={"name": "Y"},
        days=[
            {"name": "New", "exercises": []},
            {"id": str(first.pk), "name": "First again", "exercises": [{"exercise": bench.pk, "sets": []}]},
        ],
    )

    days = list(plan.days.order_by("position"))
    assert [day.name for day in days] == ["New", "First again"]
    assert days[1].pk == first.pk
    assert not PlanDay.objects.filter(pk=second.pk).exists()
    workout.refresh_from_db()
    assert workout.plan_day_id == first.pk
    assert PlanSet.objects.filter(plan_exercise__day__plan=plan).count() == 0
    plan.refresh_from_db()
    assert plan.name == "Y"


def test_days_are_added_moved_reordered_and_deleted(trainer, their_client):
    plan = client_plan(trainer, their_client)
    a = services.plan_day_add(actor=trainer, plan=plan, data={"name": "A"})
    b = services.plan_day_add(actor=trainer, plan=plan, data={"name": "B", "weekday": 2})
    c = services.plan_day_add(actor=trainer, plan=plan, data={"name": "C"})
    assert (a.position, b.position, c.position) == (0, 1, 2)

    services.plan_day_move(actor=trainer, day=c, offset=-1)
    assert list(plan.days.order_by("position").values_list("name", flat=True)) == ["A", "C", "B"]

    services.plan_days_reorder(actor=trainer, plan=plan, order=[b.pk, a.pk, c.pk])
    assert list(plan.days.order_by("position").values_list("name", flat=True)) == ["B", "A", "C"]

    with pytest.raises(ApplicationError):
        services.plan_days_reorder(actor=trainer, plan=plan, order=[b.pk, a.pk])

    services.plan_day_update(actor=trainer, day=a, data={"name": "Legs"})
    services.plan_day_delete(actor=trainer, day=b)
    assert list(plan.days.order_by("position").values_list("position", "name")) == [(0, "Legs"), (1, "C")]


def test_exercises_and_sets_are_added_updated_and_deleted(trainer, their_client, bench):
    plan = client_plan(trainer, their_client)
    day = PlanDayFactory(plan=plan)
    item = services.plan_exercise_add(
        actor=trainer, day=day, exercise=bench.pk, data={"rest_seconds": 120}, sets=[{"reps_min": 5}] * 3
    )
    assert item.rest_seconds == 120
    assert list(item.sets.values_list("position", "reps_min", "reps_max")) == [(0, 5, 5), (1, 5, 5), (2, 5, 5)]

    extra = services.plan_set_add(actor=trainer, plan_exercise=item)
    assert (extra.position, extra.reps_min) == (3, 5)

    updated = services.plan_set_update(
        actor=trainer, plan_set=extra, data={"reps_min": 6, "reps_max": 8, "weight_increment_kg": Decimal("2.5")}
    )
    assert (updated.reps_min, updated.reps_max, updated.weight_increment_kg) == (6, 8, Decimal("2.5"))

    with pytest.raises(ApplicationError) as error:
        services.plan_set_update(actor=trainer, plan_set=extra, data={"reps_increment": -1})
    assert set(error.value.fields) == {"reps_increment"}

    services.plan_set_delete(actor=trainer, plan_set=item.sets.get(position=0))
    assert list(item.sets.values_list("position", flat=True)) == [0, 1, 2]

    second = services.plan_exercise_add(actor=trainer, day=day, exercise=bench)
    services.plan_exercise_move(actor=trainer, plan_exercise=second, offset=-1)
    assert list(day.exercises.order_by("position").values_list("pk", flat=True)) == [second.pk, item.pk]
    services.plan_exercise_update(actor=trainer, plan_exercise=second, data={"superset_group": 1, "notes": "slow"})
    services.plan_exercise_delete(actor=trainer, plan_exercise=item)
    assert list(day.exercises.values_list("position", "superset_group")) == [(0, 1)]


def test_swapping_to_an_exercise_whose_type_does_not_fit_the_sets_is_refused(trainer, their_client, bench, run):
    plan = client_plan(trainer, their_client)
    item = PlanExerciseFactory(day=PlanDayFactory(plan=plan), exercise=bench)
    PlanSetFactory(plan_exercise=item)  # 60 kg, 8-10 reps

    with pytest.raises(ApplicationError) as error:
        services.plan_exercise_update(actor=trainer, plan_exercise=item, data={"exercise": run.pk})
    assert "exercise" in error.value.fields
    item.refresh_from_db()
    assert item.exercise == bench


def test_another_trainer_cannot_touch_a_plan(trainer, their_client, other_trainer, bench):
    plan = client_plan(trainer, their_client)
    day = PlanDayFactory(plan=plan)
    with pytest.raises(ForbiddenError):
        services.plan_update(actor=other_trainer, plan=plan, data={"name": "Mine"})
    with pytest.raises(ForbiddenError):
        services.plan_day_add(actor=other_trainer, plan=plan, data={"name": "X"})
    with pytest.raises(ForbiddenError):
        services.plan_exercise_add(actor=other_trainer, day=day, exercise=bench)
    with pytest.raises(ForbiddenError):
        services.plan_delete(actor=other_trainer, plan=plan)
    assert Plan.objects.filter(pk=plan.pk, name=plan.name).exists()


def test_a_client_cannot_change_their_trainers_plan(trainer, their_client):
    plan = client_plan(trainer, their_client)
    with pytest.raises(ForbiddenError):
        services.plan_update(actor=their_client, plan=plan, data={"name": "Easier"})


# --- Activation ---------------------------------------------------------------------------------


def test_activating_when_another_plan_is_active_needs_confirmation(trainer, their_client):
    current = client_plan(trainer, their_client, name="Old block", status=PlanStatus.ACTIVE)
    new = client_plan(trainer, their_client, status=PlanStatus.DRAFT)

    with pytest.raises(ConflictError) as error:
        services.plan_activate(actor=trainer, plan=new)
    assert error.value.code == "active_plan_exists"
    assert "Old block" in error.value.message
    assert error.value.extra["current_plan"] == current

    services.plan_activate(actor=trainer, plan=new, archive_current=True)
    current.refresh_from_db()
    new.refresh_from_db()
    assert (current.status, new.status) == (PlanStatus.ARCHIVED, PlanStatus.ACTIVE)
    assert new.start_date is not None


def test_a_template_cannot_be_activated(trainer):
    with pytest.raises(ApplicationError):
        services.plan_activate(actor=trainer, plan=TemplatePlanFactory(author=trainer))


def test_archive(trainer, their_client):
    plan = client_plan(trainer, their_client)
    services.plan_archive(actor=trainer, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ARCHIVED


# --- Templates ----------------------------------------------------------------------------------


def template_with(trainer, exercise, *, days, exercises, sets) -> Plan:
    return services.plan_create(
        actor=trainer,
        client=None,
        data={"name": "Template", "weeks": 8, "goal": "build_muscle"},
        days=nested(exercise, days=days, exercises=exercises, sets=sets),
    )


def clients_of(trainer, count: int) -> list:
    clients = [ClientFactory() for _ in range(count)]
    for client in clients:
        CoachingLinkFactory(trainer=trainer, client=client)
    return clients


def test_assign_copies_the_template_to_every_client(trainer, bench):
    template = template_with(trainer, bench, days=2, exercises=2, sets=3)
    clients = clients_of(trainer, 3)

    plans = services.plan_assign_template(trainer=trainer, template=template, clients=clients, activate=True)

    assert {plan.client for plan in plans} == set(clients)
    for plan in plans:
        plan = Plan.objects.get(pk=plan.pk)
        assert (plan.status, plan.copied_from, plan.weeks, plan.goal) == (
            PlanStatus.ACTIVE,
            template,
            8,
            "build_muscle",
        )
        assert plan.days.count() == 2
        assert PlanSet.objects.filter(plan_exercise__day__plan=plan, reps_min=8, reps_max=10).count() == 12
    assert template.days.count() == 2  # the template itself is untouched


@pytest.mark.parametrize(
    ("client_count", "size"),
    [(1, (1, 1, 1)), (5, (1, 1, 1)), (1, (2, 3, 2)), (5, (2, 3, 2))],
)
def test_assign_query_count_does_not_grow_with_clients_or_template_size(trainer, bench, client_count, size):
    """Queries: the service's savepoint and its release (2); the coaching links (1); the template, its days,
    exercises and sets (4); the exercises' visibility (1); the clients' active plans, locked (1), archiving them
    (1); a savepoint, one INSERT of the plans and its release (3); one INSERT each of days, exercises and sets (3).
    (SQLite splits a level into batches of 999 parameters; these sizes fit in one.)"""
    days, exercises, sets = size
    template = template_with(trainer, bench, days=days, exercises=exercises, sets=sets)
    clients = clients_of(trainer, client_count)
    for client in clients:
        client_plan(trainer, client, status=PlanStatus.ACTIVE)

    with CaptureQueriesContext(connection) as queries:
        services.plan_assign_template(
            trainer=trainer, template=template, clients=clients, activate=True, archive_current=True
        )

    assert len(queries) == 16, [query["sql"][:60] for query in queries]
    assert Plan.objects.filter(status=PlanStatus.ACTIVE, copied_from=template).count() == client_count
    assert PlanSet.objects.filter(plan_exercise__day__plan__copied_from=template).count() == (
        client_count * days * exercises * sets
    )


def test_assign_asks_before_archiving_active_plans(trainer, bench):
    template = template_with(trainer, bench, days=1, exercises=1, sets=1)
    free, busy = clients_of(trainer, 2)
    current = client_plan(trainer, busy, name="Current block", status=PlanStatus.ACTIVE)

    with pytest.raises(ConflictError) as error:
        services.plan_assign_template(trainer=trainer, template=template, clients=[free, busy], activate=True)
    assert error.value.code == "active_plan_exists"
    assert list(error.value.extra["current_plans"]) == [busy.pk]
    assert "Current block" in error.value.message
    assert not Plan.objects.filter(copied_from=template).exists()

    # Without activation, nothing conflicts: drafts are made.
    drafts = services.plan_assign_template(trainer=trainer, template=template, clients=[free, busy])
    assert {plan.status for plan in drafts} == {PlanStatus.DRAFT}
    current.refresh_from_db()
    assert current.status == PlanStatus.ACTIVE


def test_assign_refuses_clients_of_another_trainer_and_other_templates(trainer, bench, other_trainer, other_client):
    template = template_with(trainer, bench, days=1, exercises=1, sets=1)
    with pytest.raises(ApplicationError) as error:
        services.plan_assign_template(trainer=trainer, template=template, clients=[other_client])
    assert "clients" in error.value.fields
    with pytest.raises(ForbiddenError):
        services.plan_assign_template(trainer=other_trainer, template=template, clients=[other_client])
    with pytest.raises(ApplicationError):
        services.plan_assign_template(trainer=trainer, template=template, clients=[])
    assert not Plan.objects.filter(copied_from=template).exists()


def test_assign_refuses_a_clients_custom_exercise_for_other_clients(trainer):
    first, second = clients_of(trainer, 2)
    custom = ExerciseFactory(owner=first)
    template = template_with(trainer, custom, days=1, exercises=1, sets=1)
    with pytest.raises(ApplicationError) as error:
        services.plan_assign_template(trainer=trainer, template=template, clients=[first, second])
    assert error.value.code == "exercise_not_visible"
    assert len(services.plan_assign_template(trainer=trainer, template=template, clients=[first])) == 1


def test_save_as_template_copies_the_structure(trainer, their_client, bench):
    plan = services.plan_create(
        actor=trainer, client=their_client, data={"name": "Cody's"}, days=nested(bench, days=2, sets=2)
    )
    template = services.plan_save_as_template(actor=trainer, plan=plan, name="Base")
    assert (template.is_template, template.client, template.name, template.copied_from) == (True, None, "Base", plan)
    assert PlanSet.objects.filter(plan_exercise__day__plan=template).count() == 4
    with pytest.raises(ForbiddenError):
        services.plan_save_as_template(actor=their_client, plan=plan)


def test_exercises_are_reordered_with_every_id_once(trainer, their_client, bench):
    day = PlanDayFactory(plan=client_plan(trainer, their_client))
    first, second, third = (services.plan_exercise_add(actor=trainer, day=day, exercise=bench) for _ in range(3))
    services.plan_exercises_reorder(actor=trainer, day=day, order=[third.pk, first.pk, second.pk])
    assert list(day.exercises.order_by("position").values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]
    with pytest.raises(ApplicationError):
        services.plan_exercises_reorder(actor=trainer, day=day, order=[third.pk, third.pk, second.pk])


def test_add_set_copies_the_previous_set_and_starts_from_a_default(trainer, their_client, bench, run):
    plan = client_plan(trainer, their_client)
    day = PlanDayFactory(plan=plan)
    item = services.plan_exercise_add(actor=trainer, day=day, exercise=bench.pk)
    first = services.plan_set_add(actor=trainer, plan_exercise=item)
    assert (first.position, first.reps_min, first.reps_max, first.target_weight_kg) == (0, 8, 12, None)

    services.plan_set_add(
        actor=trainer,
        plan_exercise=item,
        data={
            "set_type": "dropset",
            "reps_min": 6,
            "reps_max": 8,
            "target_weight_kg": Decimal("82.5"),
            "target_rpe": Decimal("8.5"),
            "weight_increment_kg": Decimal("2.5"),
            "reps_increment": 1,
        },
    )
    copy = services.plan_set_add(actor=trainer, plan_exercise=item)  # copies the previous set, not the first
    copy.refresh_from_db()
    assert copy.position == 2
    assert (copy.set_type, copy.reps_min, copy.reps_max, copy.target_weight_kg, copy.target_rpe) == (
        "dropset",
        6,
        8,
        Decimal("82.5"),
        Decimal("8.5"),
    )
    assert (copy.weight_increment_kg, copy.reps_increment) == (Decimal("2.5"), 1)

    timed = services.plan_exercise_add(actor=trainer, day=day, exercise=run.pk)
    first_run = services.plan_set_add(actor=trainer, plan_exercise=timed)
    assert (first_run.reps_min, first_run.reps_max, first_run.duration_seconds) == (None, None, None)


def test_duplicate_day_copies_its_exercises_and_sets_right_after_it(trainer, their_client, bench, run):
    plan = client_plan(trainer, their_client)
    push = PlanDayFactory(plan=plan, position=0, name="Push", weekday=0, notes="heavy")
    PlanDayFactory(plan=plan, position=1, name="Pull")
    item = services.plan_exercise_add(
        actor=trainer, day=push, exercise=bench.pk, data={"rest_seconds": 150, "superset_group": 1}
    )
    services.plan_set_add(actor=trainer, plan_exercise=item, data={"reps_min": 5, "target_weight_kg": Decimal("80")})
    services.plan_set_add(actor=trainer, plan_exercise=item, data={"reps_min": 8, "target_rpe": Decimal("8.5")})
    timed = services.plan_exercise_add(actor=trainer, day=push, exercise=run.pk, data={"superset_group": 1})
    services.plan_set_add(actor=trainer, plan_exercise=timed, data={"duration_seconds": 600})

    with CaptureQueriesContext(connection) as small:
        copy = services.plan_day_duplicate(actor=trainer, day=push)

    assert list(plan.days.order_by("position").values_list("name", "weekday")) == [
        ("Push", 0),
        ("Push (copy)", None),
        ("Pull", None),
    ]
    assert copy.notes == "heavy"
    copied = list(copy.exercises.order_by("position"))
    assert [(e.exercise_id, e.rest_seconds, e.superset_group) for e in copied] == [
        (bench.pk, 150, 1),
        (run.pk, 90, 1),
    ]
    assert list(copied[0].sets.order_by("position").values_list("position", "reps_min", "target_weight_kg")) == [
        (0, 5, Decimal("80")),
        (1, 8, None),
    ]
    assert copied[0].sets.get(position=1).target_rpe == Decimal("8.5")
    assert list(copied[1].sets.values_list("duration_seconds", flat=True)) == [600]
    assert item.sets.count() == 2  # the original is untouched

    # The same number of queries for a bigger day.
    for _ in range(3):
        more = services.plan_exercise_add(actor=trainer, day=push, exercise=bench.pk)
        services.plan_set_add(actor=trainer, plan_exercise=more)
    with CaptureQueriesContext(connection) as big:
        services.plan_day_duplicate(actor=trainer, day=push)
    assert len(big.captured_queries) == len(small.captured_queries)
    assert plan.days.get(position=1).exercises.count() == 5  # the day as it is now, not as first read

    stranger = ClientFactory()
    with pytest.raises((ForbiddenError, ApplicationError)):
        services.plan_day_duplicate(actor=stranger, day=push)


def week_of(trainer, client, bench, run, days: int) -> Plan:
    """A draft plan of `days` days, each with a superset of two exercises with their sets."""
    plan = client_plan(trainer, client, status=PlanStatus.DRAFT)
    for position in range(days):
        day = PlanDayFactory(plan=plan, position=position, name=f"Day {position + 1}", weekday=position % 7)
        services.plan_exercise_add(
            actor=trainer,
            day=day,
            exercise=bench.pk,
            data={"superset_group": 1, "rest_seconds": 120},
            sets=[{"reps_min": 5, "target_weight_kg": Decimal("80")}, {"reps_min": 8, "target_rpe": Decimal("8")}],
        )
        services.plan_exercise_add(
            actor=trainer, day=day, exercise=run.pk, data={"superset_group": 1}, sets=[{"duration_seconds": 600}]
        )
    return plan


def test_copy_week_appends_a_copy_of_every_day_in_constant_queries(trainer, their_client, bench, run):
    two = week_of(trainer, their_client, bench, run, 2)
    with CaptureQueriesContext(connection) as small:
        copies = services.plan_week_duplicate(actor=trainer, plan=two)

    assert [day.name for day in copies] == ["Day 1 (copy)", "Day 2 (copy)"]
    assert list(two.days.order_by("position").values_list("position", "name", "weekday")) == [
        (0, "Day 1", 0),
        (1, "Day 2", 1),
        (2, "Day 1 (copy)", None),
        (3, "Day 2 (copy)", None),
    ]
    original, copy = two.days.get(position=0), two.days.get(position=2)
    assert copy.notes == original.notes
    assert [(e.exercise_id, e.superset_group, e.rest_seconds) for e in copy.exercises.order_by("position")] == [
        (e.exercise_id, e.superset_group, e.rest_seconds) for e in original.exercises.order_by("position")
    ]
    set_values = (
        "plan_exercise__position",
        "position",
        "reps_min",
        "target_weight_kg",
        "target_rpe",
        "duration_seconds",
    )
    assert list(
        PlanSet.objects.filter(plan_exercise__day=copy).order_by(*set_values[:2]).values_list(*set_values)
    ) == list(PlanSet.objects.filter(plan_exercise__day=original).order_by(*set_values[:2]).values_list(*set_values))
    assert PlanSet.objects.filter(plan_exercise__day__plan=two).count() == 2 * 2 * 3

    six = week_of(trainer, their_client, bench, run, 6)
    with CaptureQueriesContext(connection) as big:
        services.plan_week_duplicate(actor=trainer, plan=six)
    assert six.days.count() == 12
    assert len(big.captured_queries) == len(small.captured_queries)


def test_copy_week_keeps_a_plan_to_fourteen_days(trainer, their_client, bench, run):
    assert services.MAX_DAYS == 14
    plan = week_of(trainer, their_client, bench, run, 8)
    with pytest.raises(ApplicationError) as error:
        services.plan_week_duplicate(actor=trainer, plan=plan)
    assert error.value.code == "too_many_days"
    assert error.value.message == "A plan has at most 14 days; this would make 16."
    assert plan.days.count() == 8

    seven = week_of(trainer, their_client, bench, run, 7)
    services.plan_week_duplicate(actor=trainer, plan=seven)
    assert seven.days.count() == 14
    # Full: no more days, by copying a day or adding one either.
    with pytest.raises(ApplicationError, match="at most 14 days"):
        services.plan_day_duplicate(actor=trainer, day=seven.days.first())
    with pytest.raises(ApplicationError, match="at most 14 days"):
        services.plan_day_add(actor=trainer, plan=seven, data={"name": "Extra"})
    with pytest.raises(ApplicationError) as error:
        services.plan_create(actor=trainer, client=their_client, data={"name": "Long"}, days=nested(bench, days=15))
    assert error.value.fields == {"days": ["A plan has at most 14 days; this would make 15."]}
    assert seven.days.count() == 14


def test_copy_week_of_a_plan_without_days_or_by_a_stranger(trainer, their_client, other_trainer, bench, run):
    empty = client_plan(trainer, their_client, status=PlanStatus.DRAFT)
    with pytest.raises(ApplicationError) as error:
        services.plan_week_duplicate(actor=trainer, plan=empty)
    assert error.value.code == "no_days"
    plan = week_of(trainer, their_client, bench, run, 1)
    for stranger in (other_trainer, their_client):  # their client reads the plan but does not change it
        with pytest.raises(ForbiddenError):
            services.plan_week_duplicate(actor=stranger, plan=plan)
    assert plan.days.count() == 1


def test_supersets_are_made_by_grouping_with_the_previous_exercise(trainer, their_client, bench):
    plan = client_plan(trainer, their_client)
    day = PlanDayFactory(plan=plan)
    a, b, c, d = (services.plan_exercise_add(actor=trainer, day=day, exercise=bench.pk) for _ in range(4))

    def groups():
        return list(day.exercises.order_by("position").values_list("superset_group", flat=True))

    with pytest.raises(ApplicationError):
        services.plan_exercise_group_with_previous(actor=trainer, plan_exercise=a)
    services.plan_exercise_group_with_previous(actor=trainer, plan_exercise=b)
    assert groups() == [1, 1, None, None]
    services.plan_exercise_group_with_previous(actor=trainer, plan_exercise=c)  # joins the A1/A2 group
    assert groups() == [1, 1, 1, None]
    services.plan_exercise_ungroup(actor=trainer, plan_exercise=c)
    services.plan_exercise_group_with_previous(actor=trainer, plan_exercise=d)  # a new group
    assert groups() == [1, 1, 2, 2]
    services.plan_exercise_ungroup(actor=trainer, plan_exercise=a)  # B is left alone: no superset any more
    assert groups() == [None, None, 2, 2]

    with pytest.raises((ForbiddenError, ApplicationError)):
        services.plan_exercise_group_with_previous(actor=ClientFactory(), plan_exercise=b)
