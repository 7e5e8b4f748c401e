"""Shapes of the plans API. Input serializers check types; workouts.services.plans checks the rules
(rep ranges, RPE steps, measures of the exercise type, visible exercises and clients) and names each
error by its path, e.g. `days.0.exercises.1.sets.2.reps_max`.
"""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Goal
from workouts.models import ExerciseType, Plan, PlanDay, PlanExercise, PlanSet, PlanSource, PlanStatus, SetType
from workouts.services.plans.validation import MAX_DAYS

NUMBER = {"coerce_to_string": False}

# --- Read ----------------------------------------------------------------------------------------


class PlanSetSerializer(serializers.ModelSerializer):
    target_weight_kg = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, **NUMBER)
    target_rpe = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True, **NUMBER)
    distance_m = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True, **NUMBER)
    weight_increment_kg = serializers.DecimalField(max_digits=5, decimal_places=2, **NUMBER)

    class Meta:
        model = PlanSet
        fields = (
            "id",
            "position",
            "set_type",
            "reps_min",
            "reps_max",
            "target_weight_kg",
            "target_rpe",
            "duration_seconds",
            "distance_m",
            "weight_increment_kg",
            "reps_increment",
        )
        read_only_fields = fields


class PlanExerciseSerializer(serializers.ModelSerializer):
    exercise = serializers.UUIDField(source="exercise_id", read_only=True)
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    exercise_type = serializers.ChoiceField(
        source="exercise.exercise_type", choices=ExerciseType.choices, read_only=True
    )
    sets = PlanSetSerializer(many=True, read_only=True)

    class Meta:
        model = PlanExercise
        fields = (
            "id",
            "position",
            "exercise",
            "exercise_name",
            "exercise_type",
            "superset_group",
            "rest_seconds",
            "notes",
            "sets",
        )
        read_only_fields = fields


class PlanDaySerializer(serializers.ModelSerializer):
    exercises = PlanExerciseSerializer(many=True, read_only=True)

    class Meta:
        model = PlanDay
        fields = ("id", "position", "name", "weekday", "notes", "exercises")
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client_id", read_only=True, allow_null=True)
    client_name = serializers.CharField(source="client.display_name", read_only=True, allow_null=True, default=None)
    author = serializers.UUIDField(source="author_id", read_only=True, allow_null=True)
    author_name = serializers.CharField(source="author.display_name", read_only=True, allow_null=True, default=None)
    copied_from = serializers.UUIDField(source="copied_from_id", read_only=True, allow_null=True)
    days = PlanDaySerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = (
            "id",
            "client",
            "client_name",
            "author",
            "author_name",
            "is_template",
            "name",
            "goal",
            "start_date",
            "weeks",
            "notes",
            "status",
            "source",
            "copied_from",
            "created_at",
            "updated_at",
            "days",
        )
        read_only_fields = fields


# --- Write ---------------------------------------------------------------------------------------


class PlanSetWriteSerializer(serializers.Serializer):
    set_type = serializers.ChoiceField(choices=SetType.choices, default=SetType.NORMAL)
    reps_min = serializers.IntegerField(allow_null=True, required=False, help_text="Fewest reps of a range.")
    reps_max = serializers.IntegerField(
        allow_null=True, required=False, help_text="Most reps of a range; leave out (or equal) for a fixed number."
    )
    target_weight_kg = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, required=False, **NUMBER
    )
    target_rpe = serializers.DecimalField(
        max_digits=3, decimal_places=1, allow_null=True, required=False, help_text="6 to 10 in steps of 0.5.", **NUMBER
    )
    duration_seconds = serializers.IntegerField(allow_null=True, required=False)
    distance_m = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True, required=False, **NUMBER)
    weight_increment_kg = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, help_text="Added to the target weight each week.", **NUMBER
    )
    reps_increment = serializers.IntegerField(required=False, help_text="Added to the reps each week.")


class PlanExerciseWriteSerializer(serializers.Serializer):
    exercise = serializers.UUIDField(help_text="An exercise of the library visible to you and to the client.")
    superset_group = serializers.IntegerField(allow_null=True, required=False)
    rest_seconds = serializers.IntegerField(required=False)
    notes = serializers.CharField(allow_blank=True, required=False, max_length=2000)
    sets = PlanSetWriteSerializer(many=True, required=False, max_length=50)


