"""Liveness and readiness probes (see shared/DESIGN.md).

`/healthz` answers as long as the process serves requests and touches nothing else, so an
orchestrator never restarts a web process because the database is down. `/readyz` checks every
service a request may need and names the ones that fail, so load balancers stop routing to it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0
CHANNEL_LAYER_TIMEOUT_SECONDS = 2.0


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 returned something else")
    return "ok"


def check_cache() -> str:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("a value just written could not be read back")
    finally:
        cache.delete(key)
    return "ok"


def check_channel_layer() -> str:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")

    # A plain (not process-local "!") channel: channels_redis then reads it with one BZPOPMIN
    # instead of its shared receive loop, which belongs to whichever event loop started it.
    channel = f"readyz.{uuid.uuid4().hex}"

    async def round_trip() -> None:
        await layer.send(channel, {"type": "readyz.ping"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=CHANNEL_LAYER_TIMEOUT_SECONDS)
        if message.get("type") != "readyz.ping":
            raise RuntimeError("the message sent was not received")

    async_to_sync(round_trip)()
    return "ok"


def check_broker() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    from fitnesspr.celery import app

    timeouts = {"socket_connect_timeout": BROKER_TIMEOUT_SECONDS, "socket_timeout": BROKER_TIMEOUT_SECONDS}
    with app.connection_for_write(transport_options=timeouts) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "broker": check_broker,
}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # any failure of any service means "not ready"
            # The details (hosts, ports, sometimes credentials) go to the log, not to a public URL.
            logger.warning("readiness check %s failed: %s", name, error, exc_info=True)
            results[name] = f"error: {type(error).__name__}"
    if any(result.startswith("error") for result in results.values()):
        return JsonResponse({"status": "unavailable", "checks": results}, status=503)
    return JsonResponse({"status": "ok", "checks": results})
