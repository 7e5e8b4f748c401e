"""Create the people the schemathesis run logs in as (idempotent), through the real services.

A trainer with one linked client and one pending invitation, so that lists have rows to check.
With `--ids`, prints the coaching link's id as JSON (the run addresses `clients/{id}/` with it).
The email and password are read by .ci/schemathesis.sh from the constants.

    DJANGO_SETTINGS_MODULE=fitnesspr.settings .venv/bin/python scripts/schemathesis_setup.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitnesspr.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from accounts import services  # noqa: E402
from accounts.models import CoachingLink, Role, User  # noqa: E402

TRAINER_EMAIL = "schemathesis-trainer@example.com"
CLIENT_EMAIL = "schemathesis-client@example.com"
PASSWORD = "Kettlebell-Swing-7393"  # a test account on a throwaway database


def ensure_user(email: str, role: str, display_name: str, invitation_token: str | None = None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        return services.user_create(
            email=email, password=PASSWORD, display_name=display_name, role=role, invitation_token=invitation_token
        )
    user.set_password(PASSWORD)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return user


def main() -> dict[str, str]:
    with transaction.atomic():
        trainer = ensure_user(TRAINER_EMAIL, Role.TRAINER, "Schema Trainer")
        if not User.objects.filter(email=CLIENT_EMAIL).exists():
            _invitation, token = services.invitation_create(trainer=trainer, email=CLIENT_EMAIL)
            ensure_user(CLIENT_EMAIL, Role.CLIENT, "Schema Client", invitation_token=token)
            services.invitation_create(trainer=trainer, email="schemathesis-invitee@example.com")
        else:
            ensure_user(CLIENT_EMAIL, Role.CLIENT, "Schema Client")
    link = CoachingLink.objects.filter(trainer=trainer, client__email=CLIENT_EMAIL).order_by("-started_at").first()
    return {"link_id": str(link.pk)}


if __name__ == "__main__":
    ids = main()
    if "--ids" in sys.argv:
        sys.stdout.write(json.dumps(ids) + "\n")
