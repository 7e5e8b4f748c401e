"""The training preferences form: the steps the user's gym can load, in the unit they train in."""

from __future__ import annotations

from typing import Any

from django import forms

from workouts.models import TrainingPreferences


class TrainingPreferencesForm(forms.ModelForm):
    """Only the fields of the user's unit: a kg lifter never sees pound plates (the other unit keeps its value)."""

    class Meta:
        model = TrainingPreferences
        fields = ["barbell_plate_kg", "barbell_plate_lb", "machine_step_kg", "machine_step_lb"]
        labels = {
            "barbell_plate_kg": "Smallest barbell plate",
            "barbell_plate_lb": "Smallest barbell plate",
            "machine_step_kg": "Machine and cable step",
            "machine_step_lb": "Machine and cable step",
        }
        help_texts = {
            "barbell_plate_kg": "Barbell targets go up by a pair of these (1.25 kg plates: 2.5 kg steps).",
            "barbell_plate_lb": "Barbell targets go up by a pair of these (2.5 lb plates: 5 lb steps).",
            "machine_step_kg": "The smallest change a weight stack allows.",
            "machine_step_lb": "The smallest change a weight stack allows.",
        }

    def __init__(self, *args: Any, units: str = "kg", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other = "kg" if units == "lb" else "lb"
        for name in list(self.fields):
            if name.endswith(f"_{other}"):
                del self.fields[name]
        for field in self.fields.values():
            field.choices = [choice for choice in field.choices if choice[0] != ""]  # no empty "---------"
