"""The notifications WebSocket, end to end through the real ASGI application and channel layer."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from fitnesspr.asgi import application
from notifications.consumers import CLOSE_UNAUTHENTICATED, NotificationConsumer
from notifications.services import push_to_user

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ORIGIN = (b"origin", b"http://127.0.0.1:8000")
EVENT = {"type": "coaching.client_joined", "data": {"client": "Cody Client"}}


@pytest.fixture(autouse=True)
def in_memory_layer(settings):
    """A fresh in-memory channel layer per test (also when REDIS_URL is set for the whole suite)."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def session_cookie() -> Callable[[object], bytes]:
    """`session_cookie(user)` logs `user` in like a browser would and returns the Cookie header value."""

    def _cookie(user: object) -> bytes:
        browser = Client()
        browser.force_login(user)
        name = django_settings.SESSION_COOKIE_NAME
        return f"{name}={browser.cookies[name].value}".encode()

    return _cookie


@asynccontextmanager
async def socket(
    path: str = "/ws/notifications/",
    *,
    headers: list[tuple[bytes, bytes]] | None = None,
    subprotocols: list[str] | None = None,
) -> AsyncIterator[WebsocketCommunicator]:
    communicator = WebsocketCommunicator(
        application, path, headers=[ORIGIN, *(headers or [])], subprotocols=subprotocols
    )
    try:
        yield communicator
    finally:
        await communicator.disconnect()


async def connect_ok(communicator: WebsocketCommunicator, subprotocol: str | None = None) -> None:
    connected, chosen = await communicator.connect()
    assert connected
    assert chosen == subprotocol


async def expect_welcome(communicator: WebsocketCommunicator, user: object) -> None:
    assert await communicator.receive_json_from() == {"type": "welcome", "data": {"user": str(user.pk)}}


async def expect_closed(communicator: WebsocketCommunicator, code: int = CLOSE_UNAUTHENTICATED) -> None:
    assert await communicator.receive_output(timeout=2) == {"type": "websocket.close", "code": code}


def push_in_transaction(user: object, *, roll_back: bool = False) -> None:
    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            push_to_user(user, EVENT["type"], EVENT["data"])
            if roll_back:
                raise RolledBack
    except RolledBack:
        pass


push = sync_to_async(push_in_transaction)


def access_token(user: object) -> str:
    return str(AccessToken.for_user(user))


def expired_access_token(user: object) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(seconds=1))
    return str(token)


async def test_browser_session_cookie_authenticates_and_receives_the_users_events(their_client, session_cookie):
    cookie = await sync_to_async(session_cookie)(their_client)
    async with socket(headers=[(b"cookie", cookie)]) as ws:
        await connect_ok(ws)
        await expect_welcome(ws, their_client)

        await push(their_client)

        assert await ws.receive_json_from() == EVENT


async def test_jwt_in_the_first_message_authenticates(their_client):
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_json_to({"type": "authenticate", "token": access_token(their_client)})
        await expect_welcome(ws, their_client)

        await push(their_client)

        assert await ws.receive_json_from() == EVENT


async def test_jwt_in_the_subprotocol_header_authenticates_and_bearer_is_chosen(their_client):
    async with socket(subprotocols=["bearer", access_token(their_client)]) as ws:
        await connect_ok(ws, subprotocol="bearer")
        await expect_welcome(ws, their_client)

        await push(their_client)

        assert await ws.receive_json_from() == EVENT


async def test_a_token_in_the_url_does_not_authenticate(their_client, monkeypatch):
    monkeypatch.setattr(NotificationConsumer, "auth_timeout_seconds", 0.2)
    async with socket(f"/ws/notifications/?token={access_token(their_client)}") as ws:
        await connect_ok(ws)
        await push(their_client)

        # No welcome, no event: the socket waits for real credentials and is closed when none come.
        await expect_closed(ws)


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda user: "not-a-jwt", id="garbage"),
        pytest.param(lambda user: access_token(user)[:-4] + "AAAA", id="bad-signature"),
        pytest.param(lambda user: str(RefreshToken.for_user(user)), id="refresh-token"),
        pytest.param(lambda user: expired_access_token(user), id="expired"),
    ],
)
async def test_a_bad_token_in_the_first_message_closes_with_4401(their_client, make_token):
    token = await sync_to_async(make_token)(their_client)
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_json_to({"type": "authenticate", "token": token})
        await expect_closed(ws)


