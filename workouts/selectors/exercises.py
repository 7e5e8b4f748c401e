"""Reads of the exercise library."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from workouts.models import Exercise
from workouts.selectors.access import exercises_visible_to


def exercise_list(
    *,
    user: User,
    search: str | None = None,
    muscle: str | None = None,
    equipment: str | None = None,
    exercise_type: str | None = None,
) -> QuerySet[Exercise]:
    """The exercises `user` may use, filtered: name search, primary or secondary muscle, equipment, type."""
    queryset = exercises_visible_to(user).select_related("owner")
    if search:
        for word in search.split()[:5]:
            queryset = queryset.filter(name__icontains=word)
    if muscle:
        # the JSON list as text, quoted, so that works on SQLite and PostgreSQL alike
        queryset = queryset.filter(Q(primary_muscle=muscle) | Q(secondary_muscles__icontains=f'"{muscle}"'))
    if equipment:
        queryset = queryset.filter(equipment=equipment)
    if exercise_type:
        queryset = queryset.filter(exercise_type=exercise_type)
    return queryset.order_by("name", "equipment")