class PlanDayWriteSerializer(serializers.Serializer):
    id = serializers.UUIDField(
        required=False, help_text="On update: the id of a day of this plan to keep (its logged workouts stay linked)."
    )
    name = serializers.CharField(max_length=80)
    weekday = serializers.IntegerField(allow_null=True, required=False, help_text="0 = Monday ... 6 = Sunday.")
    notes = serializers.CharField(allow_blank=True, required=False, max_length=2000)
    exercises = PlanExerciseWriteSerializer(many=True, required=False, max_length=50)


class PlanUpdateSerializer(serializers.Serializer):
    """Send what changes. `days`, when sent, replaces the whole structure (in the order given)."""

    name = serializers.CharField(max_length=120)
    goal = serializers.ChoiceField(choices=Goal.choices, allow_blank=True)
    start_date = serializers.DateField(allow_null=True)
    weeks = serializers.IntegerField()
    notes = serializers.CharField(allow_blank=True, max_length=4000)
    days = PlanDayWriteSerializer(many=True, max_length=MAX_DAYS)


class PlanCreateSerializer(PlanUpdateSerializer):
    client = serializers.UUIDField(
        required=False, allow_null=True, help_text="The client (trainers). Clients without a trainer leave it out."
    )
    is_template = serializers.BooleanField(default=False, help_text="A trainer's template: no client.")
    source = serializers.ChoiceField(choices=PlanSource.choices, default=PlanSource.MANUAL)

    def get_fields(self) -> dict:
        fields = super().get_fields()
        for name in ("goal", "start_date", "weeks", "notes", "days"):
            fields[name].required = False
        return fields


class ActivateSerializer(serializers.Serializer):
    archive_current = serializers.BooleanField(
        default=False, help_text="Archive the client's current active plan. Without it, one answers 409."
    )


class AssignSerializer(serializers.Serializer):
    clients = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=200)
    start_date = serializers.DateField(allow_null=True, required=False)
    activate = serializers.BooleanField(default=False)
    archive_current = serializers.BooleanField(default=False)


class SaveAsTemplateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)


# --- Today ---------------------------------------------------------------------------------------


class TargetSetSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    set_type = serializers.ChoiceField(choices=SetType.choices)
    reps_min = serializers.IntegerField(allow_null=True)
    reps_max = serializers.IntegerField(allow_null=True)
    weight_kg = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        help_text=(
            "This week's weight, rounded to a loadable one for the exercise's equipment in the client's unit and "
            "with their weight steps (`training-preferences/`): 36.21 kg on a barbell is 35 kg, or 80 lb "
            "(36.29 kg) for a client who trains in pounds."
        ),
        **NUMBER,
    )
    rpe = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True, **NUMBER)
    duration_seconds = serializers.IntegerField(allow_null=True)
    distance_m = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True, **NUMBER)


class TodayExerciseSerializer(serializers.Serializer):
    plan_exercise = serializers.UUIDField()
    exercise = serializers.UUIDField()
    exercise_name = serializers.CharField()
    exercise_type = serializers.ChoiceField(choices=ExerciseType.choices)
    superset_group = serializers.IntegerField(allow_null=True)
    rest_seconds = serializers.IntegerField()
    notes = serializers.CharField()
    targets = TargetSetSerializer(many=True, help_text="This week's targets: the weekly progression is applied.")


class TodayDaySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    weekday = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField()


class TodayPlanSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=PlanStatus.choices)


class TodaySerializer(serializers.Serializer):
    date = serializers.DateField(help_text="Today in the client's time zone.")
    plan = TodayPlanSerializer(allow_null=True, help_text="The client's active plan; null without one.")
    week_number = serializers.IntegerField(allow_null=True)
    plan_day = TodayDaySerializer(allow_null=True, help_text="Today's workout: the plan day to train today.")
    done = serializers.BooleanField(
        help_text=(
            "Whether today's workout is done: a workout of `plan_day` started today (in the client's time zone) "
            "and finished. It stays `plan_day` for the rest of the day; the one offered after it is `next_plan_day`."
        )
    )
    done_workout = serializers.UUIDField(
        allow_null=True, help_text="The finished workout of today's `plan_day` when `done`; null otherwise."
    )
    next_plan_day = TodayDaySerializer(
        allow_null=True,
        help_text=(
            "When `done`: the plan day offered next (tomorrow's, or sooner if the client starts it); null otherwise."
        ),
    )
    exercises = TodayExerciseSerializer(many=True, help_text="The exercises of `plan_day` with this week's targets.")
