"""`{% training_preferences_form user as form %}`: the weight steps form for the settings page's slot."""

from __future__ import annotations

from django import template

from accounts.models import User
from workouts.forms.preferences import TrainingPreferencesForm
from workouts.selectors.preferences import training_preferences_for

register = template.Library()


@register.simple_tag
def training_preferences_form(user: User) -> TrainingPreferencesForm:
    return TrainingPreferencesForm(instance=training_preferences_for(user), units=user.units)
