"""Live delivery to a user's open pages and API sockets."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# Close codes in the 4000-4999 range are the application's own; 4401 mirrors HTTP 401 so a client knows to get
# fresh credentials (refresh its token, log in again) instead of reconnecting with the same ones. Every socket
# that loses its authentication ends with it: bad or missing credentials, token expiry, logout, deactivation.
CLOSE_UNAUTHENTICATED = 4401


def user_group_name(user_id: object) -> str:
    """The one channel-layer group of a user; every consumer of theirs joins it."""
    return f"user.{user_id}"


def session_group_name(session_key_hash: str) -> str:
    """The group of the sockets a browser opened with one session (named by `accounts.events.session_key_hash`)."""
    return f"session.{session_key_hash}"


def api_login_group_name(sid: str) -> str:
    """The group of the sockets opened with the access tokens of one API login (its `sid` claim)."""
    return f"api-login.{sid}"


def close_sockets(group: str, code: int = CLOSE_UNAUTHENTICATED) -> None:
    """Close every socket in `group` with `code` (the consumer's "socket.close"); best effort, like pushes."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "socket.close", "code": code})
    except Exception:
        logger.exception("closing the sockets of %s failed", group)


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
