"""Page: the user's training preferences (the steps their plates and machines can load). Also shown on the
settings page through the `accounts.settings_sections` slot, whose form posts here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error
from workouts.forms.preferences import TrainingPreferencesForm
from workouts.selectors.preferences import training_preferences_for
from workouts.services.preferences import training_preferences_update


@login_required
@require_http_methods(["GET", "POST"])
def training_preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = TrainingPreferencesForm(request.POST or None, instance=training_preferences_for(user), units=user.units)
    if request.method == "POST" and form.is_valid():
        try:
            training_preferences_update(user=user, data=form.cleaned_data)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Weight steps saved: targets are rounded to them.")
            return redirect("workouts:training_preferences")
    return render(request, "workouts/preferences.html", {"form": form}, status=400 if form.errors else 200)


urlpatterns = [
    path("settings/weights/", training_preferences, name="training_preferences"),
]
