"""Writes of a user's training preferences (the steps their gym can load)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import User
from fitnesspr.services import model_update
from workouts.models import TrainingPreferences
from workouts.selectors.preferences import PREFERENCE_FIELDS


@transaction.atomic
def training_preferences_update(*, user: User, data: dict[str, Any]) -> TrainingPreferences:
    """Create the row on first change; validate the choices (a wrong value is a field error)."""
    preferences, _ = TrainingPreferences.objects.select_for_update().get_or_create(user=user)
    preferences, _ = model_update(preferences, fields=PREFERENCE_FIELDS, data=data)
    user.training_preferences = preferences
    return preferences
