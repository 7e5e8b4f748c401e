"""The small family of application errors that services raise.

HTML views turn them into form errors or messages; the API exception handler turns them into
the one JSON error shape.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404


class ApplicationError(Exception):
    """A request that cannot be carried out as asked. `fields` maps field names to messages; `extra` carries what
    a caller may need to explain it (the plan already active, say), never shown as is."""

    status_code = 400
    default_code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.fields = fields or {}
        self.extra = extra or {}


class NotFoundError(ApplicationError, Http404):
    """Also an Http404: an HTML view that lets it through answers Django's 404 page."""

    status_code = 404
    default_code = "not_found"


class ConflictError(ApplicationError):
    status_code = 409
    default_code = "conflict"


class ForbiddenError(ApplicationError, PermissionDenied):
    """Also a PermissionDenied: an HTML view that lets it through answers Django's 403 page."""

    status_code = 403
    default_code = "permission_denied"


class RateLimitedError(ApplicationError):
    status_code = 429
    default_code = "locked_out"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after
