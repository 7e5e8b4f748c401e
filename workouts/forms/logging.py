"""Forms of the logging pages. They read the user's units (kg/lb, km) and hand metric values to the services,
which make the final checks (set types, RPE steps, the measures an exercise type needs)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import User
from workouts.models import REQUIRED_MEASURES, Exercise, ExerciseType, SetType
from workouts.units import display_to_kg, parse_number

RPE_CHOICES = [("", "RPE –")] + [(f"{n / 2:g}", f"RPE {n / 2:g}") for n in range(12, 21)]  # noqa: RUF001
DURATION_PATTERN = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{2})$|^(\d+)$")
# "1m30", "1m30s", "2m", "90s", "1h5m", "1h 05m 03s"
DURATION_UNITS_PATTERN = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*(?:s|sec)?)?$")
DURATION_HELP = "Enter the time as mm:ss, in seconds (90 or 90s) or as 1m30."

# which inputs a set of each exercise type shows (set type and RPE are always there)
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    ExerciseType.WEIGHT_REPS: ("weight", "reps"),
    ExerciseType.REPS_ONLY: ("reps",),
    ExerciseType.BODYWEIGHT_REPS: ("reps", "weight"),
    ExerciseType.BODYWEIGHT_ASSISTED_REPS: ("reps", "weight"),
    ExerciseType.DURATION: ("duration",),
    ExerciseType.WEIGHT_DURATION: ("weight", "duration"),
    ExerciseType.DISTANCE_DURATION: ("distance", "duration"),
    ExerciseType.SHORT_DISTANCE_WEIGHT: ("distance", "weight"),
}
# inputs of this form for the measures of the services, and how an error names them
SET_FIELD_NAMES = {"weight_kg": "weight", "distance_m": "distance", "duration_seconds": "duration"}
REQUIRED_LABELS = {"weight": "weight", "reps": "reps", "distance": "distance", "duration": "time"}
# long distances are typed in km, short ones (a sled push) in metres
DISTANCE_IN_KM = {ExerciseType.DISTANCE_DURATION}


def parse_duration(value: str) -> int | None:
    """ "1:05:03", "45:00", "1:30", plain seconds "90" or "90s", "1m30", "1m30s", "2m", "1h5m" -> seconds."""
    value = (value or "").strip().lower()
    if not value:
        return None
    match = DURATION_PATTERN.match(value)
    if not match:
        units = DURATION_UNITS_PATTERN.match(value)
        if units and any(units.groups()):
            hours, minutes, seconds = (int(part or 0) for part in units.groups())
            if seconds >= 60 and (hours or minutes):
                raise forms.ValidationError("Seconds go from 00 to 59.")
            return hours * 3600 + minutes * 60 + seconds
        raise forms.ValidationError(DURATION_HELP)
    if match.group(4) is not None:
        return int(match.group(4))
    hours, minutes, seconds = int(match.group(1) or 0), int(match.group(2)), int(match.group(3))
    if seconds >= 60:
        raise forms.ValidationError("Seconds go from 00 to 59.")
    return hours * 3600 + minutes * 60 + seconds


class LooseDecimalField(forms.DecimalField):
    """A decimal typed on any keypad: "32,5" is 32.5 whatever the locale (a type=number input would drop it)."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except ValueError:
            raise forms.ValidationError("Enter a number, like 32.5 or 32,5.", code="invalid") from None
        return super().to_python(number)


