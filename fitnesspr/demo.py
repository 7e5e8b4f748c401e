"""`seed_demo`: each app's demo data (`<app>/demo.py`), put together here in the order they build on each other."""

from __future__ import annotations

from django.db import transaction

from accounts.demo import seed_accounts
from workouts.demo import seed_workouts


def seed() -> list[str]:
    """Load the demo (safe to run again); answers the lines to print."""
    with transaction.atomic():
        accounts = seed_accounts()
        training = seed_workouts(trainer=accounts.trainer, clients=accounts.clients)
    lines = list(accounts.lines)
    if training["workouts"]:
        lines.append(
            f"  training: {training['plans']} active plans, {training['workouts']} workouts, "
            f"{training['sets']} sets, {training['records']} personal records"
        )
    else:
        lines.append("  training plans and workout history already exist")
    return lines
