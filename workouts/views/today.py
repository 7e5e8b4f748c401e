"""Pages: Today, where a client lands: the workout in progress or today's workout from their plan, with "Start"
one tap away (once finished: done, and the next day offered for when they want it), then the last few workouts
(the whole history lives under History)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from fitnesspr.http import member_required
from workouts.selectors import plans as plan_selectors
from workouts.selectors import workouts as workout_selectors
from workouts.views.plans.common import may_create

RECENT = 3


@member_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    """The user's own day: a workout in progress to continue, today's plan day to start (or an empty one), or
    today's done with the next day offered."""
    user = request.user
    own = workout_selectors.workout_list(user=user, owner=user.pk, nested=False)
    in_progress = own.filter(ended_at__isnull=True).first()
    plan = plan_selectors.active_plan(user)
    today = plan_selectors.plan_today(user, plan=plan) if plan else plan_selectors.PlanToday()
    day = today.day
    on_date = plan_selectors.client_today(user)
    context = {
        "on_date": on_date,
        "in_progress": in_progress,
        "plan": plan,
        "day": day,
        "done": today.done,
        "next_day": today.next_day,
        "targets": plan_selectors.plan_day_targets(day, on_date) if day and not today.done else [],
        "week_number": plan_selectors.plan_week_number(plan, on_date) if plan else None,
        "recent": list(own.filter(ended_at__isnull=False)[:RECENT]),
        "can_create_plan": may_create(user),
    }
    return render(request, "workouts/today/today.html", context)


urlpatterns = [
    path("today/", today, name="today"),
]
