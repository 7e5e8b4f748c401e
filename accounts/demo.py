"""Demo accounts for `seed_demo`: a trainer, three linked clients with filled profiles, a pending invitation and a
staff login. Running it again changes nothing that is already there."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accounts import services
from accounts.models import CoachingLink, Invitation, InvitationStatus, Role, User

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


@dataclass(frozen=True)
class DemoAccounts:
    trainer: User
    clients: list[User]
    lines: list[str]


def seed_accounts() -> DemoAccounts:
    trainer = _user(TRAINER, role=Role.TRAINER)
    for spec in CLIENTS:
        client = _user(spec, role=Role.CLIENT)
        if not CoachingLink.objects.filter(client=client, ended_at__isnull=True).exists():
            CoachingLink.objects.create(trainer=trainer, client=client)
    invitation_url = None
    if not Invitation.objects.filter(trainer=trainer, email=INVITED_EMAIL, status=InvitationStatus.PENDING).exists():
        _, token = services.invitation_create(trainer=trainer, email=INVITED_EMAIL)
        invitation_url = services.invitation_url(token)
    if not User.objects.filter(email=STAFF_EMAIL).exists():
        User.objects.create_superuser(STAFF_EMAIL, DEMO_PASSWORD, display_name="Site Admin")
    # A demo database seeded before staff had a role of their own: the staff login was a client.
    User.objects.filter(email=STAFF_EMAIL, role=Role.CLIENT).update(role=Role.STAFF)
    clients = list(User.objects.filter(email__in=[spec["email"] for spec in CLIENTS]))

    rows = [("trainer", TRAINER["email"])] + [("client", spec["email"]) for spec in CLIENTS]
    rows.append(("staff (admin)", STAFF_EMAIL))
    lines = [f"  {role:<14} {email:<28} password: {DEMO_PASSWORD}" for role, email in rows]
    if invitation_url:
        lines.append(f"  pending invitation for {INVITED_EMAIL}: {invitation_url}")
    else:
        lines.append(f"  a pending invitation for {INVITED_EMAIL} already exists")
    return DemoAccounts(trainer=trainer, clients=clients, lines=lines)


def _user(spec: dict, *, role: str) -> User:
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
