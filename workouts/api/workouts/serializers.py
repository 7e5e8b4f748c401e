"""Shapes of the workouts API. Input serializers check types; workouts.services checks the rules
(set types, RPE steps, no negatives, the measures of each exercise type, times, visible exercises)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from workouts.models import PersonalRecord, SetType, Workout, WorkoutComment, WorkoutExercise, WorkoutSet


def _decimal(max_digits: int, places: int, **kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=max_digits, decimal_places=places, coerce_to_string=False, **kwargs)


# --- Output --------------------------------------------------------------------------------------


class WorkoutSetSerializer(serializers.ModelSerializer):
    weight_kg = _decimal(6, 2, allow_null=True)
    distance_m = _decimal(8, 1, allow_null=True)
    rpe = _decimal(3, 1, allow_null=True)
    estimated_1rm_kg = _decimal(
        6, 2, allow_null=True, help_text="Epley: weight x (1 + reps / 30), from sets of 1 to 10 reps; not warm-ups."
    )

    class Meta:
        model = WorkoutSet
        fields = (
            "id",
            "workout_exercise",
            "position",
            "set_type",
            "reps",
            "weight_kg",
            "distance_m",
            "duration_seconds",
            "rpe",
            "estimated_1rm_kg",
        )
        read_only_fields = fields


class WorkoutExerciseSerializer(serializers.ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    exercise_type = serializers.CharField(source="exercise.exercise_type", read_only=True)
    sets = WorkoutSetSerializer(many=True, read_only=True)

    class Meta:
        model = WorkoutExercise
        fields = ("id", "position", "exercise", "exercise_name", "exercise_type", "superset_group", "notes", "sets")
        read_only_fields = fields


class WorkoutSerializer(serializers.ModelSerializer):
    # a plain string (not an enum component: plans have a `source` of their own)
    source = serializers.CharField(read_only=True, help_text="Where it was logged: `fitnesspr` or `hevy`.")
    duration_seconds = serializers.IntegerField(read_only=True, allow_null=True, help_text="Null while in progress.")
    exercises = WorkoutExerciseSerializer(many=True, read_only=True)

    class Meta:
        model = Workout
        fields = (
            "id",
            "user",
            "plan_day",
            "name",
            "notes",
            "started_at",
            "ended_at",
            "duration_seconds",
            "source",
            "hevy_id",
            "exercises",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class WorkoutRecordSerializer(serializers.ModelSerializer):
    value = _decimal(10, 2, help_text="kg for e1rm, heaviest and volume; a number of reps for most_reps.")
    weight_kg = _decimal(6, 2, allow_null=True, help_text="For most_reps: the weight (null for bodyweight).")

    class Meta:
        model = PersonalRecord
        fields = ("id", "exercise", "kind", "value", "weight_kg", "workout", "workout_set", "achieved_at")
        read_only_fields = fields


class WorkoutWithRecordsSerializer(WorkoutSerializer):
    new_records = WorkoutRecordSerializer(many=True, read_only=True, help_text="Records this workout set.")

    class Meta(WorkoutSerializer.Meta):
        fields = (*WorkoutSerializer.Meta.fields, "new_records")
        read_only_fields = fields


class WorkoutSetWithRecordsSerializer(WorkoutSetSerializer):
    new_records = WorkoutRecordSerializer(many=True, read_only=True, help_text="Records this change set.")

    class Meta(WorkoutSetSerializer.Meta):
        fields = (*WorkoutSetSerializer.Meta.fields, "new_records")
        read_only_fields = fields


class SetsCreatedSerializer(serializers.Serializer):
    sets = WorkoutSetSerializer(many=True)
    new_records = WorkoutRecordSerializer(many=True)


class WorkoutCommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.display_name", read_only=True)

    class Meta:
        model = WorkoutComment
        fields = ("id", "workout", "author", "author_name", "body", "created_at")
        read_only_fields = fields


# --- Input ---------------------------------------------------------------------------------------


class SetInputSerializer(serializers.Serializer):
    set_type = serializers.ChoiceField(choices=SetType.choices, required=False, default=SetType.NORMAL)
    reps = serializers.IntegerField(required=False, allow_null=True)
    weight_kg = _decimal(8, 2, required=False, allow_null=True)
    distance_m = _decimal(10, 1, required=False, allow_null=True)
    duration_seconds = serializers.IntegerField(required=False, allow_null=True)
    rpe = _decimal(3, 1, required=False, allow_null=True, help_text="6 to 10 in steps of 0.5, or null.")


class SetPatchSerializer(SetInputSerializer):
    set_type = serializers.ChoiceField(choices=SetType.choices, required=False)


class BulkSetInputSerializer(SetInputSerializer):
    workout_exercise = serializers.UUIDField(
        required=False, help_text="An exercise entry of this workout (its `exercises[].id`)."
    )
    exercise = serializers.UUIDField(
        required=False,
        help_text="Or an exercise id: its first entry in the workout, added at the end if it is not there yet.",
    )


class ExerciseInputSerializer(serializers.Serializer):
    exercise = serializers.UUIDField(help_text="An exercise of your library.")
    superset_group = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=32767)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    sets = SetInputSerializer(many=True, required=False)


class WorkoutCreateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    started_at = serializers.DateTimeField(required=False, help_text="Default: now. At most 5 minutes ahead.")
    ended_at = serializers.DateTimeField(required=False, allow_null=True, help_text="Null: still in progress.")
    plan_day = serializers.UUIDField(required=False, allow_null=True, help_text="A day of your plan.")
    exercises = ExerciseInputSerializer(many=True, required=False)


class WorkoutUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=120)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    started_at = serializers.DateTimeField(required=False)
    ended_at = serializers.DateTimeField(required=False, allow_null=True)


class WorkoutFinishSerializer(serializers.Serializer):
    ended_at = serializers.DateTimeField(required=False, help_text="Default: now.")


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=4000)
