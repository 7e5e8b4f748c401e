"""`{% load workout_targets %}`: `{{ item.targets|targets_summary:user.units }}` -> "3 x 8-10 @ 60 kg"."""

from __future__ import annotations

from django import template

from workouts.selectors.workouts import grouped_targets

register = template.Library()


@register.filter
def targets_summary(targets: list, units: str = "kg") -> str:
    """A plan exercise's target sets in a few words; equal sets in a row are counted: "3 x 8 @ 60 kg"."""
    grouped = grouped_targets(targets or [], units or "kg", empty="set")
    return ", ".join(f"{count} × {text}" for text, count in grouped)  # noqa: RUF001
