"""Exercise library, plans (Plan -> PlanDay -> PlanExercise -> PlanSet), logged workouts
(Workout -> WorkoutExercise -> WorkoutSet), comments and personal records.

Units are metric (kg, m, s); the pages show the user's preference.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from accounts.models import Equipment, Goal, User
from fitnesspr.models import BaseModel

# --- Vocabulary (Hevy's, see shared/HEVY_API.md) ---------------------------------------------------


class MuscleGroup(models.TextChoices):
    ABDOMINALS = "abdominals", "Abdominals"
    SHOULDERS = "shoulders", "Shoulders"
    BICEPS = "biceps", "Biceps"
    TRICEPS = "triceps", "Triceps"
    FOREARMS = "forearms", "Forearms"
    QUADRICEPS = "quadriceps", "Quadriceps"
    HAMSTRINGS = "hamstrings", "Hamstrings"
    CALVES = "calves", "Calves"
    GLUTES = "glutes", "Glutes"
    ABDUCTORS = "abductors", "Abductors"
    ADDUCTORS = "adductors", "Adductors"
    LATS = "lats", "Lats"
    UPPER_BACK = "upper_back", "Upper back"
    TRAPS = "traps", "Traps"
    LOWER_BACK = "lower_back", "Lower back"
    CHEST = "chest", "Chest"
    CARDIO = "cardio", "Cardio"
    NECK = "neck", "Neck"
    FULL_BODY = "full_body", "Full body"
    OTHER = "other", "Other"


class ExerciseType(models.TextChoices):
    WEIGHT_REPS = "weight_reps", "Weight and reps"
    REPS_ONLY = "reps_only", "Reps only"
    BODYWEIGHT_REPS = "bodyweight_reps", "Bodyweight reps (+ added weight)"
    BODYWEIGHT_ASSISTED_REPS = "bodyweight_assisted_reps", "Assisted bodyweight reps"
    DURATION = "duration", "Duration"
    WEIGHT_DURATION = "weight_duration", "Weight and duration"
    DISTANCE_DURATION = "distance_duration", "Distance and duration"
    SHORT_DISTANCE_WEIGHT = "short_distance_weight", "Short distance and weight"


# The measures a set of each type must carry (others may be given, e.g. RPE).
REQUIRED_MEASURES: dict[str, tuple[str, ...]] = {
    ExerciseType.WEIGHT_REPS: ("weight_kg", "reps"),
    ExerciseType.REPS_ONLY: ("reps",),
    ExerciseType.BODYWEIGHT_REPS: ("reps",),
    ExerciseType.BODYWEIGHT_ASSISTED_REPS: ("reps",),
    ExerciseType.DURATION: ("duration_seconds",),
    ExerciseType.WEIGHT_DURATION: ("weight_kg", "duration_seconds"),
    ExerciseType.DISTANCE_DURATION: ("distance_m", "duration_seconds"),
    ExerciseType.SHORT_DISTANCE_WEIGHT: ("distance_m", "weight_kg"),
}


class Mechanic(models.TextChoices):
    COMPOUND = "compound", "Compound"
    ISOLATION = "isolation", "Isolation"


class SetType(models.TextChoices):
    WARMUP = "warmup", "Warm-up"
    NORMAL = "normal", "Normal"
    FAILURE = "failure", "Failure"
    DROPSET = "dropset", "Drop set"


RPE_VALIDATORS = [MinValueValidator(Decimal("6")), MaxValueValidator(Decimal("10"))]
NON_NEGATIVE = [MinValueValidator(0)]

# --- Exercise library ----------------------------------------------------------------------------


class Exercise(BaseModel):
    """A movement. Built-in ones have no owner; a custom one belongs to the user who made it."""

    name = models.CharField(max_length=120)
    primary_muscle = models.CharField(max_length=20, choices=MuscleGroup.choices)
    secondary_muscles = models.JSONField(default=list, blank=True)
    equipment = models.CharField(max_length=20, choices=Equipment.choices)
    exercise_type = models.CharField(max_length=30, choices=ExerciseType.choices, default=ExerciseType.WEIGHT_REPS)
    mechanic = models.CharField(max_length=10, choices=Mechanic.choices, default=Mechanic.COMPOUND)
    instructions = models.TextField(blank=True, max_length=4000)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="custom_exercises")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "equipment", condition=Q(owner__isnull=True), name="workouts_builtin_exercise_unique"
            ),
            models.UniqueConstraint(Lower("name"), "equipment", "owner", name="workouts_custom_exercise_unique"),
        ]
        indexes = [
            models.Index(fields=["primary_muscle", "name"]),
            models.Index(fields=["equipment", "name"]),
            models.Index(fields=["exercise_type", "name"]),
            models.Index(Lower("name"), name="workouts_exercise_lower_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_custom(self) -> bool:
        return self.owner_id is not None

    @property
    def required_measures(self) -> tuple[str, ...]:
        return REQUIRED_MEASURES[self.exercise_type]


# --- Plans ---------------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class PlanSource(models.TextChoices):
    MANUAL = "manual", "Built by hand"
    GENERATED = "generated", "Generated"
    IMPORTED = "imported", "Imported"


class Plan(BaseModel):
    """A multi-week program for one client, or a trainer's template (no client) to assign copies of."""

    client = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="plans")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="authored_plans")
    is_template = models.BooleanField(default=False)
    name = models.CharField(max_length=120)
    goal = models.CharField(max_length=20, choices=Goal.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    weeks = models.PositiveSmallIntegerField(default=4, validators=[MinValueValidator(1), MaxValueValidator(52)])
    notes = models.TextField(blank=True, max_length=4000)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    source = models.CharField(max_length=10, choices=PlanSource.choices, default=PlanSource.MANUAL)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="active"), name="workouts_one_active_plan_per_client"
            ),
            models.CheckConstraint(
                condition=Q(is_template=True, client__isnull=True) | Q(is_template=False, client__isnull=False),
                name="workouts_plan_template_xor_client",
            ),
        ]
        indexes = [models.Index(fields=["client", "status"]), models.Index(fields=["author", "is_template"])]

    def __str__(self) -> str:
        return self.name


