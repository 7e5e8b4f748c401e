"""The one WebSocket of FitnessPr: `/ws/notifications/` delivers a user's live events.

Who is on the other end:
- a browser, authenticated by its session cookie (AuthMiddlewareStack fills `scope["user"]`);
- an API client with a JWT access token, sent either as the subprotocols `["bearer", "<access>"]`
  or as the first message `{"type": "authenticate", "token": "<access>"}`.
A token in the URL is never looked at: URLs end up in proxy logs.

Every message in both directions is `{"type": ..., "data": {...}}`.

A socket lives no longer than what authenticated it. It is closed with 4401 (CLOSE_UNAUTHENTICATED) when
- the browser session it was opened with logs out (the user's other sessions keep theirs);
- the API login its access token belongs to logs out (`POST /api/v1/auth/logout/`; the token's `sid` claim
  names the login, so the user's other logins keep theirs);
- its access token expires (at the token's `exp`: the client refreshes and reconnects);
- its user is deactivated (every socket of theirs).
Each socket joins a channel-layer group per thing that can end it (user, session, API login); accounts publishes
the events, and notifications.realtime sends "socket.close" to the matching group.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.exceptions import ValidationError
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from accounts.events import API_LOGIN_CLAIM, session_key_hash
from fitnesspr import jsonsafe
from notifications.services import (
    CLOSE_UNAUTHENTICATED,
    api_login_group_name,
    session_group_name,
    user_group_name,
)

logger = logging.getLogger(__name__)

BEARER_SUBPROTOCOL = "bearer"
SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what may go in a group name


@dataclass(frozen=True)
class TokenLogin:
    """What a valid access token says: whose it is, until when, and which API login it belongs to (if any)."""

    user: Any
    expires_at: float
    sid: str | None


@database_sync_to_async
def login_for_access_token(raw_token: object) -> TokenLogin | None:
    """The active user a JWT access token belongs to and the token's life, or None; the same rules as the API's
    JWT auth."""
    if not isinstance(raw_token, str) or not raw_token or len(raw_token) > 4096:
        return None
    authentication = JWTAuthentication()
    try:
        token = authentication.get_validated_token(raw_token)
        user = authentication.get_user(token)
    except (AuthenticationFailed, ValidationError, ValueError):  # InvalidToken is an AuthenticationFailed
        return None
    sid = token.get(API_LOGIN_CLAIM)
    sid = sid if isinstance(sid, str) and SID_PATTERN.fullmatch(sid) else None
    return TokenLogin(user=user, expires_at=float(token["exp"]), sid=sid)


@database_sync_to_async
def still_signed_in(user_id: Any, session_key: str | None) -> bool:
    """The user is still active and, for a browser, the session still logs them in."""
    if not get_user_model().objects.filter(pk=user_id, is_active=True).exists():
        return False
    if session_key is None:
        return True
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return str(session.get(SESSION_KEY)) == str(user_id)


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    # How long an unauthenticated socket may stay open waiting for its "authenticate" message.
    auth_timeout_seconds: float = 5.0

    async def connect(self) -> None:
        self.user: Any | None = None
        self._groups: list[str] = []
        self._ended = False
        self._auth_deadline: asyncio.Task[None] | None = None
        self._expiry: asyncio.Task[None] | None = None

        subprotocols = self.scope.get("subprotocols") or []
        if subprotocols:
            if len(subprotocols) != 2 or subprotocols[0] != BEARER_SUBPROTOCOL:
                # A client that asks for subprotocols we do not speak would fail the handshake anyway.
                await self.close()
                return
            login = await login_for_access_token(subprotocols[1])
            # Accept with "bearer" first so the client sees the 4401 close code rather than a failed handshake.
            await self.accept(subprotocol=BEARER_SUBPROTOCOL)
            if login is None:
                await self.close(code=CLOSE_UNAUTHENTICATED)
                return
            await self._authenticated(login.user, token=login)
            return

        session_user = self.scope.get("user")
        await self.accept()
        if session_user is not None and session_user.is_authenticated and session_user.is_active:
            session_key = getattr(self.scope.get("session"), "session_key", None)
            await self._authenticated(session_user, session_key=session_key)
            return
        self._auth_deadline = asyncio.create_task(self._close_when_not_authenticated())

    async def disconnect(self, code: int) -> None:
        self._cancel_timers()
        await self._leave_groups()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        if (
            text_data is not None
            and len(text_data.encode("utf-8", "surrogatepass")) > settings.WEBSOCKET_MAX_MESSAGE_BYTES
        ):
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
                login = await login_for_access_token(content.get("token"))
                if login is not None:
                    await self._authenticated(login.user, token=login)
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
        if not self._ended:
            await self.send_json(message["event"])

    async def socket_close(self, message: dict[str, Any]) -> None:
        """What authenticated this socket has ended (channel-layer type "socket.close", see
        notifications.services.close_sockets): close it."""
        code = message.get("code")
        await self._end(code if isinstance(code, int) and 4000 <= code <= 4999 else CLOSE_UNAUTHENTICATED)

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        return jsonsafe.loads(text_data)

    @classmethod
    async def encode_json(cls, content: Any) -> str:
        return json.dumps(content, default=str)

    async def _authenticated(
        self, user: Any, *, token: TokenLogin | None = None, session_key: str | None = None
    ) -> None:
        self._cancel(self._auth_deadline)
        self._auth_deadline = None
        self.user = user
        groups = [user_group_name(user.pk)]
        if session_key:
            groups.append(session_group_name(session_key_hash(session_key)))
        if token is not None and token.sid:
            groups.append(api_login_group_name(token.sid))
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
            self._groups.append(group)
        # A logout or deactivation committed while the credentials were being checked was sent to groups this
        # socket had not joined yet: look again now that it has. (An API logout in that instant is not seen: the
        # access token does not name its refresh token; the socket still ends when the token expires.)
        if not await still_signed_in(user.pk, session_key):
            await self._end()
            return
        if token is not None:
            self._expiry = asyncio.create_task(self._close_at(token.expires_at))
        await self.send_json({"type": "welcome", "data": {"user": str(user.pk)}})

    async def _close_when_not_authenticated(self) -> None:
        await asyncio.sleep(self.auth_timeout_seconds)
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def _close_at(self, expires_at: float) -> None:
        """The access token expires: the client is to refresh it and reconnect."""
        await asyncio.sleep(max(0.0, expires_at - time.time()))
        await self._end()

    async def _end(self, code: int = CLOSE_UNAUTHENTICATED) -> None:
        """Stop delivering and close; the client's answer to the close runs `disconnect`."""
        if self._ended:
            return
        self._ended = True
        self._cancel_timers()
        await self._leave_groups()
        await self.close(code=code)

    async def _leave_groups(self) -> None:
        groups, self._groups = getattr(self, "_groups", []), []
        for group in groups:
            await self.channel_layer.group_discard(group, self.channel_name)

    def _cancel_timers(self) -> None:
        for name in ("_auth_deadline", "_expiry"):
            self._cancel(getattr(self, name, None))
            setattr(self, name, None)

    @staticmethod
    def _cancel(task: asyncio.Task[None] | None) -> None:
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _bad_message(self, code: str, message: str) -> None:
        if self.user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
        else:
            await self._error(code, message)

    async def _error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "data": {"code": code, "message": message}})
