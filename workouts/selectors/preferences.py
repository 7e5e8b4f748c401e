"""The loadable steps of a user (workouts/loading.py): their TrainingPreferences, or the defaults."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from accounts.models import User
from workouts.models import TrainingPreferences

PREFERENCE_FIELDS = ("barbell_plate_kg", "barbell_plate_lb", "machine_step_kg", "machine_step_lb")


def training_preferences_for(user: User) -> TrainingPreferences:
    """The user's preferences (unsaved defaults when they never chose): at most one query, none when the row was
    joined with `select_related("...training_preferences")` or read before for this user object."""
    try:
        return user.training_preferences
    except ObjectDoesNotExist:
        preferences = TrainingPreferences(user=user)
        user.training_preferences = preferences  # remembered on this object: no second query
        return preferences
