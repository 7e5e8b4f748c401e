"""Forms of the plan pages. They check the input's shape and convert the user's units to kg; the services
(workouts.services.plans) check the rules and do the writing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from accounts.models import Goal, User
from workouts.forms.logging import parse_duration
from workouts.models import SetType
from workouts.services.plans import set_fields_for
from workouts.units import display_to_kg, format_duration, format_number, kg_to_display

WEEKDAY_CHOICES = [
    ("", "Any day"),
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
TEMPLATE_CHOICE = "template"


class PlanForm(forms.Form):
    name = forms.CharField(max_length=120, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    goal = forms.ChoiceField(choices=[("", "—"), *Goal.choices], required=False)
    start_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.IntegerField(min_value=1, max_value=52, initial=4, label="Length in weeks")
    notes = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def service_data(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in ("name", "goal", "start_date", "weeks", "notes")}


class PlanCreateForm(PlanForm):
    """A trainer picks the client (or "template"); a client builds their own plan (no choice)."""

    client = forms.ChoiceField(label="For")

    field_order = ["client", "name", "goal", "start_date", "weeks", "notes"]

    def __init__(self, *args: Any, clients: list[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if clients is None:
            del self.fields["client"]
            return
        self.fields["client"].choices = [
            *[(str(client.pk), client.display_name or client.email) for client in clients],
            (TEMPLATE_CHOICE, "A template (assign it to clients later)"),
        ]


class DayForm(forms.Form):
    name = forms.CharField(max_length=80, label="Day name")
    weekday = forms.TypedChoiceField(
        choices=WEEKDAY_CHOICES, required=False, coerce=int, empty_value=None, label="Weekday"
    )
    notes = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PlanExerciseForm(forms.Form):
    rest_seconds = forms.IntegerField(min_value=0, max_value=1800, label="Rest (s)")
    notes = forms.CharField(required=False, max_length=2000, widget=forms.TextInput())


class PlanSetForm(forms.Form):
    """One target set, weights in the user's unit. Only the fields of the exercise type are shown."""

    set_type = forms.ChoiceField(choices=SetType.choices, label="Type")
    reps_min = forms.IntegerField(min_value=0, max_value=1000, required=False, label="Reps from")
    reps_max = forms.IntegerField(  # shown after "Reps from"; read alone, it is "Reps to"
        min_value=0,
        max_value=1000,
        required=False,
        label="to",
        widget=forms.NumberInput(attrs={"aria-label": "Reps to"}),
    )
    weight = forms.DecimalField(min_value=0, max_digits=7, decimal_places=2, required=False, label="Weight")
    target_rpe = forms.DecimalField(
        min_value=6, max_value=10, max_digits=3, decimal_places=1, required=False, label="RPE"
    )
    # typed and shown as the logger's times are: "20:00", "1:30", "90s", "1m30"
    duration_seconds = forms.CharField(
        required=False,
        max_length=16,
        label="Time (m:ss)",
        widget=forms.TextInput(attrs={"placeholder": "m:ss", "autocomplete": "off", "size": 6}),
    )
    distance_m = forms.DecimalField(min_value=0, max_digits=8, decimal_places=1, required=False, label="Distance (m)")
    weight_step = forms.DecimalField(
        min_value=0, max_digits=6, decimal_places=2, required=False, label="+ weight / week"
    )
    reps_increment = forms.IntegerField(min_value=0, max_value=20, required=False, label="+\u00a0reps /\u00a0week")

    FIELD_SOURCES = {
        "reps_min": "reps_min",
        "reps_max": "reps_max",
        "weight": "target_weight_kg",
        "target_rpe": "target_rpe",
        "duration_seconds": "duration_seconds",
        "distance_m": "distance_m",
        "weight_step": "weight_increment_kg",
        "reps_increment": "reps_increment",
    }

    def __init__(self, *args: Any, exercise_type: str, units: str, plan_set: Any = None, **kwargs: Any) -> None:
        self.units = units
        if plan_set is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(plan_set, units)
        super().__init__(*args, **kwargs)
        used = set(set_fields_for(exercise_type))
        for name, source in self.FIELD_SOURCES.items():
            if source not in used:
                del self.fields[name]
        unit = "lb" if units == "lb" else "kg"
        if "weight" in self.fields:
            self.fields["weight"].label = f"Weight ({unit})"
            self.fields["weight_step"].label = f"+\u00a0{unit} /\u00a0week"  # on two lines: "+ kg", "/ week"

    def clean_duration_seconds(self) -> int | None:
        seconds = parse_duration(self.cleaned_data.get("duration_seconds") or "")
        if seconds is not None and seconds > 86400:
            raise forms.ValidationError("At most 24 hours.")
        return seconds

    @staticmethod
    def initial_for(plan_set: Any, units: str) -> dict[str, Any]:
        def shown(value: Any) -> str | None:
            converted = kg_to_display(value, units)
            return None if converted is None else format_number(converted)

        return {
            "set_type": plan_set.set_type,
            "reps_min": plan_set.reps_min,
            "reps_max": plan_set.reps_max,
            "weight": shown(plan_set.target_weight_kg),
            "target_rpe": plan_set.target_rpe,
            "duration_seconds": format_duration(plan_set.duration_seconds) if plan_set.duration_seconds else None,
            "distance_m": None if plan_set.distance_m is None else format_number(plan_set.distance_m),
            "weight_step": shown(plan_set.weight_increment_kg) if plan_set.weight_increment_kg else None,
            "reps_increment": plan_set.reps_increment or None,
        }

    def service_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"set_type": self.cleaned_data["set_type"]}
        for name, source in self.FIELD_SOURCES.items():
            if name not in self.fields:
                continue
            value = self.cleaned_data.get(name)
            if name in ("weight", "weight_step"):
                value = display_to_kg(value, self.units)
            if name == "weight_step" and value is None:
                value = Decimal("0")
            if name == "reps_increment" and value is None:
                value = 0
            data[source] = value
        return data

    # Service errors name model fields; show them next to the form's fields.
    ERROR_FIELDS = {source: name for name, source in FIELD_SOURCES.items()}


class AssignForm(forms.Form):
    clients = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, label="Clients")
    start_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    activate = forms.BooleanField(required=False, initial=True, label="Make it their active plan now")
    archive_current = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, clients: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clients_by_id = {str(client.pk): client for client in clients}
        self.fields["clients"].choices = [(str(client.pk), client.display_name or client.email) for client in clients]

    def chosen_clients(self) -> list[User]:
        return [self.clients_by_id[value] for value in self.cleaned_data["clients"]]
