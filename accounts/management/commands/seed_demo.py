"""Demo data: a trainer, three linked clients with filled profiles, a pending invitation and a staff login.

Running it again changes nothing that is already there. Later apps add their own demo data here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import services
from accounts.models import CoachingLink, Invitation, InvitationStatus, Role, User
from workouts.demo import seed_workouts

DEMO_PASSWORD = "fitnesspr-demo-2026"
TRAINER = {
    "email": "trainer@fitnesspr.test",
    "display_name": "Tara Brooks",
    "profile": {
        "bio": "Strength and conditioning coach. I help busy people get strong in three sessions a week.",
        "certifications": "NSCA-CSCS\nPrecision Nutrition Level 1",
        "specialties": "strength, fat loss, mobility",
    },
}
CLIENTS = [
    {
        "email": "alex@fitnesspr.test",
        "display_name": "Alex Rivera",
        "units": "kg",
        "profile": {
            "goal": "build_muscle",
            "experience_level": "intermediate",
            "available_equipment": ["barbell", "dumbbell", "machine", "plate"],
            "training_days_per_week": 4,
            "session_length_minutes": 75,
            "injuries": "",
            "birth_date": datetime.date(1992, 4, 17),
            "sex": "male",
            "height_cm": Decimal("181.0"),
        },
    },
    {
        "email": "sam@fitnesspr.test",
        "display_name": "Sam Chen",
        "units": "lb",
        "profile": {
            "goal": "lose_fat",
            "experience_level": "beginner",
            "available_equipment": ["dumbbell", "resistance_band", "none"],
            "training_days_per_week": 3,
            "session_length_minutes": 45,
            "injuries": "Mild lower back pain after long drives.",
            "birth_date": datetime.date(1987, 11, 2),
            "sex": "female",
            "height_cm": Decimal("165.5"),
        },
    },
    {
        "email": "jordan@fitnesspr.test",
        "display_name": "Jordan Okafor",
        "units": "kg",
        "profile": {
            "goal": "get_stronger",
            "experience_level": "advanced",
            "available_equipment": ["barbell", "dumbbell", "kettlebell", "machine", "plate"],
            "training_days_per_week": 5,
            "session_length_minutes": 90,
            "injuries": "Left shoulder impingement in 2023; avoid behind-the-neck pressing.",
            "birth_date": datetime.date(1996, 7, 30),
            "sex": "male",
            "height_cm": Decimal("176.0"),
        },
    },
]
INVITED_EMAIL = "morgan@fitnesspr.test"
STAFF_EMAIL = "admin@fitnesspr.test"


class Command(BaseCommand):
    help = "Load demo users (a trainer, three clients, a pending invitation, a staff user). Safe to run twice."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            trainer = self._user(TRAINER, role=Role.TRAINER)
            for spec in CLIENTS:
                client = self._user(spec, role=Role.CLIENT)
                if not CoachingLink.objects.filter(client=client, ended_at__isnull=True).exists():
                    CoachingLink.objects.create(trainer=trainer, client=client)
            invitation_url = None
            if not Invitation.objects.filter(
                trainer=trainer, email=INVITED_EMAIL, status=InvitationStatus.PENDING
            ).exists():
                _, token = services.invitation_create(trainer=trainer, email=INVITED_EMAIL)
                invitation_url = services.invitation_url(token)
            if not User.objects.filter(email=STAFF_EMAIL).exists():
                User.objects.create_superuser(STAFF_EMAIL, DEMO_PASSWORD, display_name="Site Admin")
            clients = list(User.objects.filter(email__in=[spec["email"] for spec in CLIENTS]))
            training = seed_workouts(trainer=trainer, clients=clients)

        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at /login/ with:"))
        rows = [("trainer", TRAINER["email"])] + [("client", spec["email"]) for spec in CLIENTS]
        rows.append(("staff (admin)", STAFF_EMAIL))
        for role, email in rows:
            self.stdout.write(f"  {role:<14} {email:<28} password: {DEMO_PASSWORD}")
        if invitation_url:
            self.stdout.write(f"  pending invitation for {INVITED_EMAIL}: {invitation_url}")
        else:
            self.stdout.write(f"  a pending invitation for {INVITED_EMAIL} already exists")
        if training["workouts"]:
            self.stdout.write(
                f"  training: {training['plans']} active plans, {training['workouts']} workouts, "
                f"{training['sets']} sets, {training['records']} personal records"
            )
        else:
            self.stdout.write("  training plans and workout history already exist")

    def _user(self, spec: dict, *, role: str) -> User:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = services.user_create(
                email=spec["email"],
                password=DEMO_PASSWORD,
                display_name=spec["display_name"],
                role=role,
                time_zone="Europe/London",
                units=spec.get("units", "kg"),
            )
            services.profile_update(user=user, data=spec["profile"])
        return user
