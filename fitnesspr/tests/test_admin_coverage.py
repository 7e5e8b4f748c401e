"""Staff run the site through the admin: every model of every FitnessPr app is there, registered or as an inline of
a registered model."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

PROJECT_APPS = ("accounts", "workouts", "integrations", "notifications")


def test_every_model_of_every_app_is_in_the_admin():
    inlined = {
        inline.model for model_admin in admin.site._registry.values() for inline in getattr(model_admin, "inlines", [])
    }
    missing = [
        f"{model._meta.app_label}.{model.__name__}"
        for label in PROJECT_APPS
        if apps.is_installed(label)
        for model in apps.get_app_config(label).get_models()
        if model not in admin.site._registry and model not in inlined
    ]
    assert missing == []
