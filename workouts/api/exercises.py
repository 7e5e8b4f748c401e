"""API: the exercise library (`exercises/`).

Everyone logged in reads the built-ins and the custom exercises the access rule shows them (their own, their
trainer's or their current clients'); anyone adds custom exercises. Only the owner changes or deletes one:
a built-in or someone else's visible custom exercise answers 403, one that is not visible 404.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.models import Equipment, User
from fitnesspr.api.filters import BooleanFilter
from fitnesspr.api.mixins import ScopedViewSetMixin
from fitnesspr.api.schema import error_responses
from workouts.models import Exercise, ExerciseType, Mechanic, MuscleGroup
from workouts.selectors.access import exercise_get_for_edit
from workouts.selectors.exercises import exercise_detail, exercise_filter, exercise_list
from workouts.services.exercises import exercise_create, exercise_delete, exercise_update

# --- Shapes ----------------------------------------------------------------------------------------

# The muscle groups of `secondary_muscles`, as a choice set of its own (value, value): with MuscleGroup.choices
# the schema would give one choice set two names (PrimaryMuscleEnum, SecondaryMusclesEnum), which
# `spectacular --fail-on-warn` refuses. An ENUM_NAME_OVERRIDES entry for MuscleGroup would allow sharing it.
SECONDARY_MUSCLE_CHOICES = [(value, value) for value in MuscleGroup.values]


class ExerciseSerializer(serializers.ModelSerializer):
    secondary_muscles = serializers.ListField(
        child=serializers.ChoiceField(choices=SECONDARY_MUSCLE_CHOICES), help_text="Other muscle groups it works."
    )
    is_custom = serializers.BooleanField(read_only=True, help_text="Added by a user (false: built-in).")
    is_own = serializers.SerializerMethodField(help_text="Added by you: you may change or delete it.")
    owner = serializers.UUIDField(source="owner_id", read_only=True, allow_null=True, help_text="Who added it.")
    owner_name = serializers.SerializerMethodField(help_text="The display name of who added it; null for built-ins.")
    required_measures = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="What a logged set of this exercise must carry, from its type (e.g. `weight_kg`, `reps`).",
    )

    class Meta:
        model = Exercise
        fields = (
            "id",
            "name",
            "primary_muscle",
            "secondary_muscles",
            "equipment",
            "exercise_type",
            "mechanic",
            "instructions",
            "is_custom",
            "is_own",
            "owner",
            "owner_name",
            "required_measures",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_is_own(self, exercise: Exercise) -> bool:
        request = self.context.get("request")
        return bool(request and exercise.owner_id is not None and exercise.owner_id == request.user.pk)

    def get_owner_name(self, exercise: Exercise) -> str | None:
        return exercise.owner.display_name if exercise.owner_id else None


class ExerciseWriteSerializer(serializers.Serializer):
    """The shape of a custom exercise; the vocabularies and duplicates are checked by the service too."""

    name = serializers.CharField(max_length=120)
    primary_muscle = serializers.ChoiceField(choices=MuscleGroup.choices)
    secondary_muscles = serializers.ListField(
        child=serializers.ChoiceField(choices=SECONDARY_MUSCLE_CHOICES), required=False, max_length=len(MuscleGroup)
    )
    equipment = serializers.ChoiceField(
        choices=Equipment.choices, help_text="Cable movements use `machine`; bodyweight ones `none`."
    )
    exercise_type = serializers.ChoiceField(choices=ExerciseType.choices, required=False)
    mechanic = serializers.ChoiceField(choices=Mechanic.choices, required=False)
    instructions = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class ExerciseFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_noop", label="Name words: every word must appear in the name, in any order."
    )
    muscle = django_filters.ChoiceFilter(
        choices=MuscleGroup.choices, method="filter_noop", label="Primary or secondary muscle group."
    )
    equipment = django_filters.ChoiceFilter(choices=Equipment.choices, method="filter_noop")
    exercise_type = django_filters.ChoiceFilter(choices=ExerciseType.choices, method="filter_noop")
    custom = BooleanFilter(method="filter_noop", label="true: custom exercises only; false: built-ins only.")

    class Meta:
        model = Exercise
        fields = ("search", "muscle", "equipment", "exercise_type", "custom")

    def filter_noop(self, queryset: QuerySet[Exercise], name: str, value: Any) -> QuerySet[Exercise]:
        return queryset  # all filters are applied together in filter_queryset, by the selector's exercise_filter

    def filter_queryset(self, queryset: QuerySet[Exercise]) -> QuerySet[Exercise]:
        data = self.form.cleaned_data
        return exercise_filter(
            queryset,
            search=data.get("search"),
            muscle=data.get("muscle"),
            equipment=data.get("equipment"),
            exercise_type=data.get("exercise_type"),
            custom=data.get("custom"),
        )


# --- Views -----------------------------------------------------------------------------------------

WRITE_ERRORS = error_responses(
    403,
    409,
    e403="A built-in exercise, or a custom exercise someone else added: only its owner changes it.",
    e409="`exercise_exists`: an exercise with this name and equipment is already in your library.",
)


@extend_schema_view(
    list=extend_schema(
        summary="The exercise library",
        description=(
            "Built-in exercises and the custom exercises you may use: your own, your trainer's (for a client) or "
            "your current clients' (for a trainer). `search` matches name words in any order; `muscle` matches "
            "the primary or a secondary muscle group. Sorted by name by default."
        ),
    ),
    retrieve=extend_schema(
        summary="One exercise", description="404 for a custom exercise you cannot see, like a missing one."
    ),
    create=extend_schema(
        summary="Add a custom exercise",
        description=(
            "Trainers and clients add their own exercises; a trainer's are visible to their clients and a client's "
            "to their trainer. The name may not repeat, with the same equipment, an exercise you can already see: "
            "409 `exercise_exists`. `exercise_type` defaults to `weight_reps`, `mechanic` to `compound`."
        ),
        request=ExerciseWriteSerializer,
        responses={201: ExerciseSerializer, **error_responses(409, e409=WRITE_ERRORS[409].description)},
    ),
    update=extend_schema(
        summary="Replace your custom exercise",
        description="Only the person who added it; built-ins and others' exercises answer 403.",
        request=ExerciseWriteSerializer,
        responses={200: ExerciseSerializer, **WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change your custom exercise",
        description="Send only the fields that change. Only the person who added it; others get 403.",
        request=ExerciseWriteSerializer,
        responses={200: ExerciseSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Delete your custom exercise",
        description=(
            "Only the person who added it (others get 403). An exercise used in a plan or a logged workout cannot "
            "be deleted: 409 `exercise_in_use`."
        ),
        responses={
            204: OpenApiResponse(description="Deleted."),
            **error_responses(
                403,
                409,
                e403=WRITE_ERRORS[403].description,
                e409="`exercise_in_use`: a plan or a logged workout uses it.",
            ),
        },
    ),
)
@extend_schema(tags=["exercises"])
class ExerciseViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    model = Exercise
    serializer_class = ExerciseSerializer
    filterset_class = ExerciseFilter
    ordering_fields = ("name", "created_at")
    ordering = ("name", "equipment")

    def scoped_queryset(self, user: User) -> QuerySet[Exercise]:
        return exercise_list(user=user)

    def scoped_object(self, user: User, pk: Any) -> Exercise:
        return exercise_detail(user=user, exercise_id=pk)

    def _output(self, exercise: Exercise, status_code: int = status.HTTP_200_OK) -> Response:
        exercise = exercise_detail(user=self.request.user, exercise_id=exercise.pk)
        return Response(self.get_serializer(exercise).data, status=status_code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ExerciseWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        exercise = exercise_create(user=request.user, **serializer.validated_data)
        return self._output(exercise, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Who may change it comes first: someone else's exercise answers 403 (or 404), whatever the body.
        exercise = exercise_get_for_edit(request.user, kwargs["pk"])
        serializer = ExerciseWriteSerializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        exercise = exercise_update(user=request.user, exercise=exercise, data=dict(serializer.validated_data))
        return self._output(exercise)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        exercise_delete(user=request.user, exercise=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


router = SimpleRouter(use_regex_path=False)
router.register("exercises", ExerciseViewSet, basename="exercise")

api_urlpatterns = [*router.urls]
