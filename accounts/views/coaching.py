"""The trainer's Clients page, the client's My trainer page, and ending a coaching link or an invitation (or giving
it a new link)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import InvitationNewLinkForm, InviteForm
from accounts.models import User
from fitnesspr import slots
from fitnesspr.errors import ApplicationError
from fitnesspr.http import add_application_error, client_required, is_htmx, trainer_required

SECTIONS = {
    "client-section": "accounts/partials/client_list.html",
    "invitation-section": "accounts/partials/invitations.html",
}


def _clients_context(trainer: User) -> dict[str, Any]:
    # Pending invitations include expired ones, so the trainer sees them and can send them again.
    invitations = selectors.pending_invitation_list(trainer=trainer, include_expired=True)
    links = list(selectors.client_link_list(trainer=trainer))
    return {
        "links": links,
        "invitations": list(invitations),
        "slots": slots.load("accounts.client_row", [link.client for link in links]),
        "new_link_form": InvitationNewLinkForm(),
    }


@trainer_required
@require_http_methods(["GET", "POST"])
def clients(request: HttpRequest) -> HttpResponse:
    """Active clients, pending invitations and the invite form (POST here sends an invitation)."""
    if request.method == "GET" and is_htmx(request) and request.htmx.target in SECTIONS:
        # A section refreshing itself after a live event (see static/js/app.js).
        return render(request, SECTIONS[request.htmx.target], _clients_context(request.user))
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = services.invitation_create(trainer=request.user, email=form.cleaned_data["email"])
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            if settings.DEBUG:
                # Development: no mailbox to open. The token is stored hashed, so its link exists only now.
                link = services.invitation_url(token)
                messages.info(request, f"Development server: the link in that email (shown only now) is {link}")
            return redirect("accounts:clients")
    return render(request, "accounts/clients.html", {"form": form, **_clients_context(request.user)})


def _clients_section(request: HttpRequest, template: str, **extra: Any) -> HttpResponse:
    """The htmx answer: the changed section of the Clients page, with the flash messages swapped out of band."""
    return render(request, template, {**_clients_context(request.user), "oob_messages": True, **extra})


@trainer_required
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: UUID) -> HttpResponse:
    invitation = selectors.invitation_get_for_user(request.user, invitation_id)
    try:
        services.invitation_revoke(trainer=request.user, invitation=invitation)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The invitation to {invitation.email} is revoked.")
    if is_htmx(request):
        return _clients_section(request, SECTIONS["invitation-section"])
    return redirect("accounts:clients")


@trainer_required
@require_POST
def invitation_new_link(request: HttpRequest, invitation_id: UUID) -> HttpResponse:
    """A new link for a pending invitation (the old one stops working), shown once on the Clients page to copy."""
    invitation = selectors.invitation_get_for_user(request.user, invitation_id)
    form = InvitationNewLinkForm(request.POST)
    resend = form.is_valid() and form.cleaned_data["send_email"]
    try:
        invitation, token = services.invitation_new_link(trainer=request.user, invitation=invitation, resend=resend)
    except ApplicationError as error:
        messages.error(request, error.message)
        if is_htmx(request):
            return _clients_section(request, SECTIONS["invitation-section"])
        return redirect("accounts:clients")
    sent = f" and emailed to {invitation.email}" if resend else ""
    messages.success(request, f"A new link for {invitation.email} is ready{sent}. The old link no longer works.")
    # The token is stored hashed: the link exists only in this answer, so it is rendered here, not redirected to.
    new_link = {"invitation_id": invitation.pk, "url": services.invitation_url(token)}
    if is_htmx(request):
        return _clients_section(request, SECTIONS["invitation-section"], new_link=new_link)
    context = {"form": InviteForm(), **_clients_context(request.user), "new_link": new_link}
    return render(request, "accounts/clients.html", context)


@login_required
@require_POST
def link_end(request: HttpRequest, link_id: UUID) -> HttpResponse:
    """The trainer ends the coaching of a client, or the client leaves their trainer."""
    link = selectors.coaching_link_get_for_user(request.user, link_id)
    by_trainer = link.trainer_id == request.user.pk
    try:
        services.coaching_link_end(actor=request.user, link=link)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if by_trainer:
            messages.success(request, f"You no longer coach {link.client.display_name}.")
        else:
            messages.success(request, f"You left {link.trainer.display_name}. Your own data stays yours.")
    if not by_trainer:
        return redirect("accounts:my_trainer")
    if is_htmx(request):
        return _clients_section(request, SECTIONS["client-section"])
    return redirect("accounts:clients")


@client_required
@require_http_methods(["GET"])
def my_trainer(request: HttpRequest) -> HttpResponse:
    current = selectors.current_trainer_link(client=request.user)
    past = selectors.coaching_link_list(user=request.user).filter(client=request.user, ended_at__isnull=False)
    return render(request, "accounts/my_trainer.html", {"link": current, "past_links": past})
