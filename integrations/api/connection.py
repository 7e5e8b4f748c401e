"""API: the Hevy connection and syncs.

- `integrations/hevy/`: GET your connection (never the key: only its last four characters); PUT or POST
  `{api_key}` connects (Hevy checks the key first); PATCH `{push_workouts}`; DELETE disconnects.
- `integrations/hevy/sync/`: POST starts a sync now (202 with the run; 409 while one is queued or running).
- `integrations/hevy/sync-runs/`: your syncs, newest first (paginated).
Every user reaches their own connection only: there is no id in these URLs.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fitnesspr.api.schema import error_responses
from fitnesspr.errors import NotFoundError
from integrations import selectors
from integrations.hevy.connection import hevy_connect, hevy_disconnect, hevy_settings_update, sync_queue
from integrations.models import HevyConnection, HevySyncRun, SyncTrigger

TAGS = ["integrations"]


class SyncRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = HevySyncRun
        fields = (
            "id",
            "trigger",
            "full",
            "status",
            "created_at",
            "started_at",
            "finished_at",
            "pages",
            "created_count",
            "updated_count",
            "deleted_count",
            "error",
        )
        read_only_fields = fields


class HevyConnectionSerializer(serializers.Serializer):
    connected = serializers.BooleanField(help_text="A key is stored.")
    status = serializers.CharField(
        allow_null=True, help_text="`valid`, or `invalid` once Hevy rejected the key (401); null if not connected."
    )
    status_message = serializers.CharField(help_text="Why the connection is invalid.")
    key_last4 = serializers.CharField(allow_null=True, help_text="The last four characters of the key.")
    hevy_user_name = serializers.CharField(help_text="The Hevy account's name.")
    push_workouts = serializers.BooleanField(help_text="Workouts logged in FitnessPr are sent to Hevy.")
    connected_at = serializers.DateTimeField(allow_null=True)
    last_synced_at = serializers.DateTimeField(allow_null=True, help_text="The end of the last successful sync.")
    current_run = SyncRunSerializer(allow_null=True, help_text="The sync queued or running now.")

    @staticmethod
    def data_for(connection: HevyConnection | None, current_run: HevySyncRun | None) -> dict[str, Any]:
        if connection is None:
            return {
                "connected": False,
                "status": None,
                "status_message": "",
                "key_last4": None,
                "hevy_user_name": "",
                "push_workouts": False,
                "connected_at": None,
                "last_synced_at": None,
                "current_run": None,
            }
        return {
            "connected": True,
            "status": connection.status,
            "status_message": connection.status_message,
            "key_last4": connection.key_last4,
            "hevy_user_name": connection.hevy_user_name,
            "push_workouts": connection.push_workouts,
            "connected_at": connection.created_at,
            "last_synced_at": connection.last_synced_at,
            "current_run": current_run,
        }


class ConnectSerializer(serializers.Serializer):
    api_key = serializers.CharField(
        max_length=200, write_only=True, help_text="Your Hevy API key (hevy.com, Settings, Developer; Hevy Pro)."
    )


class SettingsSerializer(serializers.Serializer):
    push_workouts = serializers.BooleanField(help_text="Send workouts logged in FitnessPr to Hevy.")


class SyncRequestSerializer(serializers.Serializer):
    full = serializers.BooleanField(
        default=False, help_text="Read the events feed from the beginning instead of since the last sync."
    )


NOT_CONNECTED = "`not_connected`: you have not connected Hevy."


def _status_response(request: Request, status_code: int = status.HTTP_200_OK) -> Response:
    connection = selectors.hevy_connection_for_user(user=request.user)
    current = selectors.sync_run_open(user=request.user) if connection else None
    data = HevyConnectionSerializer(HevyConnectionSerializer.data_for(connection, current)).data
    return Response(data, status=status_code)


def _connection_or_404(request: Request) -> HevyConnection:
    connection = selectors.hevy_connection_for_user(user=request.user)
    if connection is None:
        raise NotFoundError("You have not connected Hevy.", code="not_connected")
    return connection


CONNECT_SCHEMA = extend_schema(
    tags=TAGS,
    summary="Connect Hevy",
    description=(
        "Store your Hevy API key. Hevy is asked first (user info): a key it rejects answers 400 "
        "`hevy_key_rejected` on `api_key`, and when Hevy cannot be reached 400 `hevy_unavailable`; nothing is "
        "saved then. The key is stored encrypted and never returned: only its last four characters. Connecting "
        "again replaces the key (and makes an invalid connection valid). Two connects of yours at the same moment: "
        "one succeeds, the other answers 409 `hevy_connect_conflict`."
    ),
    request=ConnectSerializer,
    responses={
        200: HevyConnectionSerializer,
        **error_responses(409, e409="`hevy_connect_conflict`: another connect of yours won the race; reload."),
    },
)


class HevyConnectionView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Your Hevy connection",
        description="Whether you connected Hevy, the state of the key (never the key), and the sync running now.",
        responses=HevyConnectionSerializer,
    )
    def get(self, request: Request) -> Response:
        return _status_response(request)

    @CONNECT_SCHEMA
    def put(self, request: Request) -> Response:
        serializer = ConnectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        hevy_connect(user=request.user, api_key=serializer.validated_data["api_key"])
        return _status_response(request)

    @CONNECT_SCHEMA
    def post(self, request: Request) -> Response:
        return self.put(request)

    @extend_schema(
        tags=TAGS,
        summary="Change your Hevy settings",
        request=SettingsSerializer,
        responses={200: HevyConnectionSerializer, **error_responses(404, e404=NOT_CONNECTED)},
    )
    def patch(self, request: Request) -> Response:
        serializer = SettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        hevy_settings_update(
            connection=_connection_or_404(request), push_workouts=serializer.validated_data["push_workouts"]
        )
        return _status_response(request)

    @extend_schema(
        tags=TAGS,
        summary="Disconnect Hevy",
        description="Deletes the stored key and the sync history. The workouts already synced stay yours.",
        responses={204: OpenApiResponse(description="Disconnected (also when nothing was connected).")},
    )
    def delete(self, request: Request) -> Response:
        hevy_disconnect(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HevySyncView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Sync from Hevy now",
        description=(
            "Starts a sync in the background: 202 with the queued run. Progress arrives over the WebSocket as "
            "`hevy.sync_progress` events (`run_id`, `status`, `pages`, `created`, `updated`, `deleted`, `error`, "
            "`finished`). One sync at a time: 409 `sync_running` while one is queued or running; 409 "
            "`hevy_connection_invalid` when Hevy rejected the stored key."
        ),
        request=SyncRequestSerializer,
        responses={
            202: SyncRunSerializer,
            **error_responses(
                404,
                409,
                e404=NOT_CONNECTED,
                e409="`sync_running`: a sync is queued or running; `hevy_connection_invalid`: paste a new key.",
            ),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = SyncRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        connection = _connection_or_404(request)
        with transaction.atomic():
            run = sync_queue(connection=connection, trigger=SyncTrigger.MANUAL, full=serializer.validated_data["full"])
        run.refresh_from_db()
        return Response(SyncRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    tags=TAGS,
    summary="Your Hevy syncs",
    description="Every sync of your connection, newest first: when it ran, what it changed, why it failed.",
)
class HevySyncRunListView(generics.ListAPIView):
    serializer_class = SyncRunSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return HevySyncRun.objects.none()
        return selectors.sync_run_list(user=self.request.user)


api_urlpatterns = [
    path("integrations/hevy/", HevyConnectionView.as_view(), name="hevy_connection"),
    path("integrations/hevy/sync/", HevySyncView.as_view(), name="hevy_sync"),
    path("integrations/hevy/sync-runs/", HevySyncRunListView.as_view(), name="hevy_sync_runs"),
]
