"""OpenAPI conventions: the error shape as one component, documented on every operation.

`AutoSchema` (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]) adds the error responses an endpoint can give
by construction, so no view has to repeat them:

- 400 when the operation takes a body or query parameters (validation errors);
- 401 and 403 when it needs a logged-in user (403: wrong role, or a missing CSRF token with a session);
- 404 when its path names an object, or when it is a paginated list (a page past the end);
- 429 on every throttled operation, with a `Retry-After` header.

An `@extend_schema(responses={...})` entry for the same status wins; `error_responses()` builds
extra ones (409 conflicts, the token endpoints' 401, ...) with a description.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ERROR_DESCRIPTIONS = {
    400: "Invalid request: `fields` maps each invalid field to its messages (nested fields as `a.b`).",
    401: "Not authenticated: no credentials, or an invalid or expired access token.",
    403: "Authenticated, but not allowed to do this (or a missing CSRF token with a session).",
    404: "Not found, or not yours: both answer the same.",
    409: "Conflicts with the current state of the object.",
    413: "The upload is too large.",
    415: "Unsupported media type.",
    429: "Too many requests: wait the number of seconds given in `Retry-After`.",
}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A machine-readable code, e.g. `invalid`, `not_found`, `locked_out`.")
    message = serializers.CharField(help_text="A sentence to show to a person.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per invalid field; empty when the error is not about fields.",
    )


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API."""

    error = ErrorDetailSerializer()


def error_response(status: int, description: str | None = None) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description or ERROR_DESCRIPTIONS.get(status, "Error."))


def error_responses(*statuses: int, **descriptions: str) -> dict[int, OpenApiResponse]:
    """`{400: ..., 404: ...}` for `extend_schema(responses=...)`; `descriptions` as `e409="..."`."""
    return {status: error_response(status, descriptions.get(f"e{status}")) for status in statuses}


class AutoSchema(BaseAutoSchema):
    def _requires_authentication(self) -> bool:
        if not self.view.get_authenticators():
            return False
        return not any(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def _standard_error_statuses(self) -> list[int]:
        statuses = []
        has_body = self.method in ("POST", "PUT", "PATCH")
        is_list = self.method == "GET" and self._is_list_view()
        if has_body or is_list:
            statuses.append(400)
        if self._requires_authentication():
            statuses += [401, 403]
        if "{" in self.path or (is_list and self._get_paginator() is not None):
            statuses.append(404)
        if self.view.get_throttles():
            statuses.append(429)
        return statuses

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status in self._standard_error_statuses():
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(error_response(status), str(status))
        return dict(sorted(responses.items()))

    def _get_response_headers_for_code(self, status_code: str, direction: str = "response") -> dict[str, Any]:
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "429":
            headers.setdefault(
                "Retry-After",
                {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."},
            )
        return headers
