from __future__ import annotations

import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from fitnesspr.models import BaseModel, uuid7


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("%(value)s is not a known time zone.", params={"value": value}, code="invalid")


class Role(models.TextChoices):
    TRAINER = "trainer", "Trainer"
    CLIENT = "client", "Client"
    STAFF = "staff", "Staff"


# The roles a person may choose when signing up (the page and the API); staff accounts are made by an admin.
SIGNUP_ROLES = (Role.TRAINER, Role.CLIENT)


class Units(models.TextChoices):
    KG = "kg", "Kilograms (kg)"
    LB = "lb", "Pounds (lb)"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def normalize_email(self, email: str | None) -> str:
        return (email or "").strip().lower()

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=self.normalize_email(username))

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.STAFF)
        extra.setdefault("display_name", "Admin")
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their email address: a trainer, a client or staff (who run the site in the admin).

    The role says which pages are theirs; `is_staff` says who may open the admin. A staff-role user has neither
    a trainer's nor a client's pages, and no profile.
    """

    id = models.UUIDField(primary_key=True, default=uuid7, editable=False)
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=100)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.CLIENT)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    units = models.CharField("preferred units", max_length=2, choices=Units.choices, default=Units.KG)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    avatar_thumbnail = models.ImageField(upload_to="avatars/", blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    def clean(self) -> None:
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    @property
    def is_trainer(self) -> bool:
        return self.role == Role.TRAINER

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_staff_role(self) -> bool:
        return self.role == Role.STAFF

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class TrainerProfile(BaseModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="trainer_profile")
    bio = models.TextField(blank=True, max_length=4000)
    certifications = models.TextField(blank=True, max_length=2000, help_text="One per line.")
    specialties = models.CharField(blank=True, max_length=500, help_text="Comma-separated.")

    def __str__(self) -> str:
        return f"Trainer profile of {self.user}"


class Goal(models.TextChoices):
    LOSE_FAT = "lose_fat", "Lose fat"
    BUILD_MUSCLE = "build_muscle", "Build muscle"
    GET_STRONGER = "get_stronger", "Get stronger"
    ENDURANCE = "endurance", "Improve endurance"
    GENERAL_FITNESS = "general_fitness", "General fitness"
    SPORT = "sport", "Sport performance"


class ExperienceLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner (under 1 year)"
    INTERMEDIATE = "intermediate", "Intermediate (1-3 years)"
    ADVANCED = "advanced", "Advanced (3+ years)"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNSPECIFIED = "unspecified", "Prefer not to say"


class Equipment(models.TextChoices):
    """The Hevy equipment vocabulary (see shared/HEVY_API.md)."""

    NONE = "none", "None (bodyweight)"
    BARBELL = "barbell", "Barbell"
    DUMBBELL = "dumbbell", "Dumbbell"
    KETTLEBELL = "kettlebell", "Kettlebell"
    MACHINE = "machine", "Machine"
    PLATE = "plate", "Plate"
    RESISTANCE_BAND = "resistance_band", "Resistance band"
    SUSPENSION = "suspension", "Suspension trainer"
    OTHER = "other", "Other"


def validate_equipment_list(value: object) -> None:
    if not isinstance(value, list) or any(item not in Equipment.values for item in value):
        raise ValidationError(
            "Choose equipment from: %(choices)s.", params={"choices": ", ".join(Equipment.values)}, code="invalid"
        )


class ClientProfile(BaseModel):
    """What the plan generator reads about a client."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="client_profile")
    goal = models.CharField(max_length=20, choices=Goal.choices, default=Goal.GENERAL_FITNESS)
    experience_level = models.CharField(
        max_length=20, choices=ExperienceLevel.choices, default=ExperienceLevel.BEGINNER
    )
    available_equipment = models.JSONField(default=list, blank=True, validators=[validate_equipment_list])
    training_days_per_week = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    session_length_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(10), MaxValueValidator(240)]
    )
    injuries = models.TextField("injuries and limitations", blank=True, max_length=2000)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.UNSPECIFIED)
    height_cm = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(272)],
    )
    profile_prompted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the client was asked for this profile after joining (asked once)."
    )

    def __str__(self) -> str:
        return f"Client profile of {self.user}"

    def clean(self) -> None:
        super().clean()
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": "The birth date cannot be in the future."})


class CoachingLink(BaseModel):
    """A trainer coaches a client from `started_at` until `ended_at` (open while null)."""

    trainer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="client_links")
    client = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trainer_links")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Who ended the link."
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(ended_at__isnull=True), name="accounts_one_active_trainer"
            ),
            models.CheckConstraint(condition=~models.Q(trainer=models.F("client")), name="accounts_link_not_self"),
        ]
        indexes = [models.Index(fields=["trainer", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.trainer.display_name} coaches {self.client.display_name}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REVOKED = "revoked", "Revoked"


class Invitation(BaseModel):
    """A trainer's invitation to a client, by email. Only the token's hash is stored."""

    trainer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations_sent")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_accepted"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "email"],
                condition=models.Q(status="pending"),
                name="accounts_one_pending_invitation_per_email",
            ),
        ]
        indexes = [models.Index(fields=["trainer", "status"])]

    def __str__(self) -> str:
        return f"Invitation from {self.trainer.display_name} to {self.email}"

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def display_status(self) -> str:
        return "Expired" if self.is_expired else self.get_status_display()
