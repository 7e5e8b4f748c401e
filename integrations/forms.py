"""Forms of the integrations pages."""

from __future__ import annotations

from django import forms


class HevyKeyForm(forms.Form):
    api_key = forms.CharField(
        label="Hevy API key",
        max_length=200,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="In the Hevy app or on hevy.com: Settings, Developer (Hevy Pro). It is checked with Hevy, "
        "stored encrypted and never shown again.",
    )


class HevyPreferencesForm(forms.Form):
    push_workouts = forms.BooleanField(
        label="Send the workouts I log in FitnessPr to Hevy",
        required=False,
    )
