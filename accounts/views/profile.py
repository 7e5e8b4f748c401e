"""The settings page (user settings, role profile, avatar) and the private avatar images."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import AvatarForm, UserSettingsForm, profile_form_class
from accounts.models import ClientProfile, TrainerProfile, User
from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error
from fitnesspr.private_media import login_or_bearer_required, serve_private_file


def _profile(user: User) -> TrainerProfile | ClientProfile:
    try:
        return user.trainer_profile if user.is_trainer else user.client_profile
    except ObjectDoesNotExist:  # an account made in the admin has no profile until it is saved
        return TrainerProfile(user=user) if user.is_trainer else ClientProfile(user=user)


def _initial(form_class: type[forms.Form], instance: Any) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in form_class.base_fields}


def _render_settings(
    request: HttpRequest,
    *,
    user_form: forms.Form | None = None,
    profile_form: forms.Form | None = None,
    avatar_form: forms.Form | None = None,
) -> HttpResponse:
    user = request.user
    profile_class = profile_form_class(user)
    if profile_form is None and profile_class is not None:  # staff have no profile
        profile_form = profile_class(initial=_initial(profile_class, _profile(user)))
    context = {
        "user_form": user_form or UserSettingsForm(initial=_initial(UserSettingsForm, user)),
        "profile_form": profile_form,
        "avatar_form": avatar_form or AvatarForm(),
    }
    return render(request, "accounts/settings.html", context)


def _add_settings_error(error: ApplicationError, user_form: forms.Form, profile_form: forms.Form | None) -> None:
    """Put each field's message on the form that has the field; anything else on top of the first form."""
    if not error.fields:
        user_form.add_error(None, error.message)
    for name, field_messages in error.fields.items():
        form = profile_form if profile_form is not None and name in profile_form.fields else user_form
        for message in field_messages:
            form.add_error(name if name in form.fields else None, message)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_settings(request)
    user = request.user
    user_form = UserSettingsForm(request.POST)
    profile_class = profile_form_class(user)
    profile_form = profile_class(request.POST) if profile_class is not None else None
    if user_form.is_valid() and (profile_form is None or profile_form.is_valid()):
        try:
            with transaction.atomic():  # both forms are saved, or neither
                services.user_update(user=user, data=user_form.cleaned_data)
                if profile_form is not None:
                    services.profile_update(user=user, data=profile_form.cleaned_data)
        except ApplicationError as error:
            user.refresh_from_db()  # the service may have changed the instance before it refused
            _add_settings_error(error, user_form, profile_form)
        else:
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:settings")
    return _render_settings(request, user_form=user_form, profile_form=profile_form)


@login_required
@require_POST
def avatar_upload(request: HttpRequest) -> HttpResponse:
    form = AvatarForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.user_avatar_set(user=request.user, upload=form.cleaned_data["image"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, "Your picture is updated.")
            return redirect("accounts:settings")
    return _render_settings(request, avatar_form=form)


@login_required
@require_POST
def avatar_remove(request: HttpRequest) -> HttpResponse:
    services.user_avatar_remove(user=request.user)
    messages.success(request, "Your picture is removed.")
    return redirect("accounts:settings")


@login_or_bearer_required
@require_GET
def avatar(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """A user's picture, for themselves, their current trainer and their current clients only."""
    person = selectors.user_get_for_user(request.user, user_id)
    image = person.avatar_thumbnail if request.GET.get("size") == "thumb" else person.avatar
    return serve_private_file(request, image)
