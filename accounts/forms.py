"""Forms of the accounts pages. They validate input; the services do the writing and the final checks."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accounts.lockout import authenticate_with_lockout
from accounts.models import Equipment, ExperienceLevel, Goal, Role, Sex, Units
from fitnesspr.errors import ApplicationError

ROLE_CHOICES = [
    (Role.TRAINER.value, "Trainer: I coach clients"),
    (Role.CLIENT.value, "Client: I train, on my own or with a trainer"),
]


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    # Every zone the model accepts, so a value set elsewhere (API, admin) is shown as it is.
    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())]


def password_mismatch_check(form: forms.Form) -> None:
    first, second = form.cleaned_data.get("password1"), form.cleaned_data.get("password2")
    if first and second and first != second:
        form.add_error("password2", "The two passwords do not match.")


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password and not only digits.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class TimeZoneAutofillField(forms.CharField):
    """A hidden field that static/js/app.js fills with the browser's time zone; unknown values become UTC."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", "UTC")
        kwargs.setdefault("widget", forms.HiddenInput(attrs={"data-timezone-autofill": ""}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return value if value in zoneinfo.available_timezones() else "UTC"


class SignupForm(PasswordPairMixin):
    email = forms.EmailField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        label="Your name",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="Shown to your trainer or clients.",
    )
    role = forms.ChoiceField(
        label="I am a",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose trainer or client."},
    )
    units = forms.ChoiceField(label="Weights in", choices=Units.choices, initial=Units.KG, widget=forms.RadioSelect)
    time_zone = TimeZoneAutofillField()

    field_order = ["email", "display_name", "password1", "password2", "role", "units", "time_zone"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password_mismatch_check(self)
        return cleaned


class InvitationSignupForm(PasswordPairMixin):
    """Sign-up from an invitation: a client account whose email is the invited address."""

    email = forms.EmailField(label="Email", disabled=True, required=False, help_text="The invited address.")
    display_name = forms.CharField(
        label="Your name", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    units = forms.ChoiceField(label="Weights in", choices=Units.choices, initial=Units.KG, widget=forms.RadioSelect)
    time_zone = TimeZoneAutofillField()

    field_order = ["email", "display_name", "password1", "password2", "units", "time_zone"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password_mismatch_check(self)
        return cleaned


class LoginForm(AuthenticationForm):
    """Email + password, checked through the brute-force lockout."""

    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            try:
                self.user_cache = authenticate_with_lockout(self.request, email=email, password=password)
            except ApplicationError as error:
                raise forms.ValidationError(error.message, code=error.code) from None
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class UserSettingsForm(forms.Form):
    display_name = forms.CharField(
        label="Your name", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        help_text='"Today" and the times of your workouts follow this zone.',
    )
    units = forms.ChoiceField(label="Weights in", choices=Units.choices, widget=forms.RadioSelect)


class TrainerProfileForm(forms.Form):
    bio = forms.CharField(
        label="About you",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your clients see this on their My trainer page.",
    )
    certifications = forms.CharField(
        label="Certifications",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line.",
    )
    specialties = forms.CharField(
        label="Specialties", required=False, max_length=500, help_text="Comma-separated, e.g. strength, mobility."
    )


class ClientProfileForm(forms.Form):
    goal = forms.ChoiceField(label="Main goal", choices=Goal.choices)
    experience_level = forms.ChoiceField(label="Training experience", choices=ExperienceLevel.choices)
    available_equipment = forms.MultipleChoiceField(
        label="Equipment you can use",
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    training_days_per_week = forms.IntegerField(label="Training days per week", min_value=1, max_value=7)
    session_length_minutes = forms.IntegerField(
        label="Session length (minutes)", min_value=10, max_value=240, widget=forms.NumberInput(attrs={"step": 5})
    )
    injuries = forms.CharField(
        label="Injuries and movements to avoid",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything your trainer and your plans should work around, e.g. “sore left shoulder: no overhead "
        "pressing”.",
    )
    birth_date = forms.DateField(
        label="Birth date", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices)
    height_cm = forms.DecimalField(
        label="Height (cm)", required=False, max_digits=4, decimal_places=1, min_value=50, max_value=272
    )


class ClientProfileStepForm(ClientProfileForm):
    """The profile step after joining a trainer: what the trainer needs first. The rest waits for the settings."""

    birth_date = None
    sex = None
    height_cm = None

    field_order = [
        "goal",
        "experience_level",
        "training_days_per_week",
        "session_length_minutes",
        "available_equipment",
        "injuries",
    ]


def profile_form_class(user: Any) -> type[forms.Form] | None:
    """The profile form of the user's role; None for staff, who have no profile."""
    if user.is_trainer:
        return TrainerProfileForm
    return ClientProfileForm if user.is_client else None


class AvatarForm(forms.Form):
    image = forms.FileField(
        label="New picture",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text="JPEG, PNG, WebP or GIF. Location data is removed.",
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Client's email",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "placeholder": "name@example.com"}),
    )


class InvitationNewLinkForm(forms.Form):
    send_email = forms.BooleanField(label="Email it to them too", required=False)