async def test_a_bad_token_in_the_subprotocol_header_closes_with_4401(their_client):
    async with socket(subprotocols=["bearer", "not-a-jwt"]) as ws:
        await connect_ok(ws, subprotocol="bearer")
        await expect_closed(ws)


async def test_an_unknown_subprotocol_is_refused_at_the_handshake(their_client):
    async with socket(subprotocols=["graphql-ws"]) as ws:
        connected, _code = await ws.connect()
        assert not connected


async def test_a_deactivated_users_token_closes_with_4401(their_client):
    token = access_token(their_client)
    their_client.is_active = False
    await sync_to_async(their_client.save)(update_fields=["is_active"])
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_json_to({"type": "authenticate", "token": token})
        await expect_closed(ws)


async def test_a_deleted_users_token_closes_with_4401(their_client):
    token = access_token(their_client)
    await sync_to_async(their_client.delete)()
    async with socket(subprotocols=["bearer", token]) as ws:
        await connect_ok(ws, subprotocol="bearer")
        await expect_closed(ws)


async def test_without_credentials_the_socket_is_closed_after_the_auth_timeout(db, monkeypatch):
    monkeypatch.setattr(NotificationConsumer, "auth_timeout_seconds", 0.2)
    async with socket() as ws:
        await connect_ok(ws)
        assert await ws.receive_nothing(timeout=0.05)
        await expect_closed(ws)


@pytest.mark.parametrize(
    "first_message",
    [{"type": "ping"}, {"type": "authenticate"}, {"type": "authenticate", "token": 42}, ["authenticate"]],
)
async def test_without_credentials_any_other_first_message_closes_with_4401(db, first_message):
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_json_to(first_message)
        await expect_closed(ws)


async def test_without_credentials_invalid_json_closes_with_4401(db):
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_to(text_data="{not json")
        await expect_closed(ws)


async def test_a_foreign_page_cannot_open_the_socket(their_client, session_cookie):
    cookie = await sync_to_async(session_cookie)(their_client)
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=[(b"origin", b"https://evil.example"), (b"cookie", cookie)]
    )
    connected, _code = await communicator.connect()
    assert not connected


async def test_a_client_without_origin_header_may_use_a_token(their_client):
    """Native apps send no Origin; browsers always do, so this opens no cross-site hole."""
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", subprotocols=["bearer", access_token(their_client)]
    )
    connected, subprotocol = await communicator.connect()
    try:
        assert (connected, subprotocol) == (True, "bearer")
        await expect_welcome(communicator, their_client)
    finally:
        await communicator.disconnect()


async def test_an_event_reaches_only_its_user(their_client, other_client):
    async with (
        socket(subprotocols=["bearer", access_token(their_client)]) as mine,
        socket(subprotocols=["bearer", access_token(other_client)]) as theirs,
    ):
        await connect_ok(mine, "bearer")
        await connect_ok(theirs, "bearer")
        await expect_welcome(mine, their_client)
        await expect_welcome(theirs, other_client)

        await push(their_client)

        assert await mine.receive_json_from() == EVENT
        assert await theirs.receive_nothing(timeout=0.2)


async def test_every_open_socket_of_the_user_gets_the_event(their_client, session_cookie):
    cookie = await sync_to_async(session_cookie)(their_client)
    async with (
        socket(headers=[(b"cookie", cookie)]) as browser,
        socket(subprotocols=["bearer", access_token(their_client)]) as phone,
    ):
        await connect_ok(browser)
        await connect_ok(phone, "bearer")
        await expect_welcome(browser, their_client)
        await expect_welcome(phone, their_client)

        await push(their_client)

        assert await browser.receive_json_from() == EVENT
        assert await phone.receive_json_from() == EVENT


async def test_no_event_is_sent_when_the_transaction_rolls_back(their_client):
    async with socket(subprotocols=["bearer", access_token(their_client)]) as ws:
        await connect_ok(ws, "bearer")
        await expect_welcome(ws, their_client)

        await sync_to_async(push_in_transaction)(their_client, roll_back=True)

        assert await ws.receive_nothing(timeout=0.2)


async def test_a_closed_socket_leaves_the_users_group(their_client):
    async with socket(subprotocols=["bearer", access_token(their_client)]) as ws:
        await connect_ok(ws, "bearer")
        await expect_welcome(ws, their_client)
    layer = get_channel_layer()
    assert not layer.groups.get(f"user.{their_client.pk}")


