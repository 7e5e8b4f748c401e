"""The load test's own people: trainers, each with clients, and for every client an active plan and a few weeks
of finished workouts (the demo's plans and progressions, workouts.demo), all with the password in
loadtest.scenario. Running it again adds only what is missing.

Run by loadtest/run.py in the load test's database: `python -m loadtest.seed --clients 200 --trainers 20`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from dataclasses import replace
from types import ModuleType
from typing import TYPE_CHECKING
from unittest import mock

from django.db import transaction
from django.utils import timezone

from loadtest import scenario

if TYPE_CHECKING:
    from accounts.models import User


def seed(*, clients: int, trainers: int, weeks: int = 3) -> list[str]:
    """Make `trainers` trainers and `clients` clients (client i is coached by trainer i % trainers)."""
    from django.contrib.auth.hashers import make_password

    started = time.monotonic()
    # One Argon2 hash for all (a quarter of a second each): logins still check it as in production.
    hashed = make_password(scenario.PASSWORD)
    patch = mock.patch("django.contrib.auth.base_user.make_password", lambda raw: hashed)
    with patch:
        lines = _people(clients=clients, trainers=trainers, weeks=weeks)
    return [*lines[:-1], f"{lines[-1]} in {time.monotonic() - started:.0f} s"]


def _people(*, clients: int, trainers: int, weeks: int) -> list[str]:
    from accounts import services
    from accounts.models import CoachingLink, Role, User
    from workouts.models import Workout

    existing = set(User.objects.filter(email__endswith=f"@{scenario.EMAIL_DOMAIN}").values_list("email", flat=True))
    coaches = []
    for number in range(trainers):
        email = scenario.trainer_email(number)
        if email not in existing:
            _user(services, email=email, name=f"Trainer {number}", role=Role.TRAINER)
        coaches.append(email)
    coach_by_email = {user.email: user for user in User.objects.filter(email__in=coaches)}
    made = 0
    for number in range(clients):
        email = scenario.client_email(number)
        if email not in existing:
            units = "lb" if number % 5 == 0 else "kg"
            _user(services, email=email, name=f"Client {number}", role=Role.CLIENT, units=units)
            made += 1
    people = User.objects.filter(email__startswith="client", email__endswith=f"@{scenario.EMAIL_DOMAIN}")
    linked = set(CoachingLink.objects.filter(ended_at__isnull=True, client__in=people).values_list("client", flat=True))
    trained = set(Workout.objects.filter(user__in=people).values_list("user", flat=True).distinct())
    histories = 0
    for client in people.order_by("email"):
        number = int(client.email.split("@")[0].removeprefix("client"))
        if number >= clients:
            continue
        trainer = coach_by_email[scenario.trainer_email(number % trainers)]
        if client.pk not in linked:
            CoachingLink.objects.create(trainer=trainer, client=client)
        if client.pk not in trained:
            _history(trainer=trainer, client=client, number=number, weeks=weeks)
            histories += 1
    return [
        f"load-test accounts: {trainers} trainers, {clients} clients ({made} new), password {scenario.PASSWORD}",
        f"  histories written: {histories} ({weeks} weeks each)",
    ]


def _user(services: ModuleType, *, email: str, name: str, role: str, units: str = "kg") -> object:
    return services.user_create(
        email=email,
        password=scenario.PASSWORD,
        display_name=name,
        role=role,
        time_zone="Europe/London",
        units=units,
    )


@transaction.atomic
def _history(*, trainer: User, client: User, number: int, weeks: int) -> None:
    """One of the demo's three plans, active, and `weeks` weeks of its workouts (a missed session now and then)."""
    from workouts import demo
    from workouts.services.workouts import workout_create

    spec = replace(demo.PLANS[number % len(demo.PLANS)], email=client.email)
    names = {lift.name for day in spec.days for lift in day.lifts}
    writer = demo._ClientHistory(trainer=trainer, client=client, spec=spec, exercises=demo._exercises(names))
    today = timezone.localdate(timezone=client.tz)
    first_monday = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    plan = writer.plan(first_monday)
    plan_days = {day.name: day.pk for day in plan.days.all()}
    now = timezone.now()
    for week in range(weeks):
        for day in spec.days:
            if writer.rng.random() < demo.MISSED_SESSION_RATE:
                continue
            date = first_monday + datetime.timedelta(weeks=week, days=day.weekday)
            started = datetime.datetime.combine(date, datetime.time(day.hour, 0), tzinfo=client.tz)
            lifts = [(lift, writer.exercises[lift.name]) for lift in day.lifts if lift.name in writer.exercises]
            items = [{"exercise": exercise.pk, "sets": writer._sets(lift, exercise, week)} for lift, exercise in lifts]
            ended = started + datetime.timedelta(minutes=3 * sum(len(item["sets"]) for item in items) + 10)
            if ended > now:
                continue
            data = {"name": day.name, "started_at": started, "ended_at": ended, "plan_day": plan_days[day.name]}
            workout_create(user=client, data={**data, "exercises": items})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=scenario.CLIENTS)
    parser.add_argument("--trainers", type=int, default=scenario.TRAINERS)
    parser.add_argument("--weeks", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitnesspr.settings")
    import django

    django.setup()
    for line in seed(clients=args.clients, trainers=max(1, args.trainers), weeks=max(1, args.weeks)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
