"""Live delivery to a user's open pages and API sockets."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group_name(user_id: object) -> str:
    """The one channel-layer group of a user; every consumer of theirs joins it."""
    return f"user.{user_id}"


def push_to_user(user: Any, event_type: str, data: dict[str, Any] | None = None) -> None:
    """Send a typed event to every socket of `user` (a user or a user id) once the current transaction commits.

    Outside a transaction it is sent at once. A failing channel layer is logged, never raised:
    the database change has already happened and live delivery is best effort.
    """
    group = user_group_name(getattr(user, "pk", user))
    message = {"type": "user.event", "event": {"type": event_type, "data": data or {}}}

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, message)
        except Exception:
            logger.exception("push to %s failed", group, extra={"event_type": event_type})

    transaction.on_commit(send)
