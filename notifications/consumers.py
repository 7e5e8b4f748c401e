"""The one WebSocket of FitnessPr: `/ws/notifications/` delivers a user's live events.

Who is on the other end:
- a browser, authenticated by its session cookie (AuthMiddlewareStack fills `scope["user"]`);
- an API client with a JWT access token, sent either as the subprotocols `["bearer", "<access>"]`
  or as the first message `{"type": "authenticate", "token": "<access>"}`.
A token in the URL is never looked at: URLs end up in proxy logs.

Every message in both directions is `{"type": ..., "data": {...}}`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from fitnesspr import jsonsafe
from notifications.services import user_group_name

logger = logging.getLogger(__name__)

# Close codes in the 4000-4999 range are the application's own; 4401 mirrors HTTP 401 so a
# client knows to get a fresh token instead of retrying with the same one.
CLOSE_UNAUTHENTICATED = 4401
BEARER_SUBPROTOCOL = "bearer"


@database_sync_to_async
def user_for_access_token(raw_token: object) -> Any | None:
    """The active user a JWT access token belongs to, or None; the same rules as the API's JWT auth."""
    if not isinstance(raw_token, str) or not raw_token or len(raw_token) > 4096:
        return None
    authentication = JWTAuthentication()
    try:
        return authentication.get_user(authentication.get_validated_token(raw_token))
    except (AuthenticationFailed, ValidationError, ValueError):  # InvalidToken is an AuthenticationFailed
        return None


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    # How long an unauthenticated socket may stay open waiting for its "authenticate" message.
    auth_timeout_seconds: float = 5.0

    async def connect(self) -> None:
        self.user: Any | None = None
        self.group_name: str | None = None
        self._auth_deadline: asyncio.Task[None] | None = None

        subprotocols = self.scope.get("subprotocols") or []
        if subprotocols:
            if len(subprotocols) != 2 or subprotocols[0] != BEARER_SUBPROTOCOL:
                # A client that asks for subprotocols we do not speak would fail the handshake anyway.
                await self.close()
                return
            user = await user_for_access_token(subprotocols[1])
            # Accept with "bearer" first so the client sees the 4401 close code rather than a failed handshake.
            await self.accept(subprotocol=BEARER_SUBPROTOCOL)
            if user is None:
                await self.close(code=CLOSE_UNAUTHENTICATED)
                return
            await self._authenticated(user)
            return

        session_user = self.scope.get("user")
        await self.accept()
        if session_user is not None and session_user.is_authenticated and session_user.is_active:
            await self._authenticated(session_user)
            return
        self._auth_deadline = asyncio.create_task(self._close_when_not_authenticated())

    async def disconnect(self, code: int) -> None:
        self._cancel_auth_deadline()
        if self.group_name is not None:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)
            self.group_name = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        if text_data is not None and len(text_data) > settings.WEBSOCKET_MAX_MESSAGE_BYTES:
            await self._bad_message("message_too_large", "The message is too large.")
            return
        try:
            if text_data is None:
                raise ValueError("binary frames are not supported")
            content = await self.decode_json(text_data)
        except jsonsafe.UnsafeJSONError as error:
            await self._bad_message("invalid_json", str(error))
            return
        except ValueError:
            await self._bad_message("invalid_json", "Send one JSON object per text message.")
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        message_type = content.get("type") if isinstance(content, dict) else None
        if self.user is None:
            if message_type == "authenticate":
                user = await user_for_access_token(content.get("token"))
                if user is not None:
                    await self._authenticated(user)
                    return
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if message_type == "ping":
            await self.send_json({"type": "pong", "data": {}})
        elif message_type == "authenticate":
            await self._error("already_authenticated", "This socket is already authenticated.")
        else:
            await self._error("unknown_type", 'Unknown message type; send {"type": "ping"} to check the socket.')

    async def user_event(self, message: dict[str, Any]) -> None:
        """A `push_to_user` event for this socket's user (channel-layer type "user.event")."""
        await self.send_json(message["event"])

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        return jsonsafe.loads(text_data)

    @classmethod
    async def encode_json(cls, content: Any) -> str:
        return json.dumps(content, default=str)

    async def _authenticated(self, user: Any) -> None:
        self._cancel_auth_deadline()
        self.user = user
        self.group_name = user_group_name(user.pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.send_json({"type": "welcome", "data": {"user": str(user.pk)}})

    async def _close_when_not_authenticated(self) -> None:
        await asyncio.sleep(self.auth_timeout_seconds)
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    def _cancel_auth_deadline(self) -> None:
        deadline, self._auth_deadline = getattr(self, "_auth_deadline", None), None
        if deadline is not None and deadline is not asyncio.current_task():
            deadline.cancel()

    async def _bad_message(self, code: str, message: str) -> None:
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
        else:
            await self._error(code, message)

    async def _error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "data": {"code": code, "message": message}})