class PlanDay(BaseModel):
    """One session template of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="days")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=80)
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)], help_text="0 = Monday ... 6 = Sunday"
    )
    notes = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self) -> str:
        return self.name


class PlanExercise(BaseModel):
    day = models.ForeignKey(PlanDay, on_delete=models.CASCADE, related_name="exercises")
    position = models.PositiveSmallIntegerField(default=0)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    superset_group = models.PositiveSmallIntegerField(null=True, blank=True)
    rest_seconds = models.PositiveSmallIntegerField(default=90, validators=[MaxValueValidator(1800)])
    notes = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["day", "position"]
        indexes = [models.Index(fields=["day", "position"])]

    def __str__(self) -> str:
        return f"{self.exercise} in {self.day}"


class PlanSet(BaseModel):
    """A target set, with an optional weekly progression (e.g. +2.5 kg a week, or +1 rep a week)."""

    plan_exercise = models.ForeignKey(PlanExercise, on_delete=models.CASCADE, related_name="sets")
    position = models.PositiveSmallIntegerField(default=0)
    set_type = models.CharField(max_length=10, choices=SetType.choices, default=SetType.NORMAL)
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(1000)])
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(1000)])
    target_weight_kg = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE
    )
    target_rpe = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True, validators=RPE_VALIDATORS)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    distance_m = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE)
    weight_increment_kg = models.DecimalField(
        "weight added each week", max_digits=5, decimal_places=2, default=Decimal("0")
    )
    reps_increment = models.SmallIntegerField("reps added each week", default=0)

    class Meta:
        ordering = ["plan_exercise", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_max__isnull=True) | Q(reps_min__lte=models.F("reps_max")),
                name="workouts_planset_rep_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"Set {self.position + 1} of {self.plan_exercise}"


# --- Logged workouts -----------------------------------------------------------------------------


class WorkoutSource(models.TextChoices):
    FITNESSPR = "fitnesspr", "FitnessPr"
    HEVY = "hevy", "Hevy"


class Workout(BaseModel):
    """A session that was performed and logged. `ended_at` is null while it is in progress."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="workouts")
    plan_day = models.ForeignKey(PlanDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="workouts")
    name = models.CharField(max_length=120)
    notes = models.TextField(blank=True, max_length=4000)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=WorkoutSource.choices, default=WorkoutSource.FITNESSPR)
    hevy_id = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "hevy_id"], condition=Q(hevy_id__isnull=False), name="workouts_hevy_id_unique_per_user"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="workouts_workout_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.started_at:%Y-%m-%d})"

    @property
    def duration_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())


