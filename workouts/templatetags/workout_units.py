"""`{% load workout_units %}`: `{{ set.weight_kg|weight:user.units }}`, `{{ seconds|duration }}`, `{{ m|distance }}`."""

from __future__ import annotations

from django import template

from workouts import units as unit_helpers
from workouts.selectors.workouts import describe_set

register = template.Library()


@register.filter
def weight(value_kg: object, units: str = "kg") -> str:
    """60 -> "60 kg", or "132.3 lb" for a user who prefers pounds."""
    return unit_helpers.format_weight(value_kg, units or "kg")


@register.filter
def weight_value(value_kg: object, units: str = "kg") -> str:
    """The number only, in the user's unit (for form inputs)."""
    value = unit_helpers.kg_to_display(value_kg, units or "kg")
    return "" if value is None else unit_helpers.format_number(value)


@register.filter
def duration(seconds: object) -> str:
    return unit_helpers.format_duration(seconds)


@register.filter
def distance(metres: object) -> str:
    return unit_helpers.format_distance(metres)


@register.filter
def set_text(workout_set: object, units: str = "kg") -> str:
    """A logged set as the logger and the workout page say it: "8 @ 60 kg", "12 reps", "5.0 km in 25:00"."""
    return describe_set(workout_set, units or "kg")
