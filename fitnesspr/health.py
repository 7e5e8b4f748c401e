"""Liveness and readiness probes (see shared/DESIGN.md)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:  # TODO(helper): real checks
    return JsonResponse({"status": "ok"})
