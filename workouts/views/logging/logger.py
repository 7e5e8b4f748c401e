"""Pages: logging a workout at the gym (phone first): the logger, sets, exercises, start and finish.

Every action works as a plain POST (redirect + flash message) and, with htmx, without a page reload:
logging a set answers the exercise card, so the "New record!" badge shows at once and the rest timer
(static/js/logging.js) starts. Only the person who trained writes; their trainer reads (403 on writes);
anyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from fitnesspr.access import get_visible_or_404
from fitnesspr.errors import ApplicationError, ConflictError
from fitnesspr.http import add_application_error, is_htmx, member_required
from workouts.forms.logging import (
    SET_FIELD_MAP,
    SetForm,
)
from workouts.models import RecordKind, SetType, Workout, WorkoutExercise, WorkoutSet
from workouts.selectors import access
from workouts.selectors import workouts as selectors
from workouts.selectors.access import workout_get_for_edit
from workouts.selectors.exercises import exercise_list
from workouts.services import workouts as services
from workouts.services.records import EPLEY_FORMULA, badges, is_implausible
from workouts.supersets import label_supersets
from workouts.units import format_duration, format_weight
from workouts.views.logging.common import logger_url, record_text
from workouts.views.logging.prefill import distance_initial, duration_initial, weight_initial
from workouts.views.logging.prefill import prefill as next_set_prefill


@dataclass
class SetRow:
    workout_set: WorkoutSet
    label: str  # "W" for a warm-up, else the number of the working set
    text: str
    records: list[str]
    check: str = ""  # a weight far above anything lifted before: likely a typo


def _set_rows(sets: list[WorkoutSet], records_by_set: dict, units: str, heaviest: Any = None) -> list[SetRow]:
    rows, number = [], 0
    for workout_set in sets:
        if workout_set.set_type == SetType.WARMUP:
            label = "W"
        else:
            number += 1
            label = str(number)
        records = [record_text(r, units) for r in records_by_set.get(workout_set.pk, [])]
        check = ""
        if workout_set.set_type != SetType.WARMUP and is_implausible(
            weight_kg=workout_set.weight_kg, best_heaviest=heaviest
        ):
            # no "New record!" from a probable typo: ask to check it instead
            records = []
            before = f" (your heaviest so far: {format_weight(heaviest, units)})" if heaviest else ""
            check = f"Check this: {format_weight(workout_set.weight_kg, units)} is far more than before{before}."
        rows.append(SetRow(workout_set, label, selectors.describe_set(workout_set, units), records, check))
    return rows


@dataclass
class Card:
    """One exercise of the workout as the logger shows it."""

    entry: WorkoutExercise
    form: SetForm
    last_time: str = ""
    targets: list[str] = field(default_factory=list)
    next_target: str = ""
    rest_seconds: int = selectors.DEFAULT_REST_SECONDS
    set_rows: list[SetRow] = field(default_factory=list)
    exercise_records: list[str] = field(default_factory=list)


def _logger_workout(user: User, workout_id: UUID) -> Workout:
    """The workout with what the logger needs, one query each: the workout (with its owner's weight steps and
    its plan), exercises, sets."""
    return workout_get_for_edit(
        user,
        workout_id,
        select=("user__training_preferences", "plan_day__plan"),
        prefetch=(selectors.exercises_prefetch(),),
    )


def _grouped(targets: list[selectors.TargetSet], units: str) -> list[str]:
    """-> ["warm-up 10 @ 40 kg", "2 x 8 @ 60 kg"]: a count only for repeated sets."""
    grouped = selectors.grouped_targets(targets, units)
    return [text if count == 1 else f"{count} × {text}" for text, count in grouped]  # noqa: RUF001


def _cards(
    workout: Workout,
    units: str,
    *,
    bound: dict[Any, SetForm] | None = None,
    only: Any = None,
    fresh_sets: dict[Any, list[WorkoutSet]] | None = None,
) -> list[Card]:
    """The exercise cards: sets, records, last time, targets (constant queries for any number of sets).
    `fresh_sets`: an exercise's sets as they are now, read again after a change (the rest as loaded)."""
    label_supersets(workout.exercises.all())  # A1/A2 from the whole workout, also when one card is asked for
    entries = [entry for entry in workout.exercises.all() if only is None or entry.pk == only]
    records_by_set, records_by_exercise = selectors.records_by_set(workout=workout)
    last_times = selectors.previous_performance(
        user=workout.user,
        exercise_ids=[entry.exercise_id for entry in entries],
        before=workout.started_at,
        exclude_workout=workout.pk,
    )
    heaviest = selectors.bests_before(
        user=workout.user,
        exercise_ids=[entry.exercise_id for entry in entries],
        before=workout.started_at,
        exclude_workout=workout.pk,
    )
    planned = selectors.plan_targets(workout=workout)
    cards = []
    for entry in entries:
        sets = (fresh_sets or {}).get(entry.pk) or list(entry.sets.all())
        plan = planned.get(entry.exercise_id)
        targets = plan.targets if plan else []
        rows = _set_rows(sets, records_by_set, units, heaviest.get(entry.exercise_id))
        prefill = next_set_prefill(entry, sets, targets, units)
        form = (bound or {}).get(entry.pk) or SetForm(
            exercise=entry.exercise, units=units, initial=prefill.initial, prefix=f"set-{entry.pk}"
        )
        if entry.pk not in (bound or {}):
            form.mark_changed(prefill.changed)
        cards.append(
            Card(
                entry=entry,
                form=form,
                last_time=last_times.get(entry.exercise_id, ""),
                targets=_grouped(targets, units),
                next_target=prefill.target,
                rest_seconds=plan.rest_seconds if plan else selectors.DEFAULT_REST_SECONDS,
                set_rows=rows,
                exercise_records=[
                    record_text(r, units)
                    for r in records_by_exercise.get(entry.exercise_id, [])
                    if r.kind == RecordKind.BEST_VOLUME and not any(row.check for row in rows)  # not from a typo
                ],
            )
        )
    return cards


