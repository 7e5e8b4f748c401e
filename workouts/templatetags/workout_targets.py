"""`{% load workout_targets %}`: `{{ item.targets|targets_summary:user.units }}` -> "3 x 8-10 @ 60 kg"."""

from __future__ import annotations

from django import template

from workouts.selectors.workouts import describe_target

register = template.Library()


@register.filter
def targets_summary(targets: list, units: str = "kg") -> str:
    """A plan exercise's target sets in a few words; equal sets in a row are counted: "3 x 8 @ 60 kg"."""
    parts: list[list] = []
    for target in targets or []:
        text = describe_target(target, units or "kg") or "set"
        if parts and parts[-1][0] == text:
            parts[-1][1] += 1
        else:
            parts.append([text, 1])
    return ", ".join(f"{count} × {text}" for text, count in parts)  # noqa: RUF001
