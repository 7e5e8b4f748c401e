"""Route-walk registrations of the integrations app (see fitnesspr/tests/routes.py)."""

from __future__ import annotations

from uuid import UUID

from fitnesspr.tests.routes import TRAINER, People, owned_by
from workouts.tests.factories import PlanFactory


@owned_by(TRAINER, "integrations:plan_push", "api:plan-push-to-hevy")
def plan_to_push(people: People) -> UUID:
    # Nobody has connected Hevy: the owner's push stops at "connect Hevy first", before any network call.
    return PlanFactory(client=people.client, author=people.trainer).pk
