"""Forms of the exercise library pages: the search and filters, and a custom exercise."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import Equipment
from workouts.models import Exercise, ExerciseType, Mechanic, MuscleGroup

ANY = [("", "Any")]
CUSTOM_CHOICES = [("", "All exercises"), ("false", "Built-in only"), ("true", "Custom only")]


class ExerciseFilterForm(forms.Form):
    """The library's search box and filters (GET). Unknown values are form errors, never a crash."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "e.g. bench barbell",
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    muscle = forms.ChoiceField(label="Muscle", required=False, choices=ANY + MuscleGroup.choices)
    equipment = forms.ChoiceField(label="Equipment", required=False, choices=ANY + Equipment.choices)
    exercise_type = forms.ChoiceField(label="Type", required=False, choices=ANY + ExerciseType.choices)
    custom = forms.ChoiceField(label="Show", required=False, choices=CUSTOM_CHOICES)

    def selector_kwargs(self) -> dict[str, Any]:
        """The cleaned filters as exercise_list arguments (call after is_valid())."""
        data = self.cleaned_data
        custom = {"true": True, "false": False}.get(data.get("custom") or "")
        return {
            "search": data.get("q") or None,
            "muscle": data.get("muscle") or None,
            "equipment": data.get("equipment") or None,
            "exercise_type": data.get("exercise_type") or None,
            "custom": custom,
        }


class ExercisePickerForm(forms.Form):
    """The inline picker's query: a few filters and the id of the form its buttons submit."""

    q = forms.CharField(required=False, max_length=100)
    muscle = forms.ChoiceField(required=False, choices=ANY + MuscleGroup.choices)
    equipment = forms.ChoiceField(required=False, choices=ANY + Equipment.choices)
    target = forms.RegexField(required=False, regex=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")


class ExerciseForm(forms.Form):
    """A custom exercise. The service checks the vocabularies and duplicates again."""

    name = forms.CharField(
        label="Name",
        max_length=Exercise._meta.get_field("name").max_length,
        help_text='Like "Zottman Curl (Dumbbell)": the movement, then the equipment in brackets.',
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    primary_muscle = forms.ChoiceField(label="Main muscle group", choices=MuscleGroup.choices)
    secondary_muscles = forms.MultipleChoiceField(
        label="Other muscle groups",
        required=False,
        choices=MuscleGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "muscle-choices"}),
    )
    equipment = forms.ChoiceField(
        label="Equipment", choices=Equipment.choices, help_text="Cable movements count as machine."
    )
    exercise_type = forms.ChoiceField(
        label="What you log",
        choices=ExerciseType.choices,
        initial=ExerciseType.WEIGHT_REPS,
        help_text="Decides the fields of each logged set: weight and reps, time, distance…",
    )
    mechanic = forms.ChoiceField(
        label="Mechanic",
        choices=Mechanic.choices,
        initial=Mechanic.COMPOUND,
        widget=forms.RadioSelect,
        help_text="Compound: several joints move. Isolation: one joint.",
    )
    instructions = forms.CharField(
        label="Instructions",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few short sentences on how to do it well.",
    )

    @classmethod
    def initial_for(cls, exercise: Exercise) -> dict[str, Any]:
        return {name: getattr(exercise, name) for name in cls.base_fields}
