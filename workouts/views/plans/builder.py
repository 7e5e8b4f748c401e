"""The plan builder: the page, and the small POSTs that add, change, move and remove days, exercises and sets.

Each works without JavaScript (redirect back + flash message); with htmx it answers the changed piece only
(the days, one day, one exercise, or one set row) with the flash messages out of band: no page reload.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, is_htmx, member_required
from workouts.forms.plans import DayForm, PlanExerciseForm, PlanForm, PlanSetForm
from workouts.models import Plan, PlanDay, PlanExercise
from workouts.selectors import access
from workouts.selectors import plans as selectors
from workouts.selectors.access import plan_get_for_edit
from workouts.selectors.exercises import exercise_list
from workouts.services import plans as services
from workouts.supersets import label_supersets
from workouts.views.plans.common import SEARCH_RESULTS, builder_url, user_units


def _attach_forms(days: list[PlanDay], units: str) -> None:
    """The inline forms of the builder: one per day, exercise and set, with ids unique on the page."""
    for day in days:
        day.form = DayForm(
            initial={"name": day.name, "weekday": day.weekday, "notes": day.notes}, auto_id=f"day-{day.pk}-%s"
        )
        label_supersets(list(day.exercises.all()))
        for item in day.exercises.all():
            _attach_exercise_forms(item, units)


def _attach_exercise_forms(item: PlanExercise, units: str) -> None:
    item.form = PlanExerciseForm(
        initial={"rest_seconds": item.rest_seconds, "notes": item.notes},
        auto_id=f"item-{item.pk}-%s",
    )
    for plan_set in item.sets.all():
        plan_set.form = PlanSetForm(
            exercise_type=item.exercise.exercise_type, units=units, plan_set=plan_set, auto_id=f"set-{plan_set.pk}-%s"
        )


def _after(request: HttpRequest, plan_id: UUID, anchor: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    """htmx: the changed piece with the flash messages out of band; otherwise back to the builder."""
    if is_htmx(request):
        return render(request, partial, {**context, "oob_messages": True, "units": user_units(request)})
    return redirect(builder_url(plan_id, anchor))


def _days_response(request: HttpRequest, plan: Plan) -> HttpResponse:
    plan = selectors.plan_detail(user=request.user, plan_id=plan.pk)
    days = list(plan.days.all())
    _attach_forms(days, user_units(request))
    return _after(
        request, plan.pk, "plan-days", "workouts/plans/partials/builder_days.html", {"plan": plan, "days": days}
    )


def _day_response(request: HttpRequest, day: PlanDay, anchor: str = "") -> HttpResponse:
    day = selectors.plan_day_with_structure(day.pk)
    _attach_forms([day], user_units(request))
    context = {"plan": day.plan, "day": day}
    return _after(request, day.plan_id, anchor or f"day-{day.pk}", "workouts/plans/partials/builder_day.html", context)


def _exercise_response(request: HttpRequest, item: PlanExercise) -> HttpResponse:
    item = selectors.plan_exercise_with_sets(item.pk)
    _attach_exercise_forms(item, user_units(request))
    day_items = selectors.day_exercises(item.day_id)
    label_supersets(day_items)
    this = next(other for other in day_items if other.pk == item.pk)
    item.superset_label, item.grouped_with_previous = this.superset_label, this.grouped_with_previous
    context = {"plan": item.day.plan, "day": item.day, "item": item}
    return _after(
        request, item.day.plan_id, f"item-{item.pk}", "workouts/plans/partials/builder_exercise.html", context
    )


# --- The builder ----------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def plan_builder(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """The builder. POST here changes the plan's own fields; the parts have their own small POSTs."""
    plan = plan_get_for_edit(request.user, plan_id)
    form = PlanForm(request.POST or None, initial={field: getattr(plan, field) for field in services.PLAN_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, data=form.service_data())
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "The plan is saved.")
            return redirect("workouts:plan_builder", plan.pk)
    plan = selectors.plan_detail(user=request.user, plan_id=plan.pk)
    days = list(plan.days.all())
    _attach_forms(days, user_units(request))
    # Without JavaScript the library search is a GET of this page (`?day=<id>&q=...`).
    search_day, search_results = request.GET.get("day", ""), []
    query = request.GET.get("q", "").strip()
    if search_day and query:
        search_results = list(exercise_list(user=request.user, search=query)[:SEARCH_RESULTS])
    context = {
        "plan": plan,
        "days": days,
        "form": form,
        "day_form": DayForm(auto_id="new-day-%s"),
        "units": user_units(request),
        "search_day": search_day,
        "search_query": query,
        "search_results": search_results,
    }
    return render(request, "workouts/plans/builder.html", context)


