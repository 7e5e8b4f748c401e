"""Request ids, refusing NUL characters, the security headers Django does not set itself, and the site's own 404/403
pages in DEBUG."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import csp.middleware
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from fitnesspr.logging import request_id_var

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")

# Swagger UI and Redoc set inline styles on their elements and start blob: workers; the admin sets inline styles.
_DOCS_POLICY_UPDATE = {"style-src": ["'unsafe-inline'"], "script-src": ["blob:"]}
_DOCS_PATHS = ("/api/docs/", "/api/redoc/", "/admin/")


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID (or make one), expose it to logs and echo it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RejectNulMiddleware:
    """A NUL character in the query string answers 400 before any view runs.

    PostgreSQL refuses NUL in text, so a `?q=%00` that reaches a lookup would be a 500. Bodies are
    guarded where they are read: form fields and the API's JSON parser refuse NUL themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or "\x00" in request.path:
            message = "The request may not contain NUL characters."
            if request.path.startswith("/api/"):
                from fitnesspr.api.errors import error_body  # DRF imports settings: not at start-up

                return JsonResponse(error_body("invalid", message, {"query": [message]}), status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's header (settings.CONTENT_SECURITY_POLICY), relaxed for styles on the docs and the admin."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> csp.middleware.PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path.startswith(_DOCS_PATHS):
            parts.update = _DOCS_POLICY_UPDATE
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
        return response


class SiteErrorPageMiddleware:
    """With DEBUG on, a view that raises Http404 or PermissionDenied answers the site's own page (templates/404.html,
    403.html), as it does with DEBUG off: Django uses its handlers only when DEBUG is off. A URL that matches no
    route never reaches a view, so it keeps Django's technical 404 in DEBUG. The API keeps its JSON errors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or request.path.startswith("/api/"):
            return None
        if isinstance(exception, Http404):
            return render(request, "404.html", status=404)
        if isinstance(exception, PermissionDenied):
            return render(request, "403.html", status=403)
        return None