def _editing(request: HttpRequest, workout: Workout) -> bool:
    """Sets can be added: the workout goes on, or its owner chose "Edit workout" (?edit=1, then a form field)."""
    return workout.ended_at is None or request.GET.get("edit") == "1" or request.POST.get("edit_finished") == "1"


def _render_card(request: HttpRequest, workout: Workout, card: Card, *, rest: bool = False, status: int = 200):
    context = {
        "workout": workout,
        "card": card,
        "units": request.user.units,
        "start_rest": rest,
        "can_log": _editing(request, workout),
    }
    return render(request, "workouts/logging/partials/exercise_card.html", context, status=status)


@member_required
@require_http_methods(["GET"])
def workout_logger(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = _logger_workout(request.user, workout_id)
    query = (request.GET.get("q") or "").strip()
    found = list(exercise_list(user=request.user, search=query)[:20]) if query else []
    rest = request.GET.get("rest", "")
    context = {
        "workout": workout,
        "cards": _cards(workout, request.user.units),
        "units": request.user.units,
        "q": query,
        "found": found,
        "rest_seconds": rest if rest.isdigit() and int(rest) <= 1800 else "",
        "epley": EPLEY_FORMULA,
        "can_log": _editing(request, workout),
    }
    return render(request, "workouts/logging/logger.html", context)


@member_required
@require_POST
def set_add(request: HttpRequest, workout_id: UUID, entry_id: UUID) -> HttpResponse:
    workout = _logger_workout(request.user, workout_id)
    entry = next((e for e in workout.exercises.all() if e.pk == entry_id), None)
    if entry is None:
        raise Http404("Not found.")
    form = SetForm(request.POST, exercise=entry.exercise, units=request.user.units, prefix=f"set-{entry.pk}")
    if form.is_valid():
        try:
            services.set_add(workout_exercise=entry, data=form.to_data(), edit_finished=_editing(request, workout))
        except ConflictError as error:  # a stale page of a finished workout (the back button)
            messages.error(request, error.message)
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = reverse("workouts:workout_detail", args=[workout.pk])
                return response
            return redirect("workouts:workout_detail", workout_id=workout.pk)
        except ApplicationError as error:
            add_application_error(form, error, field_map=SET_FIELD_MAP)
    if form.errors:
        if is_htmx(request):
            card = _cards(workout, request.user.units, bound={entry.pk: form}, only=entry.pk)[0]
            return _render_card(request, workout, card)  # htmx swaps 2xx answers only
        context = {
            "workout": workout,
            "cards": _cards(workout, request.user.units, bound={entry.pk: form}),
            "units": request.user.units,
            "epley": EPLEY_FORMULA,
            "can_log": True,
        }
        return render(request, "workouts/logging/logger.html", context, status=400)
    # only this exercise's sets changed: read them again, not the whole workout
    card = _cards(workout, request.user.units, only=entry.pk, fresh_sets={entry.pk: selectors.entry_sets(entry)})[0]
    if is_htmx(request):
        return _render_card(request, workout, card, rest=True)
    if any(row.records for row in card.set_rows[-1:]):
        messages.success(request, "New record!")
    query = {"rest": card.rest_seconds, **({"edit": 1} if workout.ended_at else {})}
    return redirect(logger_url(workout, f"exercise-{entry.pk}", **query))


def _set_for_edit(user: User, set_id: UUID) -> WorkoutSet:
    workout_set = access.workout_set_get_for_user(user, set_id)
    workout_get_for_edit(user, workout_set.workout_exercise.workout_id)
    return workout_set


@member_required
@require_http_methods(["GET", "POST"])
def set_edit(request: HttpRequest, set_id: UUID) -> HttpResponse:
    workout_set = _set_for_edit(request.user, set_id)
    entry = workout_set.workout_exercise
    workout = entry.workout
    units = request.user.units
    initial = {
        "set_type": workout_set.set_type,
        "reps": workout_set.reps,
        "weight": weight_initial(workout_set.weight_kg, units),
        "distance": distance_initial(entry, workout_set.distance_m),
        "duration": duration_initial(workout_set.duration_seconds),
        "rpe": f"{workout_set.rpe:g}" if workout_set.rpe is not None else "",
    }
    form = SetForm(
        request.POST or None, exercise=entry.exercise, units=units, initial=initial, prefix=f"edit-{workout_set.pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_update(workout_set=workout_set, data=form.to_data())
        except ApplicationError as error:
            add_application_error(form, error, field_map=SET_FIELD_MAP)
        else:
            if is_htmx(request):
                fresh = _logger_workout(request.user, workout.pk)
                return _render_card(request, fresh, _cards(fresh, units, only=entry.pk)[0])
            messages.success(request, "Set saved.")
            return redirect(logger_url(workout, f"exercise-{entry.pk}"))
    context = {"form": form, "workout_set": workout_set, "entry": entry, "workout": workout, "units": units}
    if is_htmx(request):
        response = render(request, "workouts/logging/partials/set_edit_form.html", context)
        if request.method == "POST":
            response["HX-Retarget"] = f"#set-{workout_set.pk}"
            response["HX-Reswap"] = "outerHTML"
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "workouts/logging/set_edit.html", context, status=status)


@member_required
@require_POST
def set_delete(request: HttpRequest, set_id: UUID) -> HttpResponse:
    workout_set = _set_for_edit(request.user, set_id)
    entry = workout_set.workout_exercise
    services.set_delete(workout_set=workout_set)
    if is_htmx(request):
        fresh = _logger_workout(request.user, entry.workout_id)
        return _render_card(request, fresh, _cards(fresh, request.user.units, only=entry.pk)[0])
    messages.success(request, "Set deleted.")
    return redirect(logger_url(entry.workout, f"exercise-{entry.pk}"))


@member_required
@require_POST
def exercise_add(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    workout = workout_get_for_edit(request.user, workout_id)
    if not _editing(request, workout):  # a stale page of a finished workout: nothing is reopened silently
        messages.error(request, services.FINISHED_MESSAGE)
        if is_htmx(request):
            return render(request, "partials/messages_oob.html")
        return redirect("workouts:workout_detail", workout_id=workout.pk)
    try:
        entry = services.exercise_add(workout=workout, exercise_id=request.POST.get("exercise"))
    except ApplicationError as error:
        messages.error(request, error.message)
        if is_htmx(request):
            return render(request, "partials/messages_oob.html")
        return redirect(logger_url(workout, "add-exercise"))
    if is_htmx(request):
        fresh = _logger_workout(request.user, workout.pk)
        card = _cards(fresh, request.user.units, only=entry.pk)[0]
        context = {"workout": fresh, "card": card, "units": request.user.units, "added": True, "can_log": True}
        return render(request, "workouts/logging/partials/exercise_card.html", context)
    messages.success(request, f"{entry.exercise.name} added.")
    return redirect(logger_url(workout, f"exercise-{entry.pk}"))


@member_required
@require_POST
def exercise_remove(request: HttpRequest, workout_id: UUID, entry_id: UUID) -> HttpResponse:
    workout = workout_get_for_edit(request.user, workout_id)
    entry = get_visible_or_404(workout.exercises.select_related("exercise"), entry_id)
    services.exercise_remove(workout_exercise=entry)
    if is_htmx(request):
        return HttpResponse("")
    messages.success(request, f"{entry.exercise.name} removed.")
    return redirect(logger_url(workout))


@member_required
@require_POST
def exercise_move(request: HttpRequest, workout_id: UUID, entry_id: UUID) -> HttpResponse:
    """Move an exercise one place up or down (`direction`)."""
    workout = workout_get_for_edit(request.user, workout_id)
    order = list(workout.exercises.order_by("position", "created_at").values_list("pk", flat=True))
    if entry_id not in order:
        raise Http404("Not found.")
    index = order.index(entry_id)
    other = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        services.exercise_reorder(workout=workout, order=order)
    return redirect(logger_url(workout, f"exercise-{entry_id}"))


@member_required
@require_POST
def workout_start(request: HttpRequest) -> HttpResponse:
    """Start a workout now, empty or from a day of the user's plan (`plan_day`), and open the logger."""
    plan_day = None
    try:
        if request.POST.get("plan_day"):
            plan_day = access.plan_day_for_user(user=request.user, plan_day_id=request.POST["plan_day"])
        workout = services.workout_start(user=request.user, plan_day=plan_day)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("workouts:workout_list")
    return redirect("workouts:workout_logger", workout_id=workout.pk)


@member_required
@require_POST
def workout_finish(request: HttpRequest, workout_id: UUID) -> HttpResponse:
    """Finish now. With no sets, or with exercises left without sets, it asks first (logging.js asks in the
    page and sends `confirmed`; without it this answers the question as a page), once."""
    workout = workout_get_for_edit(request.user, workout_id)
    if workout.ended_at is None and request.POST.get("confirmed") != "1":
        untouched = selectors.exercises_without_sets(workout=workout)
        if untouched is not None:
            context = {"workout": workout, "untouched": untouched}
            return render(request, "workouts/logging/finish_confirm.html", context)
    try:
        workout = services.workout_finish(workout=workout)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        # as the workout page counts them: records that beat an earlier one, one per exercise and kind
        records = len(badges(selectors.flagged_records().filter(workout=workout)))
        text = f"Workout saved ({format_duration(workout.duration_seconds or 0)})."
        if records:
            text += f" {records} new record{'s' if records != 1 else ''}!"
        messages.success(request, text)
    return redirect("workouts:workout_detail", workout_id=workout.pk)
