"""The invitation link a client receives by email: sign up from it, or accept it with an existing account."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.forms import InvitationSignupForm
from accounts.models import Invitation, Role
from accounts.views.client_page import after_joining
from fitnesspr.errors import ApplicationError, ConflictError
from fitnesspr.http import add_application_error

# How each reason for refusing an invitation answers over HTTP.
PROBLEM_STATUS = {
    "invitation_invalid": 404,
    "invitation_used": 410,
    "invitation_revoked": 410,
    "invitation_expired": 410,
    "invitation_foreign": 403,
    "invalid_role": 403,
    "already_linked": 409,
}


def _problem_page(request: HttpRequest, problem: ApplicationError, invitation: Invitation | None) -> HttpResponse:
    context = {"problem": problem, "invitation": invitation}
    return render(request, "accounts/invitation_problem.html", context, status=PROBLEM_STATUS.get(problem.code, 400))


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_token(token)
    problem = services.invitation_problem(invitation, user=request.user)
    if problem is not None:
        return _problem_page(request, problem, invitation)
    if request.user.is_authenticated:
        return _accept_with_account(request, invitation, token)
    return _sign_up_from_invitation(request, invitation, token)


def _accept_with_account(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    current = selectors.current_trainer_link(client=request.user)
    if current is not None and current.trainer_id == invitation.trainer_id:
        problem = ConflictError(f"You already train with {invitation.trainer.display_name}.", code="already_linked")
        return _problem_page(request, problem, invitation)
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, token=token)
        except ApplicationError as error:
            return _problem_page(request, error, invitation)
        messages.success(request, f"You now train with {invitation.trainer.display_name}.")
        return after_joining(request)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "current_link": current})


def _sign_up_from_invitation(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    form = InvitationSignupForm(request.POST or None, initial={"email": invitation.email})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                email=invitation.email,
                password=data["password1"],
                display_name=data["display_name"],
                role=Role.CLIENT,
                time_zone=data["time_zone"],
                units=data["units"],
                invitation_token=token,
            )
        except ApplicationError as error:
            if error.code in PROBLEM_STATUS:  # the invitation changed meanwhile (revoked, used, expired)
                return _problem_page(request, error, invitation)
            add_application_error(form, error, field_map={"password": "password1"})
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, f"Welcome, {user.display_name}! You now train with {invitation.trainer.display_name}."
            )
            return after_joining(request)
    login_url = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
    return render(
        request, "accounts/invitation_signup.html", {"form": form, "invitation": invitation, "login_url": login_url}
    )
