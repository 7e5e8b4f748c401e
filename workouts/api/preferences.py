"""API: the caller's training preferences, the steps their plates and machines can load
(`GET/PATCH /api/v1/training-preferences/`). Plan targets (`plans/`, `plans/today/`) are rounded with them."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fitnesspr.api.schema import error_responses
from workouts.models import TrainingPreferences
from workouts.selectors.preferences import PREFERENCE_FIELDS, training_preferences_for
from workouts.services.preferences import training_preferences_update


def _step_field(choices: list[tuple[Any, str]], text: str) -> serializers.DecimalField:
    allowed = ", ".join(label for _, label in choices)
    return serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, required=False, help_text=f"{text} One of: {allowed}."
    )


class TrainingPreferencesSerializer(serializers.Serializer):
    barbell_plate_kg = _step_field(
        TrainingPreferences.PLATE_KG_CHOICES, "Smallest barbell plate in kg: barbell targets go up by a pair."
    )
    barbell_plate_lb = _step_field(
        TrainingPreferences.PLATE_LB_CHOICES, "Smallest barbell plate in lb: barbell targets go up by a pair."
    )
    machine_step_kg = _step_field(TrainingPreferences.MACHINE_KG_CHOICES, "Machine and cable step in kg.")
    machine_step_lb = _step_field(TrainingPreferences.MACHINE_LB_CHOICES, "Machine and cable step in lb.")


DESCRIPTION = (
    "Every prescribed weight (plan targets and their weekly progression) is rounded to a loadable one in the "
    "lifter's unit: barbell to a pair of the smallest plates, a single plate or added bodyweight to one, machines "
    "and cables to the machine step, dumbbells and kettlebells to 1 kg under 10 kg then 2 kg (2.5 lb under 20 lb "
    "then 5 lb). Values are in kg or lb as the field names say, whatever the user's display unit. A user who "
    "never chose has the defaults (1.25 kg / 2.5 lb plates, 2.5 kg / 5 lb machine steps)."
)


class TrainingPreferencesView(APIView):
    @extend_schema(
        tags=["training preferences"],
        summary="Your weight steps",
        description=DESCRIPTION,
        responses={200: TrainingPreferencesSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(TrainingPreferencesSerializer(training_preferences_for(request.user)).data)

    @extend_schema(
        tags=["training preferences"],
        summary="Change your weight steps",
        description=f"{DESCRIPTION} Send only the fields to change; a value outside its list is a 400.",
        request=TrainingPreferencesSerializer,
        responses={200: TrainingPreferencesSerializer, **error_responses(400)},
    )
    def patch(self, request: Request) -> Response:
        serializer = TrainingPreferencesSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {key: value for key, value in serializer.validated_data.items() if key in PREFERENCE_FIELDS}
        preferences = training_preferences_update(user=request.user, data=data)
        return Response(TrainingPreferencesSerializer(preferences).data)


api_urlpatterns = [
    path("training-preferences/", TrainingPreferencesView.as_view(), name="training-preferences"),
]
