from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET

from fitnesspr.api.errors import json_not_found, json_server_error


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to their starting page."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_trainer:
        return redirect("accounts:clients")
    return redirect("accounts:my_trainer")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_server_error(request)
    # No request context: the error may come from the database or the session, which the layout would touch.
    return HttpResponseServerError(loader.get_template("500.html").render())
