"""A web worker serves a bounded number of HTTP requests at once, queues a few, and sheds the rest with 503."""

from __future__ import annotations

import asyncio
import json

import pytest

from fitnesspr.asgi import application
from fitnesspr.asgi_limits import ConcurrencyLimit

pytestmark = pytest.mark.asyncio


class Blocking:
    """An ASGI app whose requests stay in flight until released; it records the most it ever held at once."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.running = 0
        self.most = 0

    async def __call__(self, scope, receive, send) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        try:
            await self.release.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})
        finally:
            self.running -= 1


async def call(app, path: str = "/today/", scope_type: str = "http") -> dict:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app({"type": scope_type, "path": path, "headers": []}, receive, send)
    start = next(message for message in sent if message["type"] == "http.response.start")
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    return {"status": start["status"], "headers": dict(start["headers"]), "body": body}


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_requests_over_the_limit_wait_for_a_free_slot():
    inner = Blocking()
    app = ConcurrencyLimit(inner, max_requests=2, max_queued=10, queue_timeout=5)

    calls = [asyncio.create_task(call(app)) for _ in range(5)]
    await settle()
    assert (inner.running, app.queued) == (2, 3)

    inner.release.set()
    responses = await asyncio.gather(*calls)

    assert [response["status"] for response in responses] == [200] * 5
    assert inner.most == 2
    assert (app.in_flight, app.queued) == (0, 0)


async def test_a_full_queue_sheds_at_once_with_503_and_retry_after():
    inner = Blocking()
    app = ConcurrencyLimit(inner, max_requests=1, max_queued=1, queue_timeout=5, retry_after=7)

    first, queued = asyncio.create_task(call(app)), asyncio.create_task(call(app))
    await settle()
    shed = await asyncio.wait_for(call(app, "/clients/"), timeout=1)

    assert shed["status"] == 503
    assert shed["headers"][b"retry-after"] == b"7"
    assert b"busy" in shed["body"]
    inner.release.set()
    assert [response["status"] for response in await asyncio.gather(first, queued)] == [200, 200]


async def test_a_request_that_waited_too_long_is_shed_and_leaves_the_queue():
    inner = Blocking()
    app = ConcurrencyLimit(inner, max_requests=1, max_queued=5, queue_timeout=0.05)

    first = asyncio.create_task(call(app))
    await settle()
    late = await call(app, "/api/v1/workouts/")

    assert late["status"] == 503
    assert late["headers"][b"content-type"] == b"application/json"
    assert json.loads(late["body"])["error"]["code"] == "server_busy"
    assert app.queued == 0
    inner.release.set()
    assert (await first)["status"] == 200
    # The slot it never got is not lost: the next request goes straight in.
    assert (await asyncio.wait_for(call(app), timeout=1))["status"] == 200


async def test_health_checks_and_websockets_are_not_held_in_line():
    inner = Blocking()
    app = ConcurrencyLimit(inner, max_requests=1, max_queued=0, queue_timeout=5)
    first = asyncio.create_task(call(app))
    await settle()

    health = asyncio.create_task(call(app, "/healthz"))
    socket = asyncio.create_task(call(app, "/ws/notifications/", scope_type="websocket"))
    await settle()

    assert inner.running == 3
    inner.release.set()
    assert [response["status"] for response in await asyncio.gather(first, health, socket)] == [200, 200, 200]


async def test_the_served_application_is_limited_by_the_settings(settings):
    assert isinstance(application, ConcurrencyLimit)
    assert application.max_requests == settings.WEB_MAX_REQUESTS
    assert application.max_queued == settings.WEB_MAX_QUEUED
    assert application.queue_timeout == settings.WEB_QUEUE_TIMEOUT
