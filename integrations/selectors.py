"""Reads of the integrations app, scoped to the acting user.

A user sees their own Hevy connection and sync runs only; a trainer sees whether each current client is
connected and when they last synced (never a key, not even its last four characters).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from fitnesspr.errors import ForbiddenError
from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from workouts.models import Plan
from workouts.selectors.access import can_edit_plan, plan_get_for_user

RECENT_RUNS = 10


def hevy_connection_for_user(*, user: User) -> HevyConnection | None:
    if not user.is_authenticated:
        return None
    return HevyConnection.objects.filter(user=user).first()


def sync_run_list(*, user: User) -> QuerySet[HevySyncRun]:
    """The user's sync runs, newest first."""
    return HevySyncRun.objects.filter(connection__user=user).order_by("-created_at", "-id")


def sync_run_recent(*, user: User, limit: int = RECENT_RUNS) -> list[HevySyncRun]:
    return list(sync_run_list(user=user)[:limit])


def sync_run_open(*, user: User) -> HevySyncRun | None:
    """The user's queued or running sync, if any."""
    return sync_run_list(user=user).filter(status__in=[SyncStatus.QUEUED, SyncStatus.RUNNING]).first()


def hevy_connections_by_user(users: list[Any]) -> dict[Any, HevyConnection]:
    """The Hevy connection (without its key) of each of `users` that has one, by user id: one query."""
    connections = HevyConnection.objects.filter(user_id__in=[user.pk for user in users]).defer("api_key")
    return {connection.user_id: connection for connection in connections}


# --- Plans sent to Hevy ---------------------------------------------------------------------------


def can_push_plan(user: User, plan: Plan) -> bool:
    return plan.client_id is not None and (plan.client_id == user.pk or can_edit_plan(user, plan))


def plan_get_for_push(user: User, plan_id: object) -> Plan:
    """A plan the user may push: 404 when they cannot see it, 403 when they see it but may not push it."""
    plan = plan_get_for_user(user, plan_id)
    if plan.client_id is not None and not can_push_plan(user, plan):
        raise ForbiddenError("Only the client or their trainer can send this plan to Hevy.")
    return plan
