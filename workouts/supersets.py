"""Superset labels, the same on every page that lists the exercises of a plan day or a workout (the builder, the
plan, today's workout, the logger): the exercises sharing a superset group read A1, A2...; the next group B1,
B2...; letters in the order the groups first appear. An exercise in no group has no label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def label_supersets(items: Iterable[Any]) -> None:
    """Set `superset_label` ("A1", or "") and `grouped_with_previous` on each item (a PlanExercise or a
    WorkoutExercise, in their order), from its `superset_group`. No query."""
    letters: dict[int, str] = {}
    counts: dict[int, int] = {}
    previous_group = None
    for item in items:
        group = item.superset_group
        item.superset_label = ""
        item.grouped_with_previous = group is not None and group == previous_group
        if group is not None:
            letters.setdefault(group, chr(ord("A") + len(letters) % 26))
            counts[group] = counts.get(group, 0) + 1
            item.superset_label = f"{letters[group]}{counts[group]}"
        previous_group = group
