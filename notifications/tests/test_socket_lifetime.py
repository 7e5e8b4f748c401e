"""A socket lives no longer than what authenticated it: session logout, API logout, token expiry, deactivation.

Each ends the right sockets with 4401 and leaves the others open: the user's other browser sessions and other
API logins, and other people.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from datetime import timedelta

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, UntypedToken

from accounts.models import User
from accounts.tests.factories import DEFAULT_PASSWORD
from notifications import consumers
from notifications.consumers import CLOSE_UNAUTHENTICATED
from notifications.services import push_to_user
from notifications.tests.test_consumers import connect_ok, expect_closed, expect_welcome, socket

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

TOKEN = reverse("api:auth-token")
REFRESH = reverse("api:auth-token-refresh")
LOGOUT = reverse("api:auth-logout")
EVENT = {"type": "coaching.client_joined", "data": {"client": "Cody Client"}}


@pytest.fixture(autouse=True)
def in_memory_layer(settings):
    """A fresh in-memory channel layer per test (also when REDIS_URL is set for the whole suite)."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


@pytest.fixture
def browser_login() -> Callable[[User], Awaitable[Client]]:
    """`await browser_login(user)`: a browser (Django test client) logged in as `user`, with a session of its own."""

    def _login(user: User) -> Client:
        browser = Client()
        browser.force_login(user)
        return browser

    return sync_to_async(_login)


def cookie_of(browser: Client) -> tuple[bytes, bytes]:
    name = django_settings.SESSION_COOKIE_NAME
    return (b"cookie", f"{name}={browser.cookies[name].value}".encode())


@sync_to_async
def api_login(user: User) -> dict[str, str]:
    """Log in through the API like a phone app would: a token pair of a new API login."""
    response = APIClient().post(TOKEN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()


@sync_to_async
def api_refresh(pair: dict[str, str]) -> dict[str, str]:
    response = APIClient().post(REFRESH, {"refresh": pair["refresh"]})
    assert response.status_code == 200, response.content
    return response.json()


@sync_to_async
def api_logout(pair: dict[str, str]) -> None:
    assert APIClient().post(LOGOUT, {"refresh": pair["refresh"]}).status_code == 204


def short_lived_token(user: User, seconds: int) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=timedelta(seconds=seconds))
    return str(token)


_open_sockets: AsyncExitStack | None = None


@pytest_asyncio.fixture(autouse=True)
async def _disconnect_sockets_after_the_test() -> AsyncIterator[None]:
    global _open_sockets
    async with AsyncExitStack() as stack:
        _open_sockets = stack
        yield
    _open_sockets = None


async def opened(
    context: AbstractAsyncContextManager[WebsocketCommunicator],
    user: User,
    *,
    subprotocol: str | None = None,
    welcome: bool = True,
) -> WebsocketCommunicator:
    """Connect (disconnected again after the test) and, unless told otherwise, expect the welcome."""
    assert _open_sockets is not None
    ws = await _open_sockets.enter_async_context(context)
    await connect_ok(ws, subprotocol)
    if welcome:
        await expect_welcome(ws, user)
    return ws


async def open_with_cookie(browser: Client, user: User) -> WebsocketCommunicator:
    return await opened(socket(headers=[cookie_of(browser)]), user)


async def open_with_token(token: str, user: User) -> WebsocketCommunicator:
    return await opened(socket(subprotocols=["bearer", token]), user, subprotocol="bearer")


async def open_with_first_message(token: str, user: User) -> WebsocketCommunicator:
    ws = await opened(socket(), user, welcome=False)
    await ws.send_json_to({"type": "authenticate", "token": token})
    await expect_welcome(ws, user)
    return ws


