"""One JSON error shape for every 4xx/5xx of the API, made here and nowhere else:

{"error": {"code": "invalid", "message": "Please correct the errors below.", "fields": {"email": ["..."]}}}
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from fitnesspr.errors import ApplicationError, RateLimitedError

logger = logging.getLogger(__name__)

NON_FIELD_KEYS = ("non_field_errors", "__all__")


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail -> {"field": [...], "sets.0.reps": [...]}."""
    if isinstance(detail, dict):
        result: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for inner_key, messages in _flatten(value, name).items():
                result.setdefault(inner_key, []).extend(messages)
        return result
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        result = {}
        for index, value in enumerate(detail):
            if value in ({}, []):
                continue
            name = f"{prefix}.{index}" if prefix else str(index)
            result.update(_flatten(value, name))
        return result
    return {prefix or "non_field_errors": [str(detail)]}


def _validation_response(fields: dict[str, list[str]], code: str = "invalid") -> Response:
    non_field = [message for key in NON_FIELD_KEYS for message in fields.pop(key, [])]
    message = non_field[0] if non_field else "Please correct the errors in the request."
    if non_field:
        fields["non_field_errors"] = non_field
    return Response(error_body(code, message, fields), status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: application errors, Django errors and DRF errors, all in one shape."""
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, ApplicationError):
        set_rollback()
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code, headers=headers)
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": list(exc.messages)}
        return _validation_response({key: list(value) for key, value in fields.items()})
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):  # too many fields or files, a malformed request
        exc = exceptions.ParseError("The request could not be read.")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, exceptions.ValidationError):
        set_rollback()
        detail = exc.detail if isinstance(exc.detail, dict | list) else [exc.detail]
        return _validation_response(_flatten(detail))
    if isinstance(exc, exceptions.APIException):
        set_rollback()
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail
        if isinstance(detail, dict):
            # simplejwt puts {"detail", "code", "messages"} here
            message = str(detail.get("detail", exc.default_detail))
            code = str(detail.get("code", exc.default_code))
        else:
            message = str(detail)
            code = getattr(detail, "code", None) or exc.default_code
        return Response(error_body(str(code), message), status=exc.status_code, headers=headers)

    logger.exception("unhandled API error", exc_info=exc)
    set_rollback()
    return Response(
        error_body("server_error", "Something went wrong on our side. Please try again later."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """404 for an /api/ URL that matches no route, in the same shape."""
    return JsonResponse(error_body("not_found", "Not found."), status=404)


def json_server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        error_body("server_error", "Something went wrong on our side. Please try again later."), status=500
    )
