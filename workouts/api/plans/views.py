"""The plans API: thin views over workouts.selectors.plans (reads, scoped) and workouts.services.plans (writes)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.selectors import client_get_for_user, user_get_for_user
from fitnesspr.api.mixins import ScopedViewSetMixin
from fitnesspr.api.schema import client_parameter, error_responses
from fitnesspr.errors import ApplicationError
from workouts.api.plans import output
from workouts.api.plans.filters import PlanFilter
from workouts.api.plans.serializers import (
    ActivateSerializer,
    AssignSerializer,
    PlanCreateSerializer,
    PlanSerializer,
    PlanUpdateSerializer,
    SaveAsTemplateSerializer,
    TodaySerializer,
)
from workouts.models import Plan
from workouts.selectors import plans as selectors
from workouts.selectors.access import plan_get_for_edit, plan_get_for_user
from workouts.services import plans as services

E409_ACTIVE = "An active plan exists (`active_plan_exists`); send `archive_current: true` to archive it."


def _client_for(actor: User, client_id: Any, field: str = "client") -> User:
    """A client the actor may name: themselves or (trainers) one they can see. The service checks coaching."""
    try:
        return user_get_for_user(actor, client_id)
    except Http404:
        raise ApplicationError(
            "Please correct the errors in the request.", fields={field: ["Choose one of your current clients."]}
        ) from None


@extend_schema_view(
    list=extend_schema(
        summary="Your plans",
        description=(
            "A trainer's templates and their current clients' plans; a client's own plans (not the drafts their "
            "trainer is still writing). Each plan carries its days, exercises and target sets, in order."
        ),
    ),
    retrieve=extend_schema(
        summary="One plan", description="With its days, exercises and target sets. 404 unless you may see it."
    ),
    create=extend_schema(
        summary="Create a plan",
        description=(
            "A draft plan with its whole structure in one request: `days` -> `exercises` -> `sets`, in the order "
            "given. Trainers give `client` (one of their current clients) or `is_template: true`; a client without "
            "a trainer builds their own plans (leave `client` out); a client with a trainer gets 403 `has_trainer`. "
            "Errors are named by path, e.g. `days.0.exercises.1.sets.2.reps_max`."
        ),
        request=PlanCreateSerializer,
        responses={201: PlanSerializer},
    ),
    update=extend_schema(
        summary="Replace a plan",
        description=(
            "Replace the plan's fields and, with `days`, its whole structure. Give a day's `id` to keep that day "
            "(its logged workouts stay linked); other days are removed. 403 when you may see but not change it."
        ),
        request=PlanUpdateSerializer,
        responses=PlanSerializer,
    ),
    partial_update=extend_schema(
        summary="Update a plan",
        description="Send what changes; `days`, when sent, replaces the structure as in PUT.",
        request=PlanUpdateSerializer,
        responses=PlanSerializer,
    ),
    destroy=extend_schema(
        summary="Delete a plan",
        description="Delete the plan and its structure. Workouts logged from it stay, without their plan day.",
        responses={204: OpenApiResponse(description="Deleted.")},
    ),
)
@extend_schema(tags=["plans"])
class PlanViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    model = Plan
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    ordering_fields = ("created_at", "name", "start_date")
    ordering = ("-created_at",)

    def scoped_queryset(self, user: User) -> QuerySet[Plan]:
        return selectors.plan_list(user=user)

    def scoped_object(self, user: User, pk: Any) -> Plan:
        if self.action in ("retrieve",):
            return plan_get_for_user(user, pk)
        return plan_get_for_edit(user, pk)

    # Reads answer plain rows made into PlanSerializer's shape (workouts/api/plans/output.py).
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset()).values_list(*output.PLAN_COLUMNS)
        return self.get_paginated_response(output.plans_output(self.paginate_queryset(queryset)))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # the plan as the access helper read it (with client and author): its structure is all that is left
        return Response(output.plans_output([output.plan_row(self.get_object())])[0])

    def _detail(self, plan: Plan, code: int = status.HTTP_200_OK) -> Response:
        return Response(output.plan_output(plan.pk), status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = PlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        days = data.pop("days", None)
        if data.pop("is_template"):
            client = None
        elif data.get("client"):
            client = _client_for(request.user, data["client"])
        elif request.user.is_client:
            client = request.user
        else:
            raise ApplicationError(
                "Please correct the errors in the request.",
                fields={"client": ["Give the client, or set is_template for a template."]},
            )
        plan = services.plan_create(
            actor=request.user, client=client, data=data, days=days, source=data.get("source", "manual")
        )
        return self._detail(plan, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        plan = self.get_object()
        serializer = PlanUpdateSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        days = data.pop("days", None)
        plan = services.plan_update(actor=request.user, plan=plan, data=data, days=days)
        return self._detail(plan)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def perform_destroy(self, instance: Plan) -> None:
        services.plan_delete(actor=self.request.user, plan=instance)

    @extend_schema(
        summary="Activate a plan",
        description=(
            "Make the plan the client's active plan (a client has one). If another plan is active, the answer is "
            "409 `active_plan_exists` naming it, unless `archive_current` is true: then it is archived. "
            "Templates cannot be activated (400 `plan_is_template`)."
        ),
        request=ActivateSerializer,
        responses={200: PlanSerializer, **error_responses(409, e409=E409_ACTIVE)},
    )
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()  # access first: a stranger gets 404 whatever the body
        serializer = ActivateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.plan_activate(
            actor=request.user, plan=plan, archive_current=serializer.validated_data["archive_current"]
        )
        return self._detail(plan)

    @extend_schema(
        summary="Archive a plan", description="The plan stops being active and stays for history.", request=None
    )
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: Any = None) -> Response:
        plan = services.plan_archive(actor=request.user, plan=self.get_object())
        return self._detail(plan)

    @extend_schema(
        summary="Copy a plan's week",
        description=(
            "A plan's days form its week: this appends a copy of all of them after the last one, in their order, "
            "with their exercises and target sets. Each copy is named like a copied day (“Push” -> “Push (copy)”) "
            "and has no weekday. One request whatever the plan's size. "
            f"A plan has at most {services.MAX_DAYS} days: 400 `too_many_days` when the copy would make more, "
            "400 `no_days` when the plan has none. Answers the plan with its new days."
        ),
        request=None,
        responses={200: PlanSerializer},
    )
    @action(detail=True, methods=["post"], url_path="duplicate-week")
    def duplicate_week(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        services.plan_week_duplicate(actor=request.user, plan=plan)
        return self._detail(plan)

    @extend_schema(
        summary="Assign a template to clients",
        description=(
            "Copy your template to one or many of your current clients in one go (one bulk copy). With `activate` "
            "the copies become the clients' active plans: if some already have one, the answer is 409 "
            "`active_plan_exists` naming them, unless `archive_current` is true. Answers the new plans."
        ),
        request=AssignSerializer,
        responses={201: PlanSerializer(many=True), **error_responses(409, e409=E409_ACTIVE)},
        filters=False,
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: Any = None) -> Response:
        template = self.get_object()
        serializer = AssignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        wanted = set(data["clients"])
        clients = list(
            User.objects.filter(
                pk__in=wanted, trainer_links__trainer=request.user, trainer_links__ended_at__isnull=True
            ).distinct()
        )
        if len(clients) != len(wanted):
            raise ApplicationError(
                "Please correct the errors in the request.", fields={"clients": ["Choose among your current clients."]}
            )
        plans = services.plan_assign_template(
            trainer=request.user,
            template=template,
            clients=clients,
            start_date=data.get("start_date"),
            activate=data["activate"],
            archive_current=data["archive_current"],
        )
        queryset = Plan.objects.filter(pk__in=[plan.pk for plan in plans]).order_by("client__display_name", "pk")
        return Response(output.plans_output(queryset.values_list(*output.PLAN_COLUMNS)), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Save a plan as a template",
        description="Copy a client's plan (or a template) into a new template of yours, with its whole structure.",
        request=SaveAsTemplateSerializer,
        responses={201: PlanSerializer},
    )
    @action(detail=True, methods=["post"], url_path="save-as-template")
    def save_as_template(self, request: Request, pk: Any = None) -> Response:
        plan = plan_get_for_user(request.user, pk)
        serializer = SaveAsTemplateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.plan_save_as_template(
            actor=request.user, plan=plan, name=serializer.validated_data.get("name")
        )
        return self._detail(template, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Today's workout",
        description=(
            "The client's PlanDay for today (in their time zone) in their active plan: the day of the workout "
            "they started today from this plan, else the day set for today's weekday, else the day after the one "
            "of their latest workout from this plan, else the first day; with this week's targets (the weekly "
            "progression applied). Once today's workout is finished, `done` is true and `next_plan_day` is the "
            "day offered next; it becomes `plan_day` on the next day. Trainers give `?client=`. Without an "
            "active plan, `plan` and `plan_day` are null."
        ),
        parameters=[client_parameter("A current client's id (trainers; required for them).")],
        responses={
            200: TodaySerializer,
            **error_responses(400, 404, e400="A trainer did not name a client.", e404="Not one of your clients."),
        },
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def today(self, request: Request) -> Response:
        client_id = request.query_params.get("client")
        if client_id:
            client = client_get_for_user(request.user, client_id)
            if not client.is_client:  # a trainer naming themselves
                raise Http404("Not found.")
        elif request.user.is_client:
            client = request.user
        else:
            raise ApplicationError("Trainers give ?client=.", fields={"client": ["Give one of your current clients."]})
        return Response(TodaySerializer(today_payload(client)).data)


def today_payload(client: User) -> dict[str, Any]:
    today = selectors.client_today(client)
    plan = selectors.active_plan(client)
    plan_today = selectors.plan_today(client, plan=plan) if plan is not None else selectors.PlanToday()
    day = plan_today.day
    exercises = []
    if day is not None:
        for item, targets in selectors.plan_day_targets(day, today):
            exercises.append(
                {
                    "plan_exercise": item.pk,
                    "exercise": item.exercise_id,
                    "exercise_name": item.exercise.name,
                    "exercise_type": item.exercise.exercise_type,
                    "superset_group": item.superset_group,
                    "rest_seconds": item.rest_seconds,
                    "notes": item.notes,
                    "targets": targets,
                }
            )
    return {
        "date": today,
        "plan": plan,
        "week_number": selectors.plan_week_number(plan, today) if plan is not None else None,
        "plan_day": day,
        "done": plan_today.done is not None,
        "done_workout": plan_today.done.pk if plan_today.done is not None else None,
        "next_plan_day": plan_today.next_day,
        "exercises": exercises,
    }
