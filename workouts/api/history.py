"""API: the training history (weekly totals), an exercise's records and e1RM curve, and personal records.

Reads only. `?client=<uuid>` lets a trainer read one of their current clients; anyone else's id answers 404
(accounts.selectors.client_get_for_user, through history_owner_get).
Weights are in kg, durations in seconds, whatever the user's display preference.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from fitnesspr.api.pagination import PageNumberPagination
from fitnesspr.api.schema import client_parameter, error_responses
from workouts.models import PersonalRecord, RecordKind, Workout
from workouts.selectors.access import exercise_get_for_user
from workouts.selectors.history import (
    EPLEY_SENTENCE,
    attach_week_workouts,
    exercise_history,
    history_owner_get,
    record_list,
    week_totals,
)

CLIENT_PARAMETER = client_parameter("A trainer reads one of their current clients (their user id).")


def _decimal_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False, **kwargs)


# --- Serializers -------------------------------------------------------------------------------------


class WeekWorkoutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)
    duration_seconds = serializers.IntegerField(allow_null=True, help_text="Null while the workout is in progress.")
    working_sets = serializers.IntegerField(help_text="Sets that are not warm-ups.")
    volume_kg = _decimal_field(help_text="Sum of weight x reps over the working sets.")
    exercises = serializers.SerializerMethodField()

    def get_exercises(self, workout: Workout) -> list[str]:
        return [entry.exercise.name for entry in workout.exercises.all()]


class WeekSerializer(serializers.Serializer):
    week_start = serializers.DateField(source="start", help_text="The Monday of the week, in the owner's time zone.")
    week_end = serializers.DateField(source="end", help_text="The Sunday of the week.")
    workout_count = serializers.IntegerField(source="workouts")
    working_sets = serializers.IntegerField(help_text="Sets that are not warm-ups.")
    volume_kg = _decimal_field(help_text="Sum of weight x reps over the working sets.")
    duration_seconds = serializers.IntegerField(help_text="Total duration of the finished workouts.")
    workouts = WeekWorkoutSerializer(source="workout_list", many=True)


class WeekPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="The number of weeks with workouts.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = WeekSerializer(many=True)


class SetRecordSerializer(serializers.Serializer):
    value = _decimal_field()
    weight_kg = _decimal_field(allow_null=True)
    reps = serializers.IntegerField(allow_null=True)
    achieved_at = serializers.DateTimeField(allow_null=True)
    workout_id = serializers.UUIDField(allow_null=True)


class RepRecordSerializer(serializers.Serializer):
    weight_kg = _decimal_field()
    reps = serializers.IntegerField(help_text="The most reps done at this weight.")


class SeriesPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    estimated_1rm_kg = _decimal_field()


class SessionSetSerializer(serializers.Serializer):
    set_type = serializers.CharField()
    reps = serializers.IntegerField(allow_null=True)
    weight_kg = _decimal_field(allow_null=True)
    distance_m = _decimal_field(allow_null=True)
    duration_seconds = serializers.IntegerField(allow_null=True)
    rpe = serializers.DecimalField(max_digits=3, decimal_places=1, coerce_to_string=False, allow_null=True)
    estimated_1rm_kg = _decimal_field(allow_null=True)


class SessionSerializer(serializers.Serializer):
    workout_id = serializers.UUIDField()
    workout_name = serializers.CharField(source="workout.name")
    started_at = serializers.DateTimeField(source="workout.started_at")
    sets = SessionSetSerializer(many=True, source="sets.all")


class ExerciseHistorySerializer(serializers.Serializer):
    exercise_id = serializers.UUIDField(source="exercise.id")
    exercise_name = serializers.CharField(source="exercise.name")
    formula = serializers.CharField(help_text="How the estimated 1RM is computed.")
    best_estimated_1rm = SetRecordSerializer(source="best_e1rm", allow_null=True)
    heaviest_weight = SetRecordSerializer(source="heaviest", allow_null=True)
    most_reps = RepRecordSerializer(many=True, help_text="Most reps at each of the heaviest weights, heaviest first.")
    best_session_volume = SetRecordSerializer(source="best_volume", allow_null=True)
    series = serializers.SerializerMethodField(help_text="The best estimated 1RM of each session, oldest first.")
    recent_sessions = SessionSerializer(source="sessions", many=True, help_text="The last sessions, newest first.")

    @extend_schema_field(SeriesPointSerializer(many=True))
    def get_series(self, history: Any) -> list[dict]:
        return [{"date": date, "estimated_1rm_kg": value} for date, value in history.series]


class PersonalRecordSerializer(serializers.ModelSerializer):
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)
    value = _decimal_field(
        help_text="kg for e1rm, heaviest and volume (kg x reps); a number of reps for most_reps.", read_only=True
    )
    weight_kg = _decimal_field(allow_null=True, read_only=True, help_text="The weight, for most_reps.")

    class Meta:
        model = PersonalRecord
        fields = ("id", "user", "exercise", "exercise_name", "kind", "value", "weight_kg", "workout", "workout_set",
                  "achieved_at")  # fmt: skip
        read_only_fields = fields


# --- Views -----------------------------------------------------------------------------------------


def _owner(request: Request) -> User:
    return history_owner_get(request.user, request.query_params.get("client"))


class WeekListView(APIView):
    @extend_schema(
        tags=["history"],
        summary="Training history by week",
        description=(
            "The weeks (Monday to Sunday in the owner's time zone, newest first) in which workouts were logged, "
            "with their totals: workouts, working sets (sets that are not warm-ups), volume (sum of weight x reps "
            "of the working sets, in kg) and duration, and the workouts of each week with their own totals. "
            "Paginated by weeks. Your own history, or `?client=` for a trainer's current client."
        ),
        parameters=[
            CLIENT_PARAMETER,
            OpenApiParameter("page", int, description="A page number, from 1."),
            OpenApiParameter("page_size", int, description="Weeks per page: 20 by default, 100 at most."),
        ],
        responses={
            200: WeekPageSerializer,
            **error_responses(404, e404="Not your client, or a page past the end."),
        },
    )
    def get(self, request: Request) -> Response:
        owner = _owner(request)
        paginator = PageNumberPagination()
        # All the week totals in two grouped queries (a row a week), then the workouts of this page's weeks.
        weeks = paginator.paginate_queryset(week_totals(viewer=request.user, owner=owner), request, view=self)
        attach_week_workouts(viewer=request.user, owner=owner, weeks=weeks)
        return paginator.get_paginated_response(WeekSerializer(weeks, many=True).data)


class ExerciseHistoryView(APIView):
    @extend_schema(
        tags=["history"],
        summary="An exercise's records and estimated 1RM over time",
        description=(
            f"The current records on one exercise (working sets only): best estimated 1RM, heaviest weight, "
            f"most reps at each of the heaviest weights, best session volume; the best estimated 1RM of each "
            f"session (oldest first, for a chart) and the last sessions with their sets. {EPLEY_SENTENCE} "
            "Your own, or `?client=` for a trainer's current client. An exercise you cannot see answers 404."
        ),
        parameters=[CLIENT_PARAMETER],
        responses={200: ExerciseHistorySerializer},
    )
    def get(self, request: Request, exercise_id: str) -> Response:
        owner = _owner(request)
        exercise = exercise_get_for_user(request.user, exercise_id)
        history = exercise_history(viewer=request.user, owner=owner, exercise=exercise)
        return Response(ExerciseHistorySerializer(history).data)


class RecordFilter(django_filters.FilterSet):
    exercise = django_filters.UUIDFilter(field_name="exercise_id", label="Only the records of this exercise.")
    kind = django_filters.ChoiceFilter(choices=RecordKind.choices, label="e1rm, heaviest, most_reps or volume.")

    class Meta:
        model = PersonalRecord
        fields = ("exercise", "kind")


class RecordListView(generics.ListAPIView):
    serializer_class = PersonalRecordSerializer
    filterset_class = RecordFilter
    ordering_fields = ("achieved_at", "value")
    ordering = ("-achieved_at",)

    @extend_schema(
        tags=["history"],
        summary="Personal records",
        description=(
            "Every record set when a workout was saved (a new row each time a record is beaten; the newest of a "
            "kind is the current one): yours and, for a trainer, your current clients'; `?client=` keeps one "
            "client's. Kinds: `e1rm` (best estimated 1RM, kg), `heaviest` (kg), `most_reps` (reps at "
            "`weight_kg`), `volume` (best session volume, kg)."
        ),
        parameters=[CLIENT_PARAMETER],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[PersonalRecord]:
        if getattr(self, "swagger_fake_view", False):
            return PersonalRecord.objects.none()
        client_id = self.request.query_params.get("client")
        owner = history_owner_get(self.request.user, client_id) if client_id else None
        return record_list(viewer=self.request.user, owner=owner)


api_urlpatterns = [
    path("history/weeks/", WeekListView.as_view(), name="history-weeks"),
    path("history/exercises/<object_id:exercise_id>/", ExerciseHistoryView.as_view(), name="history-exercise"),
    path("records/", RecordListView.as_view(), name="record-list"),
]
