"""Demo data of every app (see fitnesspr/demo.py): a trainer, three clients with months of training, a pending
invitation and a staff login. Running it again changes nothing that is already there."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fitnesspr.demo import seed


class Command(BaseCommand):
    help = "Load demo users (a trainer, three clients, a pending invitation, a staff user). Safe to run twice."

    def handle(self, *args, **options) -> None:
        lines = seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /login/ with:"))
        for line in lines:
            self.stdout.write(line)
