"""The workouts API. Thin views: shapes checked by the serializers, rules and writes in workouts.services,
reads through workouts.selectors (a stranger's workout answers 404; the trainer of its owner reads and
comments, and gets 403 on writes)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from fitnesspr.access import as_uuid
from fitnesspr.api.mixins import ScopedViewSetMixin
from fitnesspr.api.schema import error_responses
from workouts.api.workouts import output
from workouts.api.workouts.filters import WorkoutFilter
from workouts.api.workouts.serializers import (
    BulkSetInputSerializer,
    CommentInputSerializer,
    SetPatchSerializer,
    SetsCreatedSerializer,
    WorkoutCommentSerializer,
    WorkoutCreateSerializer,
    WorkoutFinishSerializer,
    WorkoutSerializer,
    WorkoutSetWithRecordsSerializer,
    WorkoutUpdateSerializer,
    WorkoutWithRecordsSerializer,
)
from workouts.models import Workout, WorkoutSet
from workouts.selectors import access
from workouts.selectors import workouts as selectors
from workouts.selectors.access import workout_get_for_edit, workout_get_for_user
from workouts.services import comments
from workouts.services import workouts as services

WRITE_ERRORS = error_responses(
    403, e403="Not your workout: its owner's trainer reads and comments, but cannot change it."
)
TAGS = ["workouts"]


def _nested(user: User, workout_id: Any) -> Workout:
    return selectors.workout_list(user=user).filter(pk=as_uuid(workout_id)).get()


@extend_schema_view(
    list=extend_schema(
        summary="Your workouts",
        description=(
            "Workouts you may see, newest first, each with its exercises and their sets: a client's own; a "
            "trainer's own and their current clients' (`client=<client id>` for one client; 404 when the client "
            "is not yours). Filters: "
            "`started_after` / `started_before` (ISO 8601), `exercise` (an exercise id), `source` "
            "(`fitnesspr`, `hevy`), `in_progress`. Weights in kg, distances in metres, durations in seconds."
        ),
    ),
    retrieve=extend_schema(summary="One workout", description="With exercises and sets. 404 unless you may see it."),
)
@extend_schema(tags=TAGS)
class WorkoutViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    model = Workout
    serializer_class = WorkoutSerializer
    filterset_class = WorkoutFilter
    ordering_fields = ("started_at", "created_at")
    ordering = ("-started_at",)
    http_method_names = ("get", "post", "patch", "delete", "head", "options")

    def scoped_queryset(self, user: User) -> QuerySet[Workout]:
        return selectors.workout_list(user=user, nested=self.action != "list")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Plain rows in, plain dicts out (workouts/api/workouts/output.py): the shape of WorkoutSerializer.
        queryset = self.filter_queryset(self.get_queryset()).values_list(*output.WORKOUT_COLUMNS)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(output.workouts_output(page))

    def scoped_object(self, user: User, pk: Any) -> Workout:
        workout_get_for_user(user, pk)  # 404 for strangers, with the one access rule
        return _nested(user, pk)

    @extend_schema(
        summary="Log a whole workout",
        description=(
            "A workout with its exercises and their sets in one request, saved in one go (bulk insert). "
            "Without `ended_at` it stays in progress. Errors name the place: `exercises.0.sets.2.rpe`. Rules: "
            "`set_type` warmup/normal/failure/dropset; `rpe` null or 6 to 10 in steps of 0.5; no negative "
            "numbers; each set has the measures of its exercise's type (e.g. `weight_kg` and `reps` for "
            "`weight_reps`, `distance_m` and `duration_seconds` for `distance_duration`); the end after the start; "
            "nothing more than 5 minutes in the future; exercises from your library. The answer lists the "
            "personal records the workout set in `new_records`."
        ),
        request=WorkoutCreateSerializer,
        responses={201: WorkoutWithRecordsSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = WorkoutCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        workout = services.workout_create(user=request.user, data=serializer.validated_data)
        result = _nested(request.user, workout.pk)
        result.new_records = workout.new_records
        return Response(WorkoutWithRecordsSerializer(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a workout",
        description="Name, notes, start and end (send only what changes). Only the person who trained.",
        request=WorkoutUpdateSerializer,
        responses={200: WorkoutSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        workout = workout_get_for_edit(request.user, kwargs["pk"])
        serializer = WorkoutUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.workout_update(workout=workout, data=serializer.validated_data)
        return Response(WorkoutSerializer(_nested(request.user, workout.pk)).data)

    @extend_schema(
        summary="Delete a workout",
        description="With its sets and comments; the records it held go back to the next best.",
        responses={204: None, **WRITE_ERRORS},
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.workout_delete(workout=workout_get_for_edit(request.user, kwargs["pk"]))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Finish a workout",
        description=(
            "End an in-progress workout now (or at `ended_at`): its duration is saved. Answers the workout with "
            "the records it set in `new_records`. Already finished: 409 `workout_finished`."
        ),
        request=WorkoutFinishSerializer,
        responses={200: WorkoutWithRecordsSerializer, **WRITE_ERRORS, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: Any = None) -> Response:
        workout = workout_get_for_edit(request.user, pk)
        serializer = WorkoutFinishSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        workout = services.workout_finish(workout=workout, ended_at=serializer.validated_data.get("ended_at"))
        result = _nested(request.user, workout.pk)
        result.new_records = workout.new_records
        return Response(WorkoutWithRecordsSerializer(result).data)

    @extend_schema(
        summary="Log sets",
        description=(
            "A list of sets (or a single set object) for one or more exercises of the workout, saved in one go. "
            "Each names `workout_exercise` (an entry of this workout) or `exercise` (its first entry, added at "
            "the end when missing). Errors name the set: `sets.1.reps`. The answer carries the records set. "
            "A finished workout answers 409 `workout_finished`, unless the sets are added on purpose with "
            "`?edit_finished=true` (an edit of a finished workout)."
        ),
        request=BulkSetInputSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "edit_finished",
                bool,
                description="Add the sets to a finished workout on purpose (an edit); without it: 409.",
            )
        ],
        responses={
            201: SetsCreatedSerializer,
            **error_responses(409, e409="The workout is finished (`workout_finished`): add `?edit_finished=true`."),
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"])
    def sets(self, request: Request, pk: Any = None) -> Response:
        workout = workout_get_for_edit(request.user, pk)
        items = request.data if isinstance(request.data, list) else [request.data]
        serializer = BulkSetInputSerializer(data=items, many=True)
        if not serializer.is_valid():
            # name the failing set like the service does: sets.<index>.<field>
            raise serializers.ValidationError({"sets": serializer.errors})
        edit_finished = request.query_params.get("edit_finished", "").lower() in ("1", "true")
        created = services.sets_add(workout=workout, items=serializer.validated_data, edit_finished=edit_finished)
        data = {"sets": created, "new_records": workout.new_records}
        return Response(SetsCreatedSerializer(data).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="Comments on a workout",
        description="Oldest first. The person who trained and their trainer read and write them.",
        responses=WorkoutCommentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on a workout",
        description="The person who trained or their current trainer; the other one is told live.",
        request=CommentInputSerializer,
        responses={201: WorkoutCommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, ordering_fields=None, pagination_class=None)
    def comments(self, request: Request, pk: Any = None) -> Response:
        workout = workout_get_for_user(request.user, pk)
        if request.method == "POST":
            serializer = CommentInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            comment = comments.comment_create(
                author=request.user, workout=workout, body=serializer.validated_data["body"]
            )
            return Response(WorkoutCommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        return Response(WorkoutCommentSerializer(selectors.comment_list(workout=workout), many=True).data)


@extend_schema(tags=TAGS)
class WorkoutSetViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """`workout-sets/{id}/`: change or delete one logged set."""

    model = WorkoutSet
    serializer_class = WorkoutSetWithRecordsSerializer
    http_method_names = ("patch", "delete", "options")

    def scoped_object(self, user: User, pk: Any) -> WorkoutSet:
        workout_set = access.workout_set_get_for_user(user, pk)
        workout_get_for_edit(user, workout_set.workout_exercise.workout_id)
        return workout_set

    @extend_schema(
        summary="Change a set",
        description="Send only what changes; the same rules as when logging. Answers the set and any new records.",
        request=SetPatchSerializer,
        responses={200: WorkoutSetWithRecordsSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        workout_set = self.get_object()
        serializer = SetPatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        workout_set = services.set_update(workout_set=workout_set, data=serializer.validated_data)
        return Response(WorkoutSetWithRecordsSerializer(workout_set).data)

    @extend_schema(summary="Delete a set", responses={204: OpenApiResponse(description="Deleted."), **WRITE_ERRORS})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.set_delete(workout_set=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
