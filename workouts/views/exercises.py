"""Pages: the exercise library (search and filters), one exercise, custom exercises, and the inline picker."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, is_htmx, member_required
from workouts.forms.exercises import ExerciseFilterForm, ExerciseForm, ExercisePickerForm
from workouts.models import Exercise, MuscleGroup
from workouts.selectors.exercises import exercise_detail, exercise_list, exercise_picker_list
from workouts.services.exercises import exercise_create, exercise_delete, exercise_update

PAGE_SIZE = 50
RESULTS_ID = "exercise-results"
MUSCLE_LABELS = dict(MuscleGroup.choices)


def _with_muscle_labels(exercises: Iterable[Exercise]) -> list[Exercise]:
    """Give each exercise `secondary_labels`, the readable names of its secondary muscle groups."""
    exercises = list(exercises)
    for exercise in exercises:
        exercise.secondary_labels = [MUSCLE_LABELS.get(m, m) for m in exercise.secondary_muscles]
    return exercises


def _own_or_403(user: User, exercise: Exercise) -> None:
    # The stranger already got a 404 from exercise_detail; this is someone who sees it but may not change it.
    if exercise.owner_id != user.pk:
        raise PermissionDenied("Only the person who added this exercise can change it.")


@member_required
@require_GET
def exercise_list_page(request: HttpRequest) -> HttpResponse:
    """The library: search and filters; htmx swaps only the results as the user types."""
    form = ExerciseFilterForm(request.GET)
    form.is_valid()  # an invalid filter shows its error; the valid ones still apply
    filters = form.selector_kwargs()
    page = Paginator(exercise_list(user=request.user, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_muscle_labels(page.object_list)
    context = {"form": form, "page": page, "filtered": any(value is not None for value in filters.values())}
    if is_htmx(request) and request.htmx.target == RESULTS_ID:
        return render(request, "workouts/exercises/partials/results.html", context)
    return render(request, "workouts/exercises/list.html", context)


@member_required
@require_GET
def exercise_detail_page(request: HttpRequest, exercise_id: UUID) -> HttpResponse:
    exercise = exercise_detail(user=request.user, exercise_id=exercise_id)
    _with_muscle_labels([exercise])
    return render(
        request,
        "workouts/exercises/detail.html",
        {"exercise": exercise, "can_edit": exercise.owner_id == request.user.pk},
    )


@member_required
@require_http_methods(["GET", "POST"])
def exercise_create_page(request: HttpRequest) -> HttpResponse:
    form = ExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exercise = exercise_create(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"“{exercise.name}” is in your library.")
            return redirect("workouts:exercise_detail", exercise_id=exercise.pk)
    return render(request, "workouts/exercises/form.html", {"form": form, "exercise": None})


@member_required
@require_http_methods(["GET", "POST"])
def exercise_edit_page(request: HttpRequest, exercise_id: UUID) -> HttpResponse:
    exercise = exercise_detail(user=request.user, exercise_id=exercise_id)
    _own_or_403(request.user, exercise)
    form = ExerciseForm(request.POST or None, initial=ExerciseForm.initial_for(exercise))
    if request.method == "POST" and form.is_valid():
        try:
            exercise_update(user=request.user, exercise=exercise, data=form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"“{exercise.name}” is saved.")
            return redirect("workouts:exercise_detail", exercise_id=exercise.pk)
    return render(request, "workouts/exercises/form.html", {"form": form, "exercise": exercise})


@member_required
@require_POST
def exercise_delete_page(request: HttpRequest, exercise_id: UUID) -> HttpResponse:
    exercise = exercise_detail(user=request.user, exercise_id=exercise_id)
    _own_or_403(request.user, exercise)
    try:
        exercise_delete(user=request.user, exercise=exercise)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("workouts:exercise_detail", exercise_id=exercise.pk)
    messages.success(request, f"“{exercise.name}” is deleted.")
    return redirect("workouts:exercise_list")


@member_required
@require_GET
def exercise_picker(request: HttpRequest) -> HttpResponse:
    """An htmx partial: up to 20 matching exercises as submit buttons (see the template for the contract)."""
    form = ExercisePickerForm(request.GET)
    form.is_valid()  # invalid filters are dropped, the rest still apply
    data = form.cleaned_data
    exercises = exercise_picker_list(
        user=request.user,
        search=data.get("q") or None,
        muscle=data.get("muscle") or None,
        equipment=data.get("equipment") or None,
    )
    context = {"exercises": _with_muscle_labels(exercises), "target": data.get("target") or ""}
    return render(request, "workouts/exercises/picker.html", context)


urlpatterns = [
    path("exercises/", exercise_list_page, name="exercise_list"),
    path("exercises/new/", exercise_create_page, name="exercise_create"),
    path("exercises/picker/", exercise_picker, name="exercise_picker"),
    path("exercises/<uuid:exercise_id>/", exercise_detail_page, name="exercise_detail"),
    path("exercises/<uuid:exercise_id>/edit/", exercise_edit_page, name="exercise_edit"),
    path("exercises/<uuid:exercise_id>/delete/", exercise_delete_page, name="exercise_delete"),
]
