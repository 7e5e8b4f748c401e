"""`manage.py hevy_sync --user EMAIL [--full]`: the same sync as the background task, in the foreground."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from integrations.hevy.connection import sync_run_create
from integrations.hevy.sync import SyncFailed, sync_run
from integrations.models import ConnectionStatus, HevyConnection, SyncTrigger


class Command(BaseCommand):
    help = "Sync a user's workouts from Hevy now and print what changed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", required=True, help="The email address of the user to sync.")
        parser.add_argument("--full", action="store_true", help="Read the events feed from the beginning.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"].strip()).first()
        if user is None:
            raise CommandError(f"No user with the email {options['user']}.")
        connection = HevyConnection.objects.select_related("user").filter(user=user).first()
        if connection is None:
            raise CommandError(f"{user.email} has not connected Hevy.")
        if connection.status != ConnectionStatus.VALID:
            raise CommandError(f"Hevy rejected the stored key of {user.email}: they must paste a new key.")
        run = sync_run_create(connection=connection, trigger=SyncTrigger.COMMAND, full=options["full"])
        if run is None:
            raise CommandError(f"A sync of {user.email} is already queued or running.")
        try:
            sync_run(connection=connection, run=run, full=options["full"])
        except SyncFailed as failure:
            raise CommandError(f"Sync failed after {run.pages} pages: {failure}") from None
        self.stdout.write(
            f"Synced {user.email}: {run.created_count} created, {run.updated_count} updated, "
            f"{run.deleted_count} deleted ({run.pages} pages)."
        )
