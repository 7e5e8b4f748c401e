"""The trainer's page of one client, and the profile step a client is offered once after joining a trainer.

The client page is made of sections: accounts renders the profile the client entered; the other apps add
theirs through the `accounts.client_page` slot (fitnesspr/slots.py): training (active plan, today's workout,
last workouts, records) from workouts, the Hevy status from integrations. Each filler's loader reads what it
needs in a fixed number of queries, so the page costs the same whatever the client's history.

Only the client's current trainer sees the page; anyone else gets 404, like a client that does not exist. The
client themselves get 404 too: the page is the trainer's view of them (`trainer_required`); their own profile
is on their settings page.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import selectors, services
from accounts.forms import ClientProfileStepForm
from accounts.models import Equipment
from fitnesspr import slots
from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, client_required, trainer_required

CLIENT_PAGE_SLOT = "accounts.client_page"
EQUIPMENT_LABELS = dict(Equipment.choices)


@trainer_required
@require_GET
def client_detail(request: HttpRequest, client_id: UUID) -> HttpResponse:
    client = selectors.client_get_for_trainer(request.user, client_id)
    try:
        profile = client.client_profile
    except ObjectDoesNotExist:  # an account made outside sign-up (the admin, the shell) until it saves one
        profile = None
    context = {
        "client": client,
        "profile": profile,
        "equipment": [EQUIPMENT_LABELS.get(value, value) for value in (profile.available_equipment if profile else [])],
        "slots": slots.load(CLIENT_PAGE_SLOT, [client]),
    }
    return render(request, "accounts/client_detail.html", context)


@client_required
@require_http_methods(["GET", "POST"])
def profile_step(request: HttpRequest) -> HttpResponse:
    """Asked once after joining through an invitation: the profile the trainer plans from. "Skip" saves nothing
    but still counts as asked; the same fields stay editable in the settings."""
    profile = selectors.own_client_profile(request.user)
    if request.method == "POST" and "skip" in request.POST:
        services.client_profile_step_answer(user=request.user, data=None)
        messages.info(request, "Skipped. You can fill in your training profile any time in Settings.")
        return redirect("home")
    initial = {name: getattr(profile, name) for name in ClientProfileStepForm.base_fields}
    form = ClientProfileStepForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_profile_step_answer(user=request.user, data=form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Thanks! Your trainer now sees your training profile.")
            return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "accounts/profile_step.html", {"form": form}, status=status)


def after_joining(request: HttpRequest) -> HttpResponse:
    """Where a client goes once they joined a trainer: the profile step the first time, else their trainer."""
    if selectors.client_profile_step_due(request.user):
        return redirect("accounts:profile_step")
    return redirect("accounts:my_trainer")
