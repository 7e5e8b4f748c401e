"""`{% load workout_history %}`: `{{ week.volume_kg|volume:user.units }}` -> "12,340 kg" (whole units, grouped)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from workouts.units import kg_to_display

register = template.Library()


@register.filter
def volume(value_kg: object, units: str = "kg") -> str:
    value = kg_to_display(value_kg or 0, units or "kg") or Decimal("0")
    return f"{value.quantize(Decimal('1'), rounding=ROUND_HALF_UP):,} {'lb' if units == 'lb' else 'kg'}"