async def still_open(*sockets: WebsocketCommunicator) -> None:
    """Nothing arrived (no close), and the sockets still deliver their users' events."""
    for ws in sockets:
        assert await ws.receive_nothing(timeout=0.1)
        await ws.send_json_to({"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong", "data": {}}


async def push(user: User) -> None:
    await sync_to_async(push_to_user)(user, EVENT["type"], EVENT["data"])


def group_names() -> list[str]:
    return list(get_channel_layer().groups)


# --- 1. Browser session logout ------------------------------------------------------------------


async def test_logging_out_closes_that_sessions_sockets_only(their_client, other_client, browser_login):
    laptop, phone_browser = await browser_login(their_client), await browser_login(their_client)
    stranger = await browser_login(other_client)
    laptop_tab_1 = await open_with_cookie(laptop, their_client)
    laptop_tab_2 = await open_with_cookie(laptop, their_client)
    phone_tab = await open_with_cookie(phone_browser, their_client)
    app = await open_with_token(str(AccessToken.for_user(their_client)), their_client)
    strangers_tab = await open_with_cookie(stranger, other_client)
    session_key = laptop.session.session_key

    response = await sync_to_async(laptop.post)(reverse("accounts:logout"))

    assert response.status_code == 302
    await expect_closed(laptop_tab_1)
    await expect_closed(laptop_tab_2)
    await still_open(phone_tab, app, strangers_tab)
    await push(their_client)
    assert await phone_tab.receive_json_from() == EVENT
    assert await app.receive_json_from() == EVENT
    assert not any(session_key in name for name in group_names()), "a raw session key never names a group"


async def test_logging_out_of_the_admin_closes_that_sessions_sockets(staff_user, browser_login):
    admin = await browser_login(staff_user)
    other_session = await browser_login(staff_user)
    admin_tab = await open_with_cookie(admin, staff_user)
    other_tab = await open_with_cookie(other_session, staff_user)

    await sync_to_async(admin.post)(reverse("admin:logout"))

    await expect_closed(admin_tab)
    await still_open(other_tab)


# --- 2. API logout ----------------------------------------------------------------------------


async def test_every_token_of_an_api_login_carries_its_sid_across_refreshes(their_client):
    login = await api_login(their_client)
    refreshed = await api_refresh(login)
    another = await api_login(their_client)

    def sids(pair: dict[str, str]) -> set[str]:
        return {UntypedToken(pair["access"])["sid"], UntypedToken(pair["refresh"])["sid"]}

    (sid,) = sids(login)
    assert uuid.UUID(sid)
    assert sids(refreshed) == {sid}
    assert sids(another) != {sid}


async def test_api_logout_closes_the_sockets_of_that_login_only(their_client, other_client, browser_login):
    login = await api_login(their_client)
    refreshed = await api_refresh(login)
    other_login = await api_login(their_client)
    strangers_login = await api_login(other_client)
    browser = await browser_login(their_client)
    first_token_socket = await open_with_token(login["access"], their_client)
    refreshed_token_socket = await open_with_first_message(refreshed["access"], their_client)
    other_login_socket = await open_with_token(other_login["access"], their_client)
    browser_tab = await open_with_cookie(browser, their_client)
    strangers_socket = await open_with_token(strangers_login["access"], other_client)

    await api_logout(refreshed)

    await expect_closed(first_token_socket)
    await expect_closed(refreshed_token_socket)
    await still_open(other_login_socket, browser_tab, strangers_socket)


async def test_a_token_without_sid_still_connects_and_ends_at_expiry_only(their_client):
    """Tokens issued before logins carried a sid (or made elsewhere) work; nothing but expiry ends them."""
    token = AccessToken.for_user(their_client)
    assert "sid" not in token
    ws = await open_with_token(str(token), their_client)

    await api_logout(await api_login(their_client))

    await still_open(ws)


# --- 3. Token expiry --------------------------------------------------------------------------


async def test_a_socket_closes_with_4401_when_its_access_token_expires(their_client, browser_login):
    # `exp` is whole seconds: a 2 s lifetime leaves the token valid for 1 to 2 s.
    expiring = await open_with_token(short_lived_token(their_client, 2), their_client)
    expiring_by_message = await open_with_first_message(short_lived_token(their_client, 2), their_client)
    long_lived = await open_with_token(str(AccessToken.for_user(their_client)), their_client)
    browser_tab = await open_with_cookie(await browser_login(their_client), their_client)

    assert await expiring.receive_output(timeout=4) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await expect_closed(expiring_by_message)
    await still_open(long_lived, browser_tab)


# --- 4. Deactivation --------------------------------------------------------------------------


async def test_deactivating_a_user_closes_all_their_sockets(their_client, other_client, browser_login):
    browser_tab = await open_with_cookie(await browser_login(their_client), their_client)
    app = await open_with_token((await api_login(their_client))["access"], their_client)
    strangers_socket = await open_with_token(str(AccessToken.for_user(other_client)), other_client)

    their_client.display_name = "Cody Renamed"
    await sync_to_async(their_client.save)(update_fields=["display_name"])
    await still_open(browser_tab, app)

    their_client.is_active = False
    await sync_to_async(their_client.save)(update_fields=["is_active"])

    await expect_closed(browser_tab)
    await expect_closed(app)
    await still_open(strangers_socket)


async def test_changing_the_password_closes_every_socket_of_the_user(their_client, other_client, browser_login):
    """Django signs the other sessions out without a logout signal: their sockets must not outlive that."""
    browser = await browser_login(their_client)
    browser_tab = await open_with_cookie(browser, their_client)
    app = await open_with_token((await api_login(their_client))["access"], their_client)
    strangers_socket = await open_with_token(str(AccessToken.for_user(other_client)), other_client)

    @sync_to_async
    def change_password():
        response = browser.post(
            reverse("accounts:password_change"),
            {
                "old_password": DEFAULT_PASSWORD,
                "new_password1": "a-new-long-pass-2026",
                "new_password2": "a-new-long-pass-2026",
            },
        )
        assert response.status_code == 302, response.content

    await change_password()

    await expect_closed(browser_tab)
    await expect_closed(app)
    await still_open(strangers_socket)


def _admin_form_data(page) -> dict[str, object]:
    """The change form's current values, as a browser would post them back."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, object] = {}
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif value is not None:
                data[key] = str(value)
    return data


@sync_to_async
def deactivate_in_the_admin(staff: User, user: User) -> None:
    admin = Client()
    admin.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = _admin_form_data(admin.get(url))
    assert data.pop("is_active") == "on"
    response = admin.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    user.refresh_from_db()
    assert not user.is_active


async def test_deactivating_a_user_in_the_admin_closes_all_their_sockets(
    their_client, other_client, staff_user, browser_login
):
    browser_tab = await open_with_cookie(await browser_login(their_client), their_client)
    app = await open_with_token(str(AccessToken.for_user(their_client)), their_client)
    strangers_tab = await open_with_cookie(await browser_login(other_client), other_client)

    await deactivate_in_the_admin(staff_user, their_client)

    await expect_closed(browser_tab)
    await expect_closed(app)
    await still_open(strangers_tab)


async def test_a_deactivation_while_the_token_is_checked_still_closes_the_socket(their_client, monkeypatch):
    """The close is sent to the user's group before the socket joined it: the socket looks again once it has."""
    check_token = consumers.login_for_access_token

    async def check_then_deactivate(raw_token: object):
        login = await check_token(raw_token)
        their_client.is_active = False
        await sync_to_async(their_client.save)(update_fields=["is_active"])
        return login

    monkeypatch.setattr(consumers, "login_for_access_token", check_then_deactivate)
    ws = await opened(
        socket(subprotocols=["bearer", str(AccessToken.for_user(their_client))]),
        their_client,
        subprotocol="bearer",
        welcome=False,
    )

    await expect_closed(ws)


async def test_a_logout_while_the_socket_connects_still_closes_it(their_client, browser_login, monkeypatch):
    """The session logs out after the socket's user was read from it, before it joined the session's group."""
    browser = await browser_login(their_client)
    name_session = consumers.session_key_hash

    def log_out() -> int:
        try:
            return browser.post(reverse("accounts:logout")).status_code
        finally:
            connections.close_all()

    def logout_then_name(session_key: str) -> str:
        # Called synchronously inside the consumer: the logout runs in a thread of its own, as another request would.
        with ThreadPoolExecutor(max_workers=1) as pool:
            assert pool.submit(log_out).result() == 302
        return name_session(session_key)

    monkeypatch.setattr(consumers, "session_key_hash", logout_then_name)
    ws = await opened(socket(headers=[cookie_of(browser)]), their_client, welcome=False)

    await expect_closed(ws)


# --- Through Redis, as in production ----------------------------------------------------------


@pytest.mark.redis
async def test_api_logout_closes_sockets_through_redis(their_client, settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [settings.REDIS_URL], "prefix": f"fitnesspr-test-{uuid.uuid4().hex}"},
        }
    }
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    try:
        login, other_login = await api_login(their_client), await api_login(their_client)
        ending = await open_with_token(login["access"], their_client)
        staying = await open_with_token(other_login["access"], their_client)

        await api_logout(login)

        assert await ending.receive_output(timeout=3) == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
        await still_open(staying)
    finally:
        assert _open_sockets is not None
        await _open_sockets.aclose()  # before the flush closes the layer's connections under them
        await layer.flush()
