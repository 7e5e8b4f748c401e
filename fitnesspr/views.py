from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from fitnesspr.api.errors import error_body, json_not_found, json_server_error


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to their starting page: a trainer to the clients, staff to the admin, a client to today's
    workout. A visitor who is not signed in reads what FitnessPr is, with sign-in and sign-up."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    if user.is_trainer:
        return redirect("accounts:clients")
    if user.is_staff:
        return redirect("admin:index")
    if user.is_staff_role:  # staff without admin access (yet): they have no trainer's or client's pages
        return redirect("accounts:settings")
    return redirect("workouts:today")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Pages carry their icon inline; the admin and the API docs do not, and browsers then ask for /favicon.ico."""
    response = HttpResponse(status=204)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return render(request, "404.html", status=404)


@csrf_exempt
def api_not_found(request: HttpRequest) -> HttpResponse:
    """An /api/ URL that matches no route: 404 in the API's error shape, whatever the method or DEBUG."""
    if not request.path.endswith("/") and _is_api_route(f"{request.path_info}/"):
        message = f"Not found. API URLs end with a slash: {request.path}/"
        return JsonResponse(error_body("not_found", message), status=404)
    return json_not_found(request)


def _is_api_route(path: str) -> bool:
    try:
        return resolve(path).func is not api_not_found
    except Resolver404:
        return False


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_server_error(request)
    # No request context: the error may come from the database or the session, which the layout would touch.
    return HttpResponseServerError(loader.get_template("500.html").render())