class WorkoutExercise(BaseModel):
    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="exercises")
    position = models.PositiveSmallIntegerField(default=0)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    superset_group = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["workout", "position"]
        indexes = [models.Index(fields=["workout", "position"]), models.Index(fields=["exercise", "workout"])]

    def __str__(self) -> str:
        return f"{self.exercise} in {self.workout}"


class WorkoutSet(BaseModel):
    """One performed set. `estimated_1rm_kg` (Epley, sets of at most 10 reps) is kept up to date by the services."""

    workout_exercise = models.ForeignKey(WorkoutExercise, on_delete=models.CASCADE, related_name="sets")
    position = models.PositiveSmallIntegerField(default=0)
    set_type = models.CharField(max_length=10, choices=SetType.choices, default=SetType.NORMAL)
    reps = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(1000)])
    weight_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True, validators=NON_NEGATIVE)
    distance_m = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True, validators=[MaxValueValidator(86400)])
    rpe = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True, validators=RPE_VALIDATORS)
    estimated_1rm_kg = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["workout_exercise", "position"]
        indexes = [models.Index(fields=["workout_exercise", "position"])]

    def __str__(self) -> str:
        return f"Set {self.position + 1} of {self.workout_exercise}"


class WorkoutComment(BaseModel):
    """A trainer's (or the client's) comment on a workout."""

    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=4000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.workout}"


# --- Personal records ----------------------------------------------------------------------------


class RecordKind(models.TextChoices):
    ESTIMATED_1RM = "e1rm", "Best estimated 1RM"
    HEAVIEST_WEIGHT = "heaviest", "Heaviest weight"
    MOST_REPS = "most_reps", "Most reps at a weight"
    BEST_VOLUME = "volume", "Best session volume"


class PersonalRecord(BaseModel):
    """A record set when a workout was saved. The newest row of a (user, exercise, kind[, weight]) is the record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="personal_records")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=RecordKind.choices)
    value = models.DecimalField(max_digits=10, decimal_places=2)
    weight_kg = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, help_text="The weight, for most reps at a weight."
    )
    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="records")
    workout_set = models.ForeignKey(WorkoutSet, on_delete=models.CASCADE, null=True, blank=True, related_name="records")
    achieved_at = models.DateTimeField()

    class Meta:
        ordering = ["-achieved_at"]
        indexes = [models.Index(fields=["user", "exercise", "kind", "-achieved_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value} on {self.exercise}"


# --- Training preferences ------------------------------------------------------------------------


def _choices(*values: str, unit: str) -> list[tuple[Decimal, str]]:
    """Values as the database gives them back (2 places), so a form shows the stored one as chosen."""
    return [(Decimal(value).quantize(Decimal("0.01")), f"{value} {unit}") for value in values]


class TrainingPreferences(BaseModel):
    """The steps a user's gym can load (see workouts/loading.py); a user without a row has the defaults."""

    PLATE_KG_CHOICES = _choices("0.25", "0.5", "1", "1.25", "2.5", unit="kg")
    PLATE_LB_CHOICES = _choices("1.25", "2.5", "5", unit="lb")
    MACHINE_KG_CHOICES = _choices("1", "2.5", "5", unit="kg")
    MACHINE_LB_CHOICES = _choices("2.5", "5", "10", unit="lb")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="training_preferences")
    barbell_plate_kg = models.DecimalField(
        "smallest plate (kg)", max_digits=4, decimal_places=2, choices=PLATE_KG_CHOICES, default=Decimal("1.25"),
        help_text="A barbell weight goes up by a pair of these.",
    )  # fmt: skip
    barbell_plate_lb = models.DecimalField(
        "smallest plate (lb)", max_digits=4, decimal_places=2, choices=PLATE_LB_CHOICES, default=Decimal("2.50"),
        help_text="A barbell weight goes up by a pair of these.",
    )  # fmt: skip
    machine_step_kg = models.DecimalField(
        "machine and cable step (kg)", max_digits=4, decimal_places=2, choices=MACHINE_KG_CHOICES,
        default=Decimal("2.50"),
    )  # fmt: skip
    machine_step_lb = models.DecimalField(
        "machine and cable step (lb)", max_digits=4, decimal_places=2, choices=MACHINE_LB_CHOICES,
        default=Decimal("5.00"),
    )  # fmt: skip

    class Meta:
        verbose_name_plural = "training preferences"

    def __str__(self) -> str:
        return f"Training preferences of {self.user}"
