"""Helpers shared by the plan pages."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from accounts.selectors import client_link_list
from workouts.models import Plan
from workouts.selectors.access import current_trainer_ids

SEARCH_RESULTS = 20


def user_units(request: HttpRequest) -> str:
    return getattr(request.user, "units", "kg") or "kg"


def current_clients(trainer: User) -> list[User]:
    return [link.client for link in client_link_list(trainer=trainer)]


def may_create(user: User) -> bool:
    """Trainers, and clients without a trainer (for themselves); staff keep no plans."""
    return user.is_trainer or (user.is_client and not current_trainer_ids(user).exists())


def builder_url(plan: Plan | UUID, anchor: str = "") -> str:
    plan_id = plan.pk if isinstance(plan, Plan) else plan
    return reverse("workouts:plan_builder", args=[plan_id]) + (f"#{anchor}" if anchor else "")
