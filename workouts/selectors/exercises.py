"""Reads of the exercise library.

Every list starts from the access rule (`exercises_visible_to`): built-ins, the user's own custom exercises
and those of their trainer or current clients. One query per list, whatever the size of the library: the
owner comes joined (for the "custom" badge), and the filters run on indexed columns (primary muscle,
equipment, type, the lower-cased name).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from fitnesspr.access import get_visible_or_404
from workouts.models import Exercise
from workouts.selectors.access import exercises_visible_to

SEARCH_WORDS_MAX = 5
PICKER_LIMIT = 20


def search_words(search: str | None) -> list[str]:
    """The words of a search box, without brackets and commas ("bench (barbell)" -> ["bench", "barbell"])."""
    if not search:
        return []
    cleaned = "".join(" " if char in "(),;" else char for char in search)
    return [word for word in cleaned.split() if word][:SEARCH_WORDS_MAX]


def exercise_list(
    *,
    user: User,
    search: str | None = None,
    muscle: str | None = None,
    equipment: str | None = None,
    exercise_type: str | None = None,
    custom: bool | None = None,
) -> QuerySet[Exercise]:
    """The exercises `user` may use, filtered: name search, primary or secondary muscle, equipment, type.

    `search` matches exercises whose name contains every word (in any order); `custom` True keeps the
    custom exercises only, False the built-ins only.
    """
    queryset = exercises_visible_to(user).select_related("owner").order_by("name", "equipment")
    return exercise_filter(
        queryset, search=search, muscle=muscle, equipment=equipment, exercise_type=exercise_type, custom=custom
    )


def exercise_filter(
    queryset: QuerySet[Exercise],
    *,
    search: str | None = None,
    muscle: str | None = None,
    equipment: str | None = None,
    exercise_type: str | None = None,
    custom: bool | None = None,
) -> QuerySet[Exercise]:
    """The library's filters on an already scoped queryset (shared by exercise_list and the API's filterset)."""
    for word in search_words(search):
        queryset = queryset.filter(name__icontains=word)
    if muscle:
        # the JSON list as text, quoted, so that works on SQLite and PostgreSQL alike
        queryset = queryset.filter(Q(primary_muscle=muscle) | Q(secondary_muscles__icontains=f'"{muscle}"'))
    if equipment:
        queryset = queryset.filter(equipment=equipment)
    if exercise_type:
        queryset = queryset.filter(exercise_type=exercise_type)
    if custom is not None:
        queryset = queryset.filter(owner__isnull=not custom)
    return queryset


def exercise_picker_list(
    *, user: User, search: str | None = None, muscle: str | None = None, equipment: str | None = None
) -> list[Exercise]:
    """At most PICKER_LIMIT matching exercises, for the inline pickers of the plan builder and the logger."""
    return list(exercise_list(user=user, search=search, muscle=muscle, equipment=equipment)[:PICKER_LIMIT])


def exercise_detail(*, user: User, exercise_id: object) -> Exercise:
    """One exercise the user may see, with its owner joined; 404 for missing and not visible alike."""
    exercise = get_visible_or_404(exercises_visible_to(user).select_related("owner"), exercise_id)
    return exercise