async def test_ping_answers_pong_and_unknown_messages_answer_an_error(their_client):
    async with socket(subprotocols=["bearer", access_token(their_client)]) as ws:
        await connect_ok(ws, "bearer")
        await expect_welcome(ws, their_client)

        await ws.send_json_to({"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong", "data": {}}

        await ws.send_json_to({"type": "subscribe", "data": {"plan": "x"}})
        reply = await ws.receive_json_from()
        assert (reply["type"], reply["data"]["code"]) == ("error", "unknown_type")

        await ws.send_to(text_data="{not json")
        reply = await ws.receive_json_from()
        assert (reply["type"], reply["data"]["code"]) == ("error", "invalid_json")

        await ws.send_json_to({"type": "authenticate", "token": access_token(their_client)})
        reply = await ws.receive_json_from()
        assert (reply["type"], reply["data"]["code"]) == ("error", "already_authenticated")

        # Still open and still delivering after all that.
        await push(their_client)
        assert await ws.receive_json_from() == EVENT


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[" * 60_000, "invalid_json"),
        ('{"a":' * 12_000, "invalid_json"),
        (json.dumps({"type": "ping", "data": {"note": "nul\x00"}}), "invalid_json"),
        ('{"type": "ping", "data": {"note": "\\ud800"}}', "invalid_json"),
        (json.dumps({"type": "ping", "data": "x" * 70_000}), "message_too_large"),
    ],
    ids=["deep-arrays", "deep-objects", "nul", "lone-surrogate", "oversized"],
)
async def test_hostile_messages_answer_an_error_and_the_socket_keeps_working(their_client, text, code):
    async with socket(subprotocols=["bearer", access_token(their_client)]) as ws:
        await connect_ok(ws, "bearer")
        await expect_welcome(ws, their_client)

        await ws.send_to(text_data=text)
        reply = await ws.receive_json_from()
        assert (reply["type"], reply["data"]["code"]) == ("error", code)

        await ws.send_json_to({"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong", "data": {}}


async def test_without_credentials_a_deeply_nested_message_closes_with_4401(db):
    async with socket() as ws:
        await connect_ok(ws)
        await ws.send_to(text_data="[" * 100_000)
        await expect_closed(ws)


@pytest.mark.redis
async def test_delivery_through_redis_channel_layer(their_client, other_client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # A private prefix so concurrent runs on the same Redis never see each other's groups.
            "CONFIG": {"hosts": [settings.REDIS_URL], "prefix": f"fitnesspr-test-{uuid.uuid4().hex}"},
        }
    }
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    try:
        async with (
            socket(subprotocols=["bearer", access_token(their_client)]) as mine,
            socket(subprotocols=["bearer", access_token(other_client)]) as theirs,
        ):
            await connect_ok(mine, "bearer")
            await connect_ok(theirs, "bearer")
            await expect_welcome(mine, their_client)
            await expect_welcome(theirs, other_client)

            await push(their_client)
            await sync_to_async(push_in_transaction)(other_client, roll_back=True)

            assert json.loads((await mine.receive_output(timeout=3))["text"]) == EVENT
            assert await theirs.receive_nothing(timeout=0.5)
    finally:
        await layer.flush()


@pytest.mark.redis
async def test_an_idle_socket_outlives_the_redis_read_timeout(their_client, settings):
    """The project's own Redis layer settings: a socket idle for longer than redis-py's default 5 s read timeout
    (which channels_redis' blocking 5 s receive used to hit, closing sockets with 1011) still gets its events."""
    from fitnesspr import settings as project_settings

    layer_settings = copy.deepcopy(project_settings.CHANNEL_LAYERS)
    assert layer_settings["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    layer_settings["default"]["CONFIG"]["prefix"] = f"fitnesspr-test-{uuid.uuid4().hex}"
    settings.CHANNEL_LAYERS = layer_settings
    layer = get_channel_layer()
    try:
        async with socket(subprotocols=["bearer", access_token(their_client)]) as mine:
            await connect_ok(mine, "bearer")
            await expect_welcome(mine, their_client)
            assert await mine.receive_nothing(timeout=7, interval=0.5)

            await push(their_client)

            assert json.loads((await mine.receive_output(timeout=3))["text"]) == EVENT
    finally:
        await layer.flush()
