"""Plans in the API are built from plain rows (workouts/api/plans/output.py): value for value what
PlanSerializer (the documented response) makes of the same plans."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from fitnesspr.api.renderers import JSONRenderer
from workouts.api.plans.output import plan_output
from workouts.api.plans.serializers import PlanSerializer
from workouts.models import ExerciseType, SetType
from workouts.selectors.plans import plan_detail, plan_list, plan_with_structure
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
)

pytestmark = pytest.mark.django_db


def drf(data) -> object:
    return json.loads(DRFJSONRenderer().render(data))


@pytest.fixture
def plans(trainer, their_client):
    plan = PlanFactory(
        client=their_client, author=trainer, name="Strength — block 1", goal="strength",
        start_date=date(2026, 12, 7), notes="Deload in week 4 ✓",
    )  # fmt: skip
    push = PlanDayFactory(plan=plan, position=0, name="Push", weekday=0, notes="Heavy")
    PlanDayFactory(plan=plan, position=1, name="Rest day")  # no exercises
    bench = PlanExerciseFactory(day=push, position=0, superset_group=1, rest_seconds=120, notes="Pause")
    PlanSetFactory(plan_exercise=bench, position=0, set_type=SetType.WARMUP, target_weight_kg=Decimal("40"))
    PlanSetFactory(
        plan_exercise=bench, position=1, reps_min=5, reps_max=5, target_weight_kg=Decimal("82.5"),
        target_rpe=Decimal("8.5"), weight_increment_kg=Decimal("2.5"), reps_increment=1,
    )  # fmt: skip
    run = PlanExerciseFactory(
        day=push, position=1, exercise=ExerciseFactory(exercise_type=ExerciseType.DISTANCE_DURATION)
    )
    PlanSetFactory(
        plan_exercise=run, position=0, reps_min=None, reps_max=None, target_weight_kg=None,
        distance_m=Decimal("5000.5"), duration_seconds=1500,
    )  # fmt: skip
    template = TemplatePlanFactory(author=trainer, name="Template", start_date=None)
    return plan, template


def test_one_plan_is_what_the_serializer_makes(plans, trainer):
    plan, template = plans
    for one in (plan, template):
        expected = drf(PlanSerializer(plan_detail(user=trainer, plan_id=one.pk)).data)
        assert _rendered(plan_output(one.pk)) == expected
    assert expected["client"] is None and expected["client_name"] is None


def test_the_list_and_detail_endpoints_answer_the_serializers_shape(api, plans, trainer):
    plan, _template = plans
    expected = drf(PlanSerializer(plan_with_structure(plan_list(user=trainer)), many=True).data)

    assert api(trainer).get("/api/v1/plans/").json()["results"] == expected
    assert (
        api(trainer).get(f"/api/v1/plans/{plan.pk}/").json()
        == expected[[p["id"] for p in expected].index(str(plan.pk))]
    )


def _rendered(data) -> object:
    return json.loads(JSONRenderer().render(data))
