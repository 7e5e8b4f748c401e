"""Connections to outside services. Hevy: the user's key, sync runs, template <-> exercise mappings and
the Hevy ids of pushed plans (routine folders) and plan days (routines). Workouts keep their Hevy id on
workouts.Workout.hevy_id.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from accounts.models import User
from fitnesspr.fields import EncryptedTextField
from fitnesspr.models import BaseModel
from workouts.models import Exercise, Plan, PlanDay


class ConnectionStatus(models.TextChoices):
    VALID = "valid", "Connected"
    INVALID = "invalid", "Key rejected"


class HevyConnection(BaseModel):
    """A user's Hevy API key (encrypted, never shown again) and the sync cursor of the events feed."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="hevy_connection")
    api_key = EncryptedTextField()
    key_last4 = models.CharField(max_length=4)
    status = models.CharField(max_length=10, choices=ConnectionStatus.choices, default=ConnectionStatus.VALID)
    status_message = models.CharField(max_length=300, blank=True)
    hevy_user_id = models.CharField(max_length=64, blank=True)
    hevy_user_name = models.CharField(max_length=200, blank=True)
    events_cursor = models.DateTimeField(null=True, blank=True, help_text="Events up to this time are applied.")
    last_synced_at = models.DateTimeField(null=True, blank=True)
    push_workouts = models.BooleanField(default=False, help_text="Send workouts logged in FitnessPr to Hevy.")

    class Meta:
        indexes = [models.Index(fields=["status", "last_synced_at"])]

    def __str__(self) -> str:
        return f"Hevy connection of {self.user}"


class SyncStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class SyncTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Schedule"
    MANUAL = "manual", "Sync now"
    COMMAND = "command", "Command"


class HevySyncRun(BaseModel):
    """One sync: when it ran, what it changed, and why it failed."""

    connection = models.ForeignKey(HevyConnection, on_delete=models.CASCADE, related_name="sync_runs")
    trigger = models.CharField(max_length=10, choices=SyncTrigger.choices, default=SyncTrigger.SCHEDULE)
    full = models.BooleanField(default=False, help_text="A full sync starts the events feed from the beginning.")
    status = models.CharField(max_length=10, choices=SyncStatus.choices, default=SyncStatus.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    deleted_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # one sync at a time per user
            models.UniqueConstraint(
                fields=["connection"],
                condition=Q(status__in=["queued", "running"]),
                name="integrations_one_open_sync_per_connection",
            )
        ]

    def __str__(self) -> str:
        return f"Sync of {self.connection.user} ({self.status})"


class HevyExerciseMapping(BaseModel):
    """A Hevy exercise template and the library exercise it is. Built-in templates map for everyone
    (user null); a user's custom templates map for that user only."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    template_id = models.CharField(max_length=64)
    title = models.CharField(max_length=200, blank=True)
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="hevy_mappings")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["template_id"], condition=Q(user__isnull=True), name="integrations_builtin_template_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "template_id"],
                condition=Q(user__isnull=False),
                name="integrations_user_template_unique",
            ),
        ]
        indexes = [models.Index(fields=["exercise", "user"])]

    def __str__(self) -> str:
        return f"{self.template_id} -> {self.exercise}"


class HevyPlanFolder(BaseModel):
    """The Hevy routine folder a plan was pushed to."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="hevy_folder")
    folder_id = models.BigIntegerField()
    pushed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.plan} -> folder {self.folder_id}"


class HevyRoutine(BaseModel):
    """The Hevy routine a plan day was pushed as."""

    plan_day = models.OneToOneField(PlanDay, on_delete=models.CASCADE, related_name="hevy_routine")
    routine_id = models.CharField(max_length=64)
    pushed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.plan_day} -> routine {self.routine_id}"
