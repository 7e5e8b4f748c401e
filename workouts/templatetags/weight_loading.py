"""`{% load weight_loading %}`: `{{ target|target_weight:units }}`, a target set's weight loadable in `units`."""

from __future__ import annotations

from typing import Any

from django import template

from workouts import loading
from workouts import units as unit_helpers
from workouts.selectors.plans import TargetSet
from workouts.selectors.preferences import training_preferences_for

register = template.Library()


@register.filter
def target_weight(target: TargetSet, units: str = "kg") -> str:
    """ "35 kg" for a kg viewer, "80 lb" for a pound viewer of the same 36.21 kg target on a barbell."""
    return unit_helpers.format_weight(target.weight_kg_in(units or "kg"), units or "kg")


@register.filter
def target_parts(target: TargetSet, units: str = "kg") -> list[str]:
    """["8-12 reps", "60 kg", "RPE 8"] (the range with an en dash), or a cardio target's ["20:00", "8.0 km"]:
    the page joins them with " · "."""
    parts = []
    if target.reps_min is not None:
        reps = f"{target.reps_min}–{target.reps_max}" if target.is_range else f"{target.reps_max}"  # noqa: RUF001
        parts.append(f"{reps} reps")
    if target.weight_kg is not None:
        parts.append(target_weight(target, units))
    if target.duration_seconds:
        parts.append(unit_helpers.format_duration(target.duration_seconds))
    if target.distance_m:
        parts.append(unit_helpers.format_distance(target.distance_m))
    if target.rpe:
        parts.append(f"RPE {unit_helpers.format_number(target.rpe)}")
    return parts or ["as you feel"]


@register.filter
def plate_list(user: Any, units: str) -> str:
    """The plates `user` has in `units`, heaviest first, down to their smallest plate, for plates.js:
    "25,20,15,10,5,2.5,1.25" (kg, by default)."""
    plates = loading.available_plates(units, training_preferences_for(user))
    return ",".join(unit_helpers.format_number(plate) for plate in plates)


@register.filter
def bar_weight(units: str) -> str:
    """20 (kg) or 45 (lb): the bar the plate calculator loads."""
    return unit_helpers.format_number(loading.bar_weight(units))
