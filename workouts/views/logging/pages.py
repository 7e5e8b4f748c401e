"""Pages: a workout's detail page with comments, editing, deleting and the list of workouts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import client_get_for_user
from fitnesspr.errors import ApplicationError, ForbiddenError
from fitnesspr.http import add_application_error, is_htmx, member_required
from workouts.forms.logging import (
    CommentForm,
    WorkoutEditForm,
    WorkoutFilterForm,
)
from workouts.models import SetType, Workout, WorkoutExercise
from workouts.selectors import access
from workouts.selectors import workouts as selectors
from workouts.selectors.access import workout_get_for_edit, workout_get_for_user
from workouts.services import comments
from workouts.services import workouts as services
from workouts.services.records import EPLEY_FORMULA, badges
from workouts.views.logging.common import PAGE_SIZE, record_text

# --- Detail, edit, delete, comments ----------------------------------------------------------------


def _detail_context(request: HttpRequest, workout: Workout, form: CommentForm | None = None) -> dict[str, Any]:
    units = request.user.units
    records = badges(workout.records.all())  # flagged ones (the selector), one per exercise and kind
    records_by_set: dict[Any, list[str]] = {}
    for record in records:
        if record.workout_set_id:
            records_by_set.setdefault(record.workout_set_id, []).append(record_text(record, units))
    volume, working = Decimal(0), 0
    for entry in workout.exercises.all():
        number = 0
        for workout_set in entry.sets.all():
            workout_set.record_texts = records_by_set.get(workout_set.pk, [])
            workout_set.text = selectors.describe_set(workout_set, units)  # as the logger and history say it
            if workout_set.set_type == SetType.WARMUP:
                workout_set.label = "W"
                continue
            number += 1
            working += 1
            workout_set.label = str(number)
            if workout_set.weight_kg and workout_set.reps:
                volume += workout_set.weight_kg * workout_set.reps
    return {
        "workout": workout,
        "units": units,
        "is_owner": workout.user_id == request.user.pk,
        "records": [(r, record_text(r, units)) for r in records],
        "volume": volume,
        "working_sets": working,
        "comment_form": form or CommentForm(),
        "epley": EPLEY_FORMULA,
    }


@member_required
@require_http_methods(["GET"])
def workout_detail(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = selectors.workout_detail(user=request.user, workout_id=workout_id)
    return render(request, "workouts/logging/detail.html", _detail_context(request, workout))


@member_required
@require_POST
def comment_create(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = workout_get_for_user(request.user, workout_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comments.comment_create(author=request.user, workout=workout, body=form.cleaned_data["body"])
        except ForbiddenError:
            raise  # a PermissionDenied: Django answers 403 (not a form error)
        except ApplicationError as error:
            add_application_error(form, error)
    if is_htmx(request):
        workout = selectors.workout_detail(user=request.user, workout_id=workout_id)
        context = _detail_context(request, workout, form if form.errors else None)
        return render(request, "workouts/logging/partials/comments.html", context)
    if form.errors:
        workout = selectors.workout_detail(user=request.user, workout_id=workout_id)
        return render(request, "workouts/logging/detail.html", _detail_context(request, workout, form), status=400)
    messages.success(request, "Comment added.")
    return redirect(reverse("workouts:workout_detail", args=[workout.pk]) + "#comments")


@member_required
@require_POST
def comment_delete(request: HttpRequest, comment_id: UUID) -> HttpResponse:
    comment = access.comment_get_for_user(request.user, comment_id)
    try:
        comments.comment_delete(user=request.user, comment=comment)
    except ForbiddenError:
        raise  # a PermissionDenied: Django answers 403
    messages.success(request, "Comment deleted.")
    return redirect(reverse("workouts:workout_detail", args=[comment.workout_id]) + "#comments")


@member_required
@require_http_methods(["GET", "POST"])
def workout_edit(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = workout_get_for_edit(request.user, workout_id)
    initial = {
        "name": workout.name,
        "notes": workout.notes,
        "started_at": workout.started_at,
        "ended_at": workout.ended_at,
    }
    form = WorkoutEditForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workout_update(workout=workout, data=form.to_data())
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Workout saved.")
            return redirect("workouts:workout_detail", workout_id=workout.pk)
    status = 400 if form.errors else 200
    return render(request, "workouts/logging/edit.html", {"form": form, "workout": workout}, status=status)


@member_required
@require_POST
def workout_delete(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = workout_get_for_edit(request.user, workout_id)
    name = workout.name
    services.workout_delete(workout=workout)
    messages.success(request, f"“{name}” deleted.")
    return redirect("workouts:workout_list")


# --- The list ------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET"])
def workout_list(request: HttpRequest) -> HttpResponse:
    """The user's workouts, newest first, 20 a page; a trainer passes `?client=<id>` for one client's."""
    owner = client_get_for_user(request.user, request.GET["client"]) if request.GET.get("client") else None
    filters = WorkoutFilterForm(request.GET or None)
    dates = filters.cleaned_data if filters.is_valid() else {}
    workouts = (
        selectors.workout_list(
            user=request.user,
            owner=owner.pk if owner else None,
            date_from=dates.get("date_from"),
            date_to=dates.get("date_to"),
            nested=False,
        )
        .annotate(working_sets=Count("exercises__sets", filter=~Q(exercises__sets__set_type=SetType.WARMUP)))
        .prefetch_related(
            Prefetch("exercises", queryset=WorkoutExercise.objects.select_related("exercise").order_by("position"))
        )
    )
    page = Paginator(workouts, PAGE_SIZE).get_page(request.GET.get("page"))
    in_progress = None
    today = None
    if owner is None or owner.pk == request.user.pk:
        in_progress = Workout.objects.filter(user=request.user, ended_at__isnull=True).order_by("-started_at").first()
        if request.user.is_client:
            from workouts.selectors.plans import plan_today

            planned = plan_today(request.user)
            today = planned.day if planned.done is None else None  # done: nothing more to start today
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "owner": owner,
        "in_progress": in_progress,
        "today": today,
        "query": query.urlencode(),
        "units": request.user.units,
        "now": timezone.now(),
    }
    return render(request, "workouts/logging/list.html", context)
