"""Pages: pushing plans to Hevy (a POST from the plan page; redirect back with a flash message)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from fitnesspr.errors import ApplicationError
from fitnesspr.http import member_required
from integrations.hevy.push.plans import plan_push
from integrations.selectors import plan_get_for_push


@member_required
@require_POST
def plan_push_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    """Send the plan to its client's Hevy account: the client for their own plan, or their trainer. 404 for
    anyone else."""
    plan = plan_get_for_push(request.user, plan_id)
    try:
        result = plan_push(user=request.user, plan=plan)
    except ApplicationError as error:
        settings_url = error.extra.get("settings_url")
        if settings_url:  # the person who must connect Hevy is the one reading: link them to it
            messages.error(
                request, format_html('{} <a href="{}">Open the Hevy settings</a>', error.message, settings_url)
            )
        else:
            messages.error(request, error.message)
    else:
        messages.success(request, f"“{plan.name}” is in Hevy (folder {result.folder_id}): {result.summary()}.")
    return redirect("workouts:plan_detail", plan.pk)


urlpatterns = [path("plans/<uuid:plan_id>/push-to-hevy/", plan_push_view, name="plan_push")]