@member_required
@require_POST
def plan_day_add(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan = plan_get_for_edit(request.user, plan_id)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            day = services.plan_day_add(actor=request.user, plan=plan, data=form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"“{day.name}” is added.")
    else:
        messages.error(request, "Give the day a name.")
    return _days_response(request, plan)


@member_required
@require_POST
def plan_day_update(request: HttpRequest, day_id: UUID) -> HttpResponse:
    day = access.plan_day_get_for_edit(request.user, day_id)
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.plan_day_update(actor=request.user, day=day, data=form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "The day is saved.")
    else:
        messages.error(request, "Give the day a name.")
    return _day_response(request, day)


@member_required
@require_POST
def plan_day_duplicate(request: HttpRequest, day_id: UUID) -> HttpResponse:
    """Copy a day with its exercises and sets, right after it; htmx swaps all the days."""
    day = access.plan_day_get_for_edit(request.user, day_id)
    try:
        copy = services.plan_day_duplicate(actor=request.user, day=day)
    except ApplicationError as error:
        messages.error(request, error.message)
        return _days_response(request, day.plan)
    messages.success(request, f"“{day.name}” is copied as “{copy.name}”.")
    if not is_htmx(request):
        return redirect(builder_url(day.plan_id, f"day-{copy.pk}"))
    return _days_response(request, day.plan)


@member_required
@require_POST
def plan_week_duplicate(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """Copy the plan's week (all its days) after its last day; htmx swaps all the days."""
    plan = plan_get_for_edit(request.user, plan_id)
    try:
        copies = services.plan_week_duplicate(actor=request.user, plan=plan)
    except ApplicationError as error:
        messages.error(request, error.message)
        return _days_response(request, plan)
    messages.success(request, f"The week is copied: {len(copies)} day{'s' if len(copies) != 1 else ''} added.")
    if not is_htmx(request):
        return redirect(builder_url(plan.pk, f"day-{copies[0].pk}"))
    return _days_response(request, plan)


@member_required
@require_POST
def plan_day_move(request: HttpRequest, day_id: UUID) -> HttpResponse:
    day = access.plan_day_get_for_edit(request.user, day_id)
    services.plan_day_move(actor=request.user, day=day, offset=-1 if request.POST.get("direction") == "up" else 1)
    return _days_response(request, day.plan)


@member_required
@require_POST
def plan_day_delete(request: HttpRequest, day_id: UUID) -> HttpResponse:
    day = access.plan_day_get_for_edit(request.user, day_id)
    services.plan_day_delete(actor=request.user, day=day)
    messages.success(request, f"“{day.name}” is removed.")
    return _days_response(request, day.plan)


@member_required
@require_POST
def plan_exercise_add(request: HttpRequest, day_id: UUID) -> HttpResponse:
    """Add an exercise of the library (the picker's buttons submit `exercise`) with three sets to start from."""
    day = access.plan_day_get_for_edit(request.user, day_id)
    exercise_id = request.POST.get("exercise", "")
    if not exercise_id and not is_htmx(request):
        # The search button without JavaScript: show the matches on the builder page.
        query = urlencode({"day": day.pk, "q": request.POST.get("q", "")})
        return redirect(reverse("workouts:plan_builder", args=[day.plan_id]) + f"?{query}#day-{day.pk}")
    try:
        item = services.plan_exercise_add(actor=request.user, day=day, exercise=exercise_id)
        for _ in range(3):  # the first starts from 8-12 reps, the next copy it
            services.plan_set_add(actor=request.user, plan_exercise=item)
    except ApplicationError as error:
        messages.error(request, next(iter(error.fields.values()), [error.message])[0])
        return _day_response(request, day)
    messages.success(request, f"{item.exercise.name} is added.")
    return _day_response(request, day, anchor=f"item-{item.pk}")


@member_required
@require_POST
def plan_exercise_update(request: HttpRequest, plan_exercise_id: UUID) -> HttpResponse:
    item = access.plan_exercise_get_for_edit(request.user, plan_exercise_id)
    form = PlanExerciseForm(request.POST)
    if form.is_valid():
        try:
            services.plan_exercise_update(actor=request.user, plan_exercise=item, data=form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{item.exercise.name} is saved.")
    else:
        messages.error(request, "Rest is 0 to 1800 seconds.")
    return _exercise_response(request, item)


@member_required
@require_POST
def plan_exercise_move(request: HttpRequest, plan_exercise_id: UUID) -> HttpResponse:
    item = access.plan_exercise_get_for_edit(request.user, plan_exercise_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.plan_exercise_move(actor=request.user, plan_exercise=item, offset=offset)
    return _day_response(request, item.day, anchor=f"item-{item.pk}")


@member_required
@require_POST
def plan_exercise_group(request: HttpRequest, plan_exercise_id: UUID) -> HttpResponse:
    """Superset an exercise with the one before it (`action=group`) or take it out (`action=ungroup`)."""
    item = access.plan_exercise_get_for_edit(request.user, plan_exercise_id)
    action = request.POST.get("action")
    if action not in ("group", "ungroup"):
        return HttpResponseBadRequest("action is group or ungroup.")
    service = services.plan_exercise_group_with_previous if action == "group" else services.plan_exercise_ungroup
    try:
        service(actor=request.user, plan_exercise=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    return _day_response(request, item.day, anchor=f"item-{item.pk}")


@member_required
@require_POST
def plan_exercise_delete(request: HttpRequest, plan_exercise_id: UUID) -> HttpResponse:
    item = access.plan_exercise_get_for_edit(request.user, plan_exercise_id)
    services.plan_exercise_delete(actor=request.user, plan_exercise=item)
    messages.success(request, f"{item.exercise.name} is removed.")
    return _day_response(request, item.day)


@member_required
@require_POST
def plan_set_add(request: HttpRequest, plan_exercise_id: UUID) -> HttpResponse:
    item = access.plan_exercise_get_for_edit(request.user, plan_exercise_id)
    services.plan_set_add(actor=request.user, plan_exercise=item)
    return _exercise_response(request, item)


@member_required
@require_POST
def plan_set_update(request: HttpRequest, plan_set_id: UUID) -> HttpResponse:
    """Save one set row. With htmx a save answers only "Saved" (the inputs stay as the user is typing them);
    the row is swapped in only with its errors, or without them after a failed save (see builder_set.html)."""
    plan_set = access.plan_set_get_for_edit(request.user, plan_set_id)
    item = plan_set.plan_exercise
    units = user_units(request)
    form = PlanSetForm(
        request.POST, exercise_type=item.exercise.exercise_type, units=units, auto_id=f"set-{plan_set.pk}-%s"
    )
    saved = False
    if form.is_valid():
        try:
            plan_set = services.plan_set_update(actor=request.user, plan_set=plan_set, data=form.service_data())
        except ApplicationError as error:
            add_application_error(form, error, field_map=PlanSetForm.ERROR_FIELDS)
        else:
            saved = True
    if not is_htmx(request):
        if saved:
            messages.success(request, "The set is saved.")
        else:
            messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(builder_url(item.day.plan_id, f"item-{item.pk}"))
    if saved and not request.POST.get("had_errors"):
        return render(request, "workouts/plans/partials/set_saved.html")
    if saved:
        form = PlanSetForm(
            exercise_type=item.exercise.exercise_type, units=units, plan_set=plan_set, auto_id=f"set-{plan_set.pk}-%s"
        )
    plan_set.form = form
    context = {"plan_set": plan_set, "item": item, "saved": saved, "units": units}
    response = render(request, "workouts/plans/partials/builder_set.html", context)
    response["HX-Retarget"] = f"#set-{plan_set.pk}"
    response["HX-Reswap"] = "outerHTML"
    return response


@member_required
@require_POST
def plan_set_delete(request: HttpRequest, plan_set_id: UUID) -> HttpResponse:
    plan_set = access.plan_set_get_for_edit(request.user, plan_set_id)
    services.plan_set_delete(actor=request.user, plan_set=plan_set)
    return _exercise_response(request, plan_set.plan_exercise)
