"""OpenAPI conventions: the error shape as one component, documented on every operation.

`AutoSchema` (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]) adds the error responses an endpoint can give
by construction, so no view has to repeat them:

- 400 when the operation takes a body or query parameters (validation errors);
- 401 and 403 when it needs a logged-in user (403: wrong role, or a missing CSRF token with a session);
- 404 when its path names an object, when it is a paginated list (a page past the end), or when it takes a
  `client` query parameter (someone who is not yours answers 404: `client_parameter()` / accounts'
  `ClientFilter` document it with CLIENT_NOT_YOURS);
- 429 on every throttled operation, with a `Retry-After` header.

An `@extend_schema(responses={...})` entry for the same status wins; `error_responses()` builds
extra ones (409 conflicts, the token endpoints' 401, ...) with a description.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
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

# Every `client` query parameter ends its description with this sentence (a test finds them by it).
CLIENT_NOT_YOURS = "404 when the client is not yours (an unknown or malformed id too)."
CLIENT_404 = "Not found, or not yours: both answer the same; so does a `client` who is not yours."


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


def client_parameter(description: str) -> OpenApiParameter:
    """The `client` query parameter of a view without a filterset (a filterset uses accounts' ClientFilter)."""
    return OpenApiParameter("client", OpenApiTypes.UUID, description=f"{description} {CLIENT_NOT_YOURS}")


class AutoSchema(BaseAutoSchema):
    def _requires_authentication(self) -> bool:
        if not self.view.get_authenticators():
            return False
        return not any(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def _standard_error_statuses(self) -> list[int]:
        statuses = []
        has_body = self.method in ("POST", "PUT", "PATCH")
        is_list = self.method == "GET" and self._is_list_view()
        if has_body or is_list or self._query_parameter_names():
            statuses.append(400)
        if self._requires_authentication():
            statuses += [401, 403]
        if "{" in self.path or (is_list and self._get_paginator() is not None) or self._takes_client():
            statuses.append(404)
        if self.view.get_throttles():
            statuses.append(429)
        return statuses

    def _query_parameter_names(self) -> set[str]:
        """The query parameters a GET declares (its own and its filterset's): a bad value answers 400."""
        if self.method != "GET":
            return set()
        names = {
            parameter.name
            for parameter in self.get_override_parameters()
            if isinstance(parameter, OpenApiParameter) and parameter.location == OpenApiParameter.QUERY
        }
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is not None and self.get_filter_backends():
            names |= set(filterset_class.base_filters)
        return names

    def _takes_client(self) -> bool:
        return "client" in self._query_parameter_names()

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status in self._standard_error_statuses():
            if str(status) not in responses:
                description = CLIENT_404 if status == 404 and self._takes_client() else None
                responses[str(status)] = self._get_response_for_code(error_response(status, description), str(status))
        return dict(sorted(responses.items()))

    def _get_response_headers_for_code(self, status_code: str, direction: str = "response") -> dict[str, Any]:
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "429":
            headers.setdefault(
                "Retry-After",
                {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."},
            )
        return headers


def describe_live_events(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """A drf-spectacular postprocessing hook: the WebSocket's event catalogue, made from the event classes
    themselves (fitnesspr.events), so the API docs list every live event and what it carries."""
    import inspect

    from fitnesspr.events import Event, catalogue

    items = []
    for event in catalogue():
        if event.live_to is Event.live_to:
            continue  # not delivered live
        keys = ", ".join(f"`{key}`" for key in _sample(event).payload())
        summary = " ".join(inspect.cleandoc(event.__doc__ or "").split())
        items.append(f"- **`{event.name}`**: {summary} `data`: {keys}.")
    # A list, not a table: it wraps on a phone.
    table = "\n".join(
        [
            "\n\n### Live events on `/ws/notifications/`",
            "",
            'Each arrives as `{"type": <type>, "data": {...}}` after the change is saved (ids as strings).',
            "",
            *items,
        ]
    )
    result.setdefault("info", {})["description"] = result.get("info", {}).get("description", "") + table
    return result


def _sample(event: type) -> Any:
    """An instance of an event class with placeholder values, to read the keys of its payload."""
    import dataclasses
    import uuid

    placeholders = {"UUID": uuid.UUID(int=0), "str": "", "int": 0, "bool": False}
    values = {}
    for field in dataclasses.fields(event):
        kind = str(field.type).split(" | ")[0]
        values[field.name] = () if kind.startswith("tuple") else placeholders.get(kind)
    return event(**values)
