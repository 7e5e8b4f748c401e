"""Serving private files (avatars, meal photos, progress photos) after the view has checked access.

The file is streamed by Django, or handed to the front proxy (settings.PRIVATE_MEDIA_SERVER):
- "x-accel": nginx serves `PRIVATE_MEDIA_ACCEL_PREFIX + name` from an `internal` location;
- "x-sendfile": Apache/lighttpd serve the absolute path.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse

CACHE_CONTROL = "private, max-age=3600"


def serve_private_file(request: HttpRequest, fieldfile: FieldFile | None) -> HttpResponse:
    """A response with the file's content (or a proxy header). Only call it once access has been checked."""
    if not fieldfile or not fieldfile.name:
        raise Http404("Not found.")
    content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    mode = settings.PRIVATE_MEDIA_SERVER
    if mode == "x-accel":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_ACCEL_PREFIX + quote(fieldfile.name)
    elif mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = fieldfile.path
    else:
        try:
            handle = fieldfile.storage.open(fieldfile.name, "rb")
        except OSError:
            raise Http404("Not found.") from None
        response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response


def login_or_bearer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like `login_required`, but an API client may send `Authorization: Bearer <access token>` instead.

    Private images are plain URLs (an <img src> in a page), yet mobile apps hold only a JWT.
    """
    session_view = login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.headers.get("Authorization", "").startswith("Bearer "):
            # imported here: DRF's settings import the API modules, which import this one's callers
            from rest_framework.exceptions import AuthenticationFailed
            from rest_framework_simplejwt.authentication import JWTAuthentication

            from fitnesspr.api.errors import error_body

            try:
                authenticated = JWTAuthentication().authenticate(request)
            except AuthenticationFailed:
                body = error_body("token_not_valid", "The access token is not valid or has expired.")
                return JsonResponse(body, status=401, headers={"WWW-Authenticate": 'Bearer realm="api"'})
            if authenticated is not None:
                request.user = authenticated[0]
        return session_view(request, *args, **kwargs)

    return wrapper