class MinutesSecondsWidget(forms.MultiWidget):
    """A time as two number inputs, minutes and seconds (the phone keypad has no colon). A text value posted
    under the field's own name ("1:30", "90s", "1m30") is read too."""

    def __init__(self, attrs: dict | None = None) -> None:
        part = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}
        super().__init__(
            [
                forms.TextInput(attrs={**part, "aria-label": "minutes", "placeholder": "min"}),
                forms.TextInput(attrs={**part, "aria-label": "seconds", "placeholder": "sec"}),
            ],
            attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        """ "1:30" (how the forms pre-fill a time) -> ["1", "30"]."""
        if not value:
            return [None, None]
        try:
            seconds = parse_duration(str(value))
        except forms.ValidationError:
            return [value, None]
        minutes, rest = divmod(seconds or 0, 60)
        return [str(minutes), f"{rest:02d}"]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        if name in data:
            return data.get(name) or ""
        minutes, seconds = (str(part or "").strip() for part in super().value_from_datadict(data, files, name))
        if not minutes and not seconds:
            return ""
        if (minutes or "0").isdigit() and (seconds or "0").isdigit():
            return str(int(minutes or 0) * 60 + int(seconds or 0))
        return f"{minutes}:{seconds}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


class SetForm(forms.Form):
    """One set, in the user's units. Only the inputs of the exercise's type are kept."""

    set_type = forms.ChoiceField(label="Set type", choices=SetType.choices, initial=SetType.NORMAL)
    reps = forms.IntegerField(label="Reps", required=False, min_value=0, max_value=1000)
    weight = LooseDecimalField(label="Weight", required=False, min_value=0, max_digits=7, decimal_places=2)
    distance = LooseDecimalField(label="Distance", required=False, min_value=0, max_digits=9, decimal_places=3)
    duration = forms.CharField(label="Time (min, sec)", required=False, max_length=16, widget=MinutesSecondsWidget)
    rpe = forms.ChoiceField(label="RPE", choices=RPE_CHOICES, required=False)

    def __init__(self, *args: Any, exercise: Exercise, units: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        self.units = units
        shown = TYPE_FIELDS.get(exercise.exercise_type, ("weight", "reps"))
        for name in ("reps", "weight", "distance", "duration"):
            if name not in shown:
                del self.fields[name]
        self.order_fields([*shown, "rpe", "set_type"])
        needed = {SET_FIELD_NAMES.get(name, name) for name in REQUIRED_MEASURES[exercise.exercise_type]}
        for name in needed & set(self.fields):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = f"Enter the {REQUIRED_LABELS[name]}."
        if "weight" in self.fields:
            unit = "lb" if units == "lb" else "kg"
            added = exercise.exercise_type in (ExerciseType.BODYWEIGHT_REPS, ExerciseType.BODYWEIGHT_ASSISTED_REPS)
            self.fields["weight"].label = f"{'Added' if added else 'Weight'} ({unit})"
            self.fields["weight"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        if "distance" in self.fields:
            in_km = exercise.exercise_type in DISTANCE_IN_KM
            self.distance_unit = "km" if in_km else "m"
            self.fields["distance"].label = f"Distance ({self.distance_unit})"
            self.fields["distance"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        if "reps" in self.fields:
            self.fields["reps"].widget.attrs.update(inputmode="numeric")

    def mark_changed(self, changed: dict[str, str]) -> None:
        """Mark the inputs whose pre-filled value is not what the last set did, with that value beside them."""
        for name, before in changed.items():
            if name in self.fields:
                field = self.fields[name]
                field.widget.attrs["class"] = "prefill-changed"
                field.help_text = f"Changed: last set {before}" if before else "Changed from the last set"

    def clean_duration(self) -> int | None:
        return parse_duration(self.cleaned_data.get("duration") or "")

    def to_data(self) -> dict[str, Any]:
        """The set for the services, metric."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "set_type": data["set_type"],
            "rpe": Decimal(data["rpe"]) if data.get("rpe") else None,
            "reps": data.get("reps"),
            "weight_kg": display_to_kg(data.get("weight"), self.units),
            "distance_m": None,
            "duration_seconds": data.get("duration"),
        }
        distance = data.get("distance")
        if distance is not None:
            metres = distance * 1000 if getattr(self, "distance_unit", "m") == "km" else distance
            values["distance_m"] = metres.quantize(Decimal("0.1"))
        return values


# field names of the services -> inputs of SetForm (to show a service's error next to its input)
SET_FIELD_MAP = SET_FIELD_NAMES


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])
        super().__init__(*args, **kwargs)


class WorkoutEditForm(forms.Form):
    """Name, notes, start and end, in the user's own time zone."""

    name = forms.CharField(max_length=120)
    started_at = LocalDateTimeField(label="Started")
    ended_at = LocalDateTimeField(label="Ended", required=False, help_text="Empty while the workout goes on.")
    notes = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.tz = user.tz
        initial = kwargs.pop("initial", None) or {}
        for name in ("started_at", "ended_at"):
            if isinstance(initial.get(name), datetime):
                initial[name] = timezone.localtime(initial[name], self.tz).replace(tzinfo=None, second=0)
        super().__init__(*args, initial=initial, **kwargs)

    def to_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("started_at", "ended_at"):
            value = data.get(name)
            if value is not None:
                # the form's value is a wall-clock time in the user's zone, whatever Django's current zone
                data[name] = value.replace(tzinfo=None).replace(tzinfo=self.tz)
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", max_length=4000, widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Write a comment"})
    )


class WorkoutFilterForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
