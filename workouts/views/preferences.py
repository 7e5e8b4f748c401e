"""Page: the user's training preferences (the steps their plates and machines can load). Also shown on the
settings page through the `accounts.settings_sections` slot, whose form posts here and returns there."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, member_required
from workouts.forms.preferences import TrainingPreferencesForm
from workouts.selectors.preferences import training_preferences_for
from workouts.services.preferences import training_preferences_update


@member_required
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
            return redirect(_page_after_saving(request))
    return render(request, "workouts/preferences.html", {"form": form}, status=400 if form.errors else 200)


def _page_after_saving(request: HttpRequest) -> str:
    """Back to the settings page when the form was sent from there (its slot sends `from=settings`), else this
    page. Only that one fixed value is honoured: never a redirect to an address the request names."""
    if request.POST.get("from") == "settings":
        return reverse("accounts:settings")
    return reverse("workouts:training_preferences")


urlpatterns = [
    path("settings/weights/", training_preferences, name="training_preferences"),
]
