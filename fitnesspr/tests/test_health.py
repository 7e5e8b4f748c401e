"""`/healthz` (the process is alive) and `/readyz` (every service a request needs is reachable)."""

from __future__ import annotations

from unittest import mock

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.db.utils import OperationalError
from django.test import AsyncClient

from fitnesspr.celery import app as celery_app

# Nothing listens there: connecting is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def test_healthz_answers_without_touching_the_database(client):
    # No `db` fixture: pytest-django fails the test on any database access.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_never_cached(client, db, path):
    response = client.get(path)

    assert "no-store" in response["Cache-Control"]


def test_readyz_is_ok_when_every_service_answers(client, db, settings):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    expected_broker = "ok" if settings.REDIS_URL else "in-process"
    assert body["checks"] == {"database": "ok", "cache": "ok", "channel_layer": "ok", "broker": expected_broker}


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_readyz_works_under_asgi():
    """Daphne runs the sync view in a worker thread; the channel-layer check must work from there."""
    try:
        response = await AsyncClient().get("/readyz")
    finally:
        # The view's connection lives in asgiref's worker thread; the test client keeps it open.
        await sync_to_async(connections.close_all)()

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def assert_unavailable(response, failing: str) -> None:
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"][failing].startswith("error: ")
    others = {name: result for name, result in body["checks"].items() if name != failing}
    assert all(not result.startswith("error") for result in others.values()), others


def test_readyz_names_the_database_when_it_fails(client, db):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch("fitnesspr.health.connection", broken):
        response = client.get("/readyz")

    assert_unavailable(response, "database")
    assert response.json()["checks"]["database"] == "error: OperationalError"


def test_readyz_names_the_cache_when_values_do_not_come_back(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/readyz")

    assert_unavailable(response, "cache")


def test_readyz_names_the_cache_when_it_is_unreachable(client, db):
    with mock.patch("fitnesspr.health.cache") as cache:
        cache.set.side_effect = ConnectionError("Error 111 connecting to 10.0.0.5:6379")
        response = client.get("/readyz")

    assert_unavailable(response, "cache")
    # Where the service lives goes to the log, not to a public URL.
    assert "10.0.0.5" not in response.content.decode()


def test_readyz_names_the_channel_layer_when_it_is_unreachable(client, db, settings):
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS]}}
    }

    response = client.get("/readyz")

    assert_unavailable(response, "channel_layer")


def test_readyz_names_the_channel_layer_when_messages_are_lost(client, db):
    layer = mock.AsyncMock()
    layer.receive.return_value = {"type": "something.else"}
    with mock.patch("fitnesspr.health.get_channel_layer", return_value=layer):
        response = client.get("/readyz")

    assert_unavailable(response, "channel_layer")


def test_readyz_names_the_broker_when_it_is_unreachable(client, db, settings, monkeypatch):
    settings.REDIS_URL = DEAD_REDIS
    # Only broker_url: broker_write_url falls back to it, and patching that too would restore the dead URL.
    monkeypatch.setattr(celery_app.conf, "broker_url", DEAD_REDIS)

    response = client.get("/readyz")

    assert_unavailable(response, "broker")


@pytest.mark.redis
def test_readyz_reaches_the_real_broker(client, db, settings):
    assert celery_app.conf.broker_url.startswith("redis://")

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_readyz_names_every_failing_part(client, db, settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.REDIS_URL = DEAD_REDIS
    monkeypatch.setattr(celery_app.conf, "broker_url", DEAD_REDIS)

    response = client.get("/readyz")

    assert response.status_code == 503
    failing = {name for name, result in response.json()["checks"].items() if result.startswith("error")}
    assert failing == {"cache", "broker"}
