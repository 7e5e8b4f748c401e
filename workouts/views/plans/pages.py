"""Pages: the plan list with today's workout, creating a plan, its read view, and the plan actions
(activate with confirmation, archive, delete, save as template, assign a template).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.selectors import client_get_for_user
from fitnesspr.errors import ApplicationError, ConflictError
from fitnesspr.http import add_application_error, member_required
from workouts.forms.plans import TEMPLATE_CHOICE, AssignForm, PlanCreateForm
from workouts.models import Plan, PlanStatus
from workouts.selectors import plans as selectors
from workouts.selectors.access import can_edit_plan, plan_get_for_edit
from workouts.services import plans as services
from workouts.views.plans.common import current_clients, may_create, user_units

# --- List, create, read ---------------------------------------------------------------------------


def _client_asked(request: HttpRequest) -> User | None:
    """The person `?client=` names (yourself or a current client); 404 for anyone else, like the API."""
    return client_get_for_user(request.user, request.GET["client"]) if request.GET.get("client") else None


@member_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    """Trainers: templates and each client's plans (filter by client). Clients: their plans and today's workout."""
    user = request.user
    context: dict[str, Any] = {"can_create": may_create(user)}
    chosen = _client_asked(request)
    if user.is_trainer:
        clients = current_clients(user)
        plans = list(selectors.plan_list(user=user, client_id=chosen.pk if chosen else None))
        context |= {
            "clients": clients,
            "chosen_client": chosen,
            "templates": [] if chosen else [plan for plan in plans if plan.is_template],
            "client_plans": [plan for plan in plans if not plan.is_template],
        }
        return render(request, "workouts/plans/list.html", context)
    plans = sorted(selectors.plan_list(user=user), key=lambda plan: plan.status != PlanStatus.ACTIVE)
    active = next((plan for plan in plans if plan.status == PlanStatus.ACTIVE), None)
    today = selectors.client_today(user)
    planned = selectors.plan_today(user, plan=active) if active else selectors.PlanToday()
    day = planned.day
    context |= {
        "plans": plans,
        "active_plan": active,
        "today_day": day,
        "today_done": planned.done,  # today's workout, once finished (the Today page shows it done)
        "today_next": planned.next_day,
        "today_targets": selectors.plan_day_targets(day, today) if day and not planned.done else [],
        "week_number": selectors.plan_week_number(active, today) if active else None,
    }
    return render(request, "workouts/plans/list.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    chosen = _client_asked(request)
    if not may_create(user):
        return render(request, "workouts/plans/create.html", {"has_trainer": True})
    clients = current_clients(user) if user.is_trainer else None
    initial = {}
    if clients is not None:
        initial["client"] = str(chosen.pk) if chosen else (TEMPLATE_CHOICE if not clients else str(clients[0].pk))
    form = PlanCreateForm(request.POST or None, clients=clients, initial=initial)
    if request.method == "POST" and form.is_valid():
        if clients is None:
            client = user
        elif form.cleaned_data["client"] == TEMPLATE_CHOICE:
            client = None
        else:
            client = next(c for c in clients if str(c.pk) == form.cleaned_data["client"])
        try:
            plan = services.plan_create(actor=user, client=client, data=form.service_data())
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"“{plan.name}” is created. Add its days and exercises.")
            return redirect("workouts:plan_builder", plan.pk)
    return render(request, "workouts/plans/create.html", {"form": form})


@member_required
@require_GET
def plan_detail(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """The plan with this week's targets (the weekly progression applied), in the user's units."""
    plan = selectors.plan_detail(user=request.user, plan_id=plan_id)
    today = selectors.client_today(plan.client or request.user)
    week_number = selectors.plan_week_number(plan, today)
    days = [(day, selectors.plan_day_targets(day, today)) for day in plan.days.all()]
    context = {
        "plan": plan,
        "days": days,
        "week_number": week_number,
        "can_edit": can_edit_plan(request.user, plan),
        "units": user_units(request),
    }
    return render(request, "workouts/plans/detail.html", context)


# --- Plan actions --------------------------------------------------------------------------------


@member_required
@require_POST
def plan_activate(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """Activate; if the client has another active plan, ask first (a page naming it), then archive it."""
    plan = plan_get_for_edit(request.user, plan_id)
    archive_current = request.POST.get("archive_current") == "1"
    try:
        services.plan_activate(actor=request.user, plan=plan, archive_current=archive_current)
    except ConflictError as error:
        if error.code != "active_plan_exists" or "current_plan" not in error.extra:
            messages.error(request, error.message)
            return redirect("workouts:plan_detail", plan.pk)
        context = {"plan": plan, "current_plan": error.extra["current_plan"]}
        return render(request, "workouts/plans/activate_confirm.html", context, status=409)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("workouts:plan_detail", plan.pk)
    messages.success(request, f"“{plan.name}” is now the active plan.")
    return redirect("workouts:plan_detail", plan.pk)


@member_required
@require_POST
def plan_archive(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan = plan_get_for_edit(request.user, plan_id)
    services.plan_archive(actor=request.user, plan=plan)
    messages.success(request, f"“{plan.name}” is archived.")
    return redirect("workouts:plan_detail", plan.pk)


@member_required
@require_POST
def plan_delete(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan = plan_get_for_edit(request.user, plan_id)
    services.plan_delete(actor=request.user, plan=plan)
    messages.success(request, f"“{plan.name}” is deleted.")
    if plan.client_id and plan.client_id != request.user.pk:
        return redirect(reverse("workouts:plan_list") + f"?client={plan.client_id}")
    return redirect("workouts:plan_list")


@member_required
@require_POST
def plan_save_as_template(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan = plan_get_for_edit(request.user, plan_id)
    try:
        template = services.plan_save_as_template(actor=request.user, plan=plan, name=f"{plan.name} (template)")
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("workouts:plan_detail", plan.pk)
    messages.success(request, f"Saved as the template “{template.name}”.")
    return redirect("workouts:plan_builder", template.pk)


@member_required
@require_http_methods(["GET", "POST"])
def plan_assign(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """Copy a template to chosen clients. If some have an active plan, a confirmation step lists them first."""
    template = plan_get_for_edit(request.user, plan_id)
    if not template.is_template:
        raise Http404("Not found.")
    asked = _client_asked(request)
    clients = current_clients(request.user)
    form = AssignForm(request.POST or None, clients=clients, initial={"clients": [str(asked.pk)] if asked else []})
    conflicts: list[tuple[User, Plan]] = []
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen_clients()
        try:
            plans = services.plan_assign_template(
                trainer=request.user,
                template=template,
                clients=chosen,
                start_date=form.cleaned_data["start_date"],
                activate=form.cleaned_data["activate"],
                archive_current=form.cleaned_data["archive_current"],
            )
        except ConflictError as error:
            current = error.extra.get("current_plans", {})
            if not current:
                add_application_error(form, error)
            conflicts = [(client, current[client.pk]) for client in chosen if client.pk in current]
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            names = ", ".join(plan.client.display_name or plan.client.email for plan in plans)
            messages.success(request, f"“{template.name}” is assigned to {names}.")
            return redirect("workouts:plan_list")
    context = {"plan": template, "form": form, "conflicts": conflicts, "has_clients": bool(clients)}
    return render(request, "workouts/plans/assign.html", context, status=409 if conflicts else 200)
