"""Weights that can be loaded: a prescribed weight rounded to a step the lifter's equipment can make, and the
plates that make a barbell weight.

Rounding happens in the unit the weight is shown in (a kg template seen by a pound user is rounded in pounds),
to the nearest step (halves round up), never to zero when something was prescribed:

| equipment | kg | lb |
| --- | --- | --- |
| barbell | a pair of the lifter's smallest plates (default 2 x 1.25 = 2.5 kg) | (default 2 x 2.5 = 5 lb) |
| single plate, bodyweight + added plates | the smallest plate (1.25 kg) | (2.5 lb) |
| dumbbell, kettlebell | 1 kg under 10 kg, then 2 kg | 2.5 lb under 20 lb, then 5 lb |
| machine, cable | the lifter's machine step (default 2.5 kg) | (default 5 lb) |
| band, suspension, other | 0.5 kg | 1 lb |
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from accounts.models import Equipment
from workouts.units import KG_PER_LB

BAR_KG = Decimal("20")
BAR_LB = Decimal("45")
PLATES_KG = tuple(Decimal(p) for p in ("25", "20", "15", "10", "5", "2.5", "1.25", "1", "0.5", "0.25"))
PLATES_LB = tuple(Decimal(p) for p in ("45", "35", "25", "10", "5", "2.5", "1.25"))
DEFAULT_PLATE = {"kg": Decimal("1.25"), "lb": Decimal("2.5")}
DEFAULT_MACHINE_STEP = {"kg": Decimal("2.5"), "lb": Decimal("5")}


class Steps(Protocol):
    """What rounding needs of a user's training preferences (`TrainingPreferences` or `DEFAULT_STEPS`)."""

    barbell_plate_kg: Decimal
    barbell_plate_lb: Decimal
    machine_step_kg: Decimal
    machine_step_lb: Decimal


@dataclass(frozen=True)
class DefaultSteps:
    barbell_plate_kg: Decimal = DEFAULT_PLATE["kg"]
    barbell_plate_lb: Decimal = DEFAULT_PLATE["lb"]
    machine_step_kg: Decimal = DEFAULT_MACHINE_STEP["kg"]
    machine_step_lb: Decimal = DEFAULT_MACHINE_STEP["lb"]


DEFAULT_STEPS = DefaultSteps()


def _unit(units: str) -> str:
    return "lb" if units == "lb" else "kg"


def smallest_plate(steps: Steps, units: str) -> Decimal:
    return Decimal(steps.barbell_plate_lb if _unit(units) == "lb" else steps.barbell_plate_kg)


def step_for(equipment: str, weight: Decimal, units: str, steps: Steps = DEFAULT_STEPS) -> Decimal:
    """The loadable step, in `units`, for a weight of `weight` (in `units`) on this equipment."""
    lb = _unit(units) == "lb"
    if equipment == Equipment.BARBELL:
        return 2 * smallest_plate(steps, units)
    if equipment in (Equipment.PLATE, Equipment.NONE):
        return smallest_plate(steps, units)
    if equipment in (Equipment.DUMBBELL, Equipment.KETTLEBELL):
        if lb:
            return Decimal("2.5") if weight < 20 else Decimal("5")
        return Decimal("1") if weight < 10 else Decimal("2")
    if equipment == Equipment.MACHINE:
        return Decimal(steps.machine_step_lb if lb else steps.machine_step_kg)
    return Decimal("1") if lb else Decimal("0.5")


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    """The nearest multiple of `step` (halves up); a positive value never becomes 0."""
    if value <= 0:
        return Decimal("0")
    rounded = (value / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step
    return rounded if rounded > 0 else step


def loadable_in_units(weight_kg: Decimal, equipment: str, units: str, steps: Steps = DEFAULT_STEPS) -> Decimal:
    """`weight_kg` as a loadable weight in the user's unit: 36.21 kg on a barbell -> 35 (kg) or 80 (lb)."""
    value = Decimal(weight_kg)
    if _unit(units) == "lb":
        value = value / KG_PER_LB
    return round_to_step(value, step_for(equipment, value, units, steps))


def loadable_kg(weight_kg: Decimal, equipment: str, units: str, steps: Steps = DEFAULT_STEPS) -> Decimal:
    """The loadable weight in kg (kept exact, so 135 lb shows again as 135 lb, not 134.99)."""
    value = loadable_in_units(weight_kg, equipment, units, steps)
    return value * KG_PER_LB if _unit(units) == "lb" else value


@dataclass(frozen=True)
class PlateBreakdown:
    """The plates on each side of the bar, heaviest first; `remainder` is what they cannot make (in total)."""

    bar: Decimal
    per_side: tuple[Decimal, ...]
    remainder: Decimal

    @property
    def loaded(self) -> Decimal:
        return self.bar + 2 * sum(self.per_side, Decimal("0"))


def available_plates(units: str, steps: Steps = DEFAULT_STEPS) -> tuple[Decimal, ...]:
    """The plates a gym has down to the user's smallest one."""
    plates = PLATES_LB if _unit(units) == "lb" else PLATES_KG
    smallest = smallest_plate(steps, units)
    return tuple(plate for plate in plates if plate >= smallest)


def bar_weight(units: str) -> Decimal:
    return BAR_LB if _unit(units) == "lb" else BAR_KG


def plate_breakdown(total: Decimal, units: str, steps: Steps = DEFAULT_STEPS) -> PlateBreakdown:
    """Which plates to put on each side of a 20 kg / 45 lb bar for `total` (in `units`), greedily."""
    bar = bar_weight(units)
    side = (Decimal(total) - bar) / 2
    plates: list[Decimal] = []
    for plate in available_plates(units, steps):
        while side >= plate:
            plates.append(plate)
            side -= plate
    remainder = max(side, Decimal("0")) * 2 if total >= bar else Decimal(total) - bar
    return PlateBreakdown(bar=bar, per_side=tuple(plates), remainder=remainder)
