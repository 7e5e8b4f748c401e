"""Weights are stored in kg; pages show and accept the user's unit (`user.units`: "kg" or "lb")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KG_PER_LB = Decimal("0.45359237")
TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")


def _decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"Not a number: {value!r}") from error


def kg_to_display(value_kg: object, units: str) -> Decimal | None:
    """A weight in kg as the user sees it: kg with 2 decimals at most, or lb rounded to 0.1."""
    if value_kg is None or value_kg == "":
        return None
    value = _decimal(value_kg)
    if units == "lb":
        return (value / KG_PER_LB).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def display_to_kg(value: object, units: str) -> Decimal | None:
    """A weight typed in the user's unit, in kg (2 decimals, as stored)."""
    if value is None or value == "":
        return None
    number = _decimal(value)
    if units == "lb":
        number = number * KG_PER_LB
    return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_number(value: Decimal) -> str:
    """60.00 -> "60", 62.50 -> "62.5", 132.30 -> "132.3"."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_grouped(value: Decimal) -> str:
    """For reading, with thousands separators: 14400 -> "14,400", 1234.5 -> "1,234.5" (inputs use format_number)."""
    whole, _, fraction = format_number(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-') or 0):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def format_weight(value_kg: object, units: str) -> str:
    """A weight for reading, everywhere the same: "62.5 kg", "14,400 kg", "132.3 lb"."""
    value = kg_to_display(value_kg, units)
    if value is None:
        return ""
    return f"{format_grouped(value)} {'lb' if units == 'lb' else 'kg'}"


def parse_number(value: object) -> Decimal | None:
    """A number as people type it: "32,5" and "32.5" are both 32.5, in every locale; "" is None."""
    text = str(value if value is not None else "").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"Not a number: {value!r}") from error
    if not number.is_finite():
        raise ValueError(f"Not a number: {value!r}")
    return number


def format_duration(seconds: object) -> str:
    """One format for every duration, a set's or a workout's: m:ss, or h:mm:ss from an hour.
    3903 -> "1:05:03", 95 -> "1:35", 6 -> "0:06"."""
    if seconds is None or seconds == "":
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_distance(metres: object) -> str:
    """5000 -> "5.0 km", 400 -> "400 m"."""
    if metres is None or metres == "":
        return ""
    value = _decimal(metres)
    if value >= 1000:
        return f"{(value / 1000).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)} km"
    return f"{format_number(value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP))} m"
