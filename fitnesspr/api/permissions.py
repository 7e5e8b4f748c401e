"""Role permissions for collection endpoints.

The convention: an endpoint that only one role can use answers 403 to the other role on its
collection actions (list, create), with a message saying who may use it. Object URLs never
answer 403: objects go through the access helpers, which answer 404 to anyone who may not see them.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request


class IsTrainer(IsAuthenticated):
    message = "Only trainers can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and request.user.is_trainer


class IsClient(IsAuthenticated):
    message = "Only clients can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and request.user.is_client
