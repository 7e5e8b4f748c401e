"""`manage.py hevy_push_plan --plan ID`: send a plan to its client's Hevy account in the foreground and print
what was created and updated (the same service as the page and the API)."""

from __future__ import annotations

import uuid

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fitnesspr.errors import ApplicationError
from integrations.hevy.push.plans import plan_push
from workouts.models import Plan


class Command(BaseCommand):
    help = "Send a plan to its client's Hevy account: one routine folder, one routine per day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="The plan's id (UUID).")

    def handle(self, *args: object, **options: object) -> None:
        try:
            plan_id = uuid.UUID(str(options["plan"]))
        except ValueError:
            raise CommandError(f"Not a plan id: {options['plan']}") from None
        plan = Plan.objects.select_related("client").filter(pk=plan_id).first()
        if plan is None:
            raise CommandError(f"No plan with the id {plan_id}.")
        try:
            result = plan_push(user=None, plan=plan)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        folder = "created" if result.folder_created else "kept"
        self.stdout.write(f"Plan “{plan.name}” -> Hevy account of {plan.client}")
        self.stdout.write(f"Routine folder {result.folder_id} ({folder})")
        for routine in result.routines:
            self.stdout.write(f"  {routine.action:8} routine {routine.routine_id}  {routine.name}")
        for name in result.skipped_days:
            self.stdout.write(f"  skipped  {name} (no exercises)")
        for name in result.custom_exercises_created:
            self.stdout.write(f"  custom exercise added to Hevy: {name}")
        self.stdout.write(self.style.SUCCESS(f"Done: {result.created} created, {result.updated} updated."))
