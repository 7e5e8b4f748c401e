"""A bounded number of HTTP requests in flight per web worker: the rest queue briefly, then are shed with 503.

Under ASGI Django runs each request's view in a thread of its own, so without a bound every request in flight
holds a database connection and a thread: past PostgreSQL's connection limit requests fail with 500. Here a
worker runs at most `WEB_MAX_REQUESTS` requests at once (the database pool's size, so a request that got in
also gets a connection); the next ones wait in line for up to `WEB_QUEUE_TIMEOUT` seconds, at most
`WEB_MAX_QUEUED` of them, and whoever cannot be served in time gets a 503 with Retry-After: a client (and a
load balancer) can tell "busy, come back" from a fault. WebSockets are not counted: an open socket holds no
database connection, only its connect does, briefly. Health checks skip the line so an orchestrator still sees
a live worker under load.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNQUEUED_PATHS = ("/healthz",)


class ConcurrencyLimit:
    """ASGI middleware: at most `max_requests` HTTP requests at once in this process, `max_queued` waiting."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_requests: int,
        max_queued: int,
        queue_timeout: float,
        retry_after: int = 5,
    ) -> None:
        self.app = app
        self.max_requests = max_requests
        self.max_queued = max_queued
        self.queue_timeout = queue_timeout
        self.retry_after = retry_after
        self.in_flight = 0
        self.queued = 0
        self._slots: asyncio.Semaphore | None = None

    @property
    def slots(self) -> asyncio.Semaphore:
        # Made on first use, inside the server's event loop (each worker process has its own).
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_requests)
        return self._slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith(UNQUEUED_PATHS):
            await self.app(scope, receive, send)
            return
        if not await self._enter():
            await self._shed(scope, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.slots.release()

    async def _enter(self) -> bool:
        if not self.slots.locked():
            await self.slots.acquire()
            return True
        if self.queued >= self.max_queued:
            return False
        self.queued += 1
        try:
            await asyncio.wait_for(self.slots.acquire(), self.queue_timeout)
        except TimeoutError:
            return False
        finally:
            self.queued -= 1
        return True

    async def _shed(self, scope: Scope, send: Send) -> None:
        message = "The server is busy. Please try again in a few seconds."
        if scope.get("path", "").startswith("/api/"):
            # The API's one error shape (fitnesspr/api/errors.py), written out: that module imports DRF's settings.
            body = json.dumps({"error": {"code": "server_busy", "message": message, "fields": {}}}).encode()
            content_type = b"application/json"
        else:
            body = message.encode()
            content_type = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(self.retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
