from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from accounts.api.filters import ClientFilter
from fitnesspr.api.filters import BooleanFilter
from workouts.models import Workout, WorkoutExercise, WorkoutSource


class WorkoutFilter(django_filters.FilterSet):
    started_after = django_filters.IsoDateTimeFilter(
        field_name="started_at", lookup_expr="gte", label="Workouts started at or after this time (ISO 8601)."
    )
    started_before = django_filters.IsoDateTimeFilter(
        field_name="started_at", lookup_expr="lt", label="Workouts started before this time (ISO 8601)."
    )
    exercise = django_filters.UUIDFilter(method="filter_exercise", label="Workouts that include this exercise (id).")
    source = django_filters.ChoiceFilter(choices=WorkoutSource.choices, label="Where the workout was logged.")
    client = ClientFilter(field_name="user_id", label="One client's workouts (trainers: one of your current clients).")
    user = ClientFilter(field_name="user_id", label="The same as `client` (its older name).")
    in_progress = BooleanFilter(field_name="ended_at", lookup_expr="isnull", label="true: workouts not finished yet.")

    class Meta:
        model = Workout
        fields = ("started_after", "started_before", "exercise", "source", "client", "user", "in_progress")

    def filter_exercise(self, queryset: QuerySet[Workout], name: str, value: object) -> QuerySet[Workout]:
        return queryset.filter(Exists(WorkoutExercise.objects.filter(workout=OuterRef("pk"), exercise_id=value)))
