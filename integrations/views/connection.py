"""Pages: the Hevy connection settings (`/settings/hevy/`): connect a key, see its state and the syncs, sync
now, disconnect. A sync in progress shows live progress (static/js/hevy.js, from `hevy.sync_progress` events);
the status and the list of syncs refresh themselves (htmx) when it finishes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, member_required
from integrations import selectors
from integrations.forms import HevyKeyForm, HevyPreferencesForm
from integrations.hevy.connection import hevy_connect, hevy_disconnect, hevy_settings_update, sync_queue
from integrations.models import SyncTrigger


def _context(user: User) -> dict[str, Any]:
    connection = selectors.hevy_connection_for_user(user=user)
    runs = selectors.sync_run_recent(user=user) if connection else []
    current = next((run for run in runs if run.status in ("queued", "running")), None)
    return {
        "connection": connection,
        "runs": runs,
        "current_run": current,
        "interval_minutes": settings.HEVY_SYNC_INTERVAL_MINUTES,
        "preferences_form": HevyPreferencesForm(
            initial={"push_workouts": connection.push_workouts} if connection else None
        ),
    }


@member_required
@require_http_methods(["GET", "POST"])
def hevy_settings(request: HttpRequest) -> HttpResponse:
    """The settings page; POST connects (or replaces) the key."""
    form = HevyKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            connection = hevy_connect(user=request.user, api_key=form.cleaned_data["api_key"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            name = f" as {connection.hevy_user_name}" if connection.hevy_user_name else ""
            messages.success(request, f"Hevy is connected{name}. Press “Sync now” to bring in your workouts.")
            return redirect("integrations:hevy_settings")
    return render(request, "integrations/hevy_settings.html", {"form": form, **_context(request.user)})


@member_required
@require_GET
def hevy_sync_section(request: HttpRequest) -> HttpResponse:
    """The status and the recent syncs (htmx refreshes them when a sync finishes)."""
    return render(request, "integrations/partials/hevy_sync_section.html", _context(request.user))


@member_required
@require_POST
def hevy_sync_now(request: HttpRequest) -> HttpResponse:
    connection = selectors.hevy_connection_for_user(user=request.user)
    if connection is None:
        messages.error(request, "Connect Hevy first.")
        return redirect("integrations:hevy_settings")
    try:
        sync_queue(connection=connection, trigger=SyncTrigger.MANUAL, full=request.POST.get("full") == "1")
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Sync started. Progress shows below.")
    return redirect("integrations:hevy_settings")


@member_required
@require_POST
def hevy_preferences(request: HttpRequest) -> HttpResponse:
    connection = selectors.hevy_connection_for_user(user=request.user)
    form = HevyPreferencesForm(request.POST)
    if connection is not None and form.is_valid():
        hevy_settings_update(connection=connection, push_workouts=form.cleaned_data["push_workouts"])
        messages.success(request, "Hevy settings saved.")
    return redirect("integrations:hevy_settings")


@member_required
@require_POST
def hevy_disconnect_page(request: HttpRequest) -> HttpResponse:
    hevy_disconnect(user=request.user)
    messages.success(request, "Hevy is disconnected and your key is deleted. Your synced workouts stay.")
    return redirect("integrations:hevy_settings")


urlpatterns = [
    path("settings/hevy/", hevy_settings, name="hevy_settings"),
    path("settings/hevy/syncs/", hevy_sync_section, name="hevy_sync_section"),
    path("settings/hevy/sync/", hevy_sync_now, name="hevy_sync_now"),
    path("settings/hevy/preferences/", hevy_preferences, name="hevy_preferences"),
    path("settings/hevy/disconnect/", hevy_disconnect_page, name="hevy_disconnect"),
]
