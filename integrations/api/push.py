"""API: pushing plans to Hevy (`plans/{id}/push-to-hevy/`)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

import fitnesspr.api.converters  # noqa: F401  (registers the `object_id` path converter)
from fitnesspr.api.schema import error_responses
from integrations.hevy.push.plans import plan_push
from integrations.selectors import plan_get_for_push


class PushedRoutineSerializer(serializers.Serializer):
    plan_day = serializers.UUIDField(source="plan_day_id", help_text="The plan day sent as this routine.")
    name = serializers.CharField(help_text="The routine's title (the day's name).")
    routine_id = serializers.CharField(help_text="The Hevy routine id.")
    action = serializers.ChoiceField(choices=["created", "updated"])


class PlanPushResultSerializer(serializers.Serializer):
    plan = serializers.UUIDField(source="plan_id")
    week = serializers.IntegerField(help_text="The plan week whose targets were sent (Hevy has no progression).")
    folder_id = serializers.IntegerField(help_text="The Hevy routine folder of the plan.")
    folder_created = serializers.BooleanField(help_text="True when this push created the folder.")
    routines = PushedRoutineSerializer(many=True)
    skipped_days = serializers.ListField(
        child=serializers.CharField(), help_text="Days without exercises, not sent (Hevy needs exercises)."
    )
    custom_exercises_created = serializers.ListField(
        child=serializers.CharField(), help_text="Exercises Hevy had no template for: added as Hevy custom exercises."
    )


class PlanPushView(APIView):
    @extend_schema(
        tags=["integrations"],
        summary="Send a plan to Hevy",
        description=(
            "Sends the plan to its client's Hevy account: one routine folder for the plan (made once), one routine "
            "per day with its exercises and target sets (rep ranges as Hevy rep ranges; the targets of the plan's "
            "current week, as the plan page shows them). Pushing "
            "again updates the same routines; a new day gets a new routine. Exercises Hevy has no template for are "
            "added to the account as custom exercises first. Allowed for the plan's client and their trainer (404 "
            "for anyone else). Errors: 400 `plan_is_template`; 409 `hevy_not_connected` / `hevy_key_invalid` (the "
            "client must connect Hevy), `hevy_limit` (Hevy's routine or custom-exercise limit), "
            "`hevy_push_running`; 502 `hevy_unavailable` / `hevy_rejected`. What Hevy made before an error is kept "
            "and updated by the next push."
        ),
        request=None,
        responses={
            200: PlanPushResultSerializer,
            **error_responses(
                400,
                409,
                502,
                e400="A template (`plan_is_template`): assign it to a client first.",
                e409="Hevy is not connected, its key was rejected, a Hevy limit is reached, or a push is running.",
                e502="Hevy could not be reached or rejected the request.",
            ),
        },
    )
    def post(self, request: Request, plan_id: str) -> Response:
        plan = plan_get_for_push(request.user, plan_id)
        result = plan_push(user=request.user, plan=plan)
        return Response(PlanPushResultSerializer(result).data)


api_urlpatterns = [path("plans/<object_id:plan_id>/push-to-hevy/", PlanPushView.as_view(), name="plan-push-to-hevy")]
