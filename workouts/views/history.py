"""Pages: the training history by week, and one exercise's records with its estimated-1RM chart.

A client reads their own history; a trainer reads a current client's with `?client=<uuid>` (anyone else's id
answers 404). Weights are shown in the viewer's unit.
"""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from accounts.selectors import client_link_list
from fitnesspr.http import member_required
from workouts.selectors.access import exercise_get_for_user
from workouts.selectors.history import (
    exercise_history,
    exercises_trained,
    history_owner_get,
    weekly_history,
)
from workouts.units import kg_to_display


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        raise Http404("No such page.") from None


@member_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """Weeks with their totals and workouts, newest first; the exercises trained. A trainer picks a client first."""
    client_id = request.GET.get("client")
    if request.user.is_trainer and not client_id:
        links = list(client_link_list(trainer=request.user))
        return render(request, "workouts/history/pick_client.html", {"links": links})
    owner = history_owner_get(request.user, client_id)
    weeks = weekly_history(viewer=request.user, owner=owner, page=_page_number(request))
    context = {
        "owner": owner,
        "is_own": owner.pk == request.user.pk,
        "history": weeks,
        "exercises": exercises_trained(viewer=request.user, owner=owner) if weeks.page == 1 else [],
        "client_query": "" if owner.pk == request.user.pk else f"client={owner.pk}",
        "units": request.user.units,
    }
    return render(request, "workouts/history/history.html", context)


@member_required
@require_GET
def exercise_history_page(request: HttpRequest, exercise_id: UUID) -> HttpResponse:
    """An exercise's current records, its estimated-1RM chart and the last sessions."""
    owner = history_owner_get(request.user, request.GET.get("client"))
    exercise = exercise_get_for_user(request.user, exercise_id)
    data = exercise_history(viewer=request.user, owner=owner, exercise=exercise)
    units = request.user.units
    series = {
        "label": f"Estimated 1RM ({units})",
        "units": units,
        "points": [{"x": day.isoformat(), "y": float(kg_to_display(value, units))} for day, value in data.series],
    }
    context = {
        "owner": owner,
        "is_own": owner.pk == request.user.pk,
        "data": data,
        "series": series,
        "client_query": "" if owner.pk == request.user.pk else f"client={owner.pk}",
        "units": units,
    }
    return render(request, "workouts/history/exercise.html", context)


urlpatterns = [
    path("history/", history, name="history"),
    path("history/exercises/<uuid:exercise_id>/", exercise_history_page, name="exercise_history"),
]
