"""Connecting a Hevy key (checked with Hevy first, stored encrypted), disconnecting, a key that turns invalid."""

from __future__ import annotations

import socket
import time

import pytest
from django.db import connection as db

from fitnesspr.errors import ApplicationError, ConflictError
from integrations.hevy.connection import (
    CHECK_CONNECT_TIMEOUT,
    UNREACHABLE_MESSAGE,
    check_client_for,
    connection_mark_invalid,
    hevy_connect,
    hevy_disconnect,
    sync_queue,
)
from integrations.models import ConnectionStatus, HevyConnection, HevySyncRun, SyncStatus
from integrations.tests.helpers import connect


def test_connect_checks_the_key_and_stores_it_encrypted(fake_hevy, their_client):
    connection = hevy_connect(user=their_client, api_key=f"  {fake_hevy.api_key} ")
    assert connection.status == ConnectionStatus.VALID
    assert connection.key_last4 == fake_hevy.api_key[-4:]
    assert connection.hevy_user_name == "Hevy Tester" and connection.hevy_user_id == fake_hevy.user["id"]
    assert [r.path for r in fake_hevy.requests()] == ["/v1/user/info"]
    assert fake_hevy.requests()[0].headers["api-key"] == fake_hevy.api_key
    with db.cursor() as cursor:
        cursor.execute("SELECT api_key FROM integrations_hevyconnection")
        (raw,) = cursor.fetchone()
    assert fake_hevy.api_key not in raw
    assert HevyConnection.objects.get(user=their_client).api_key == fake_hevy.api_key


def test_a_key_hevy_rejects_is_not_saved(fake_hevy, their_client):
    with pytest.raises(ApplicationError) as caught:
        hevy_connect(user=their_client, api_key="11111111-2222-3333-4444-555555555555")
    assert caught.value.code == "hevy_key_rejected"
    assert "Hevy rejected this key" in caught.value.fields["api_key"][0]
    assert not HevyConnection.objects.exists()


def test_hevy_unreachable_saves_nothing(fake_hevy, their_client):
    fake_hevy.fail_next(503, times=10)
    with pytest.raises(ApplicationError) as caught:
        hevy_connect(user=their_client, api_key=fake_hevy.api_key)
    assert caught.value.code == "hevy_unavailable"
    assert "Nothing was saved" in caught.value.message
    assert not HevyConnection.objects.exists()
    assert fake_hevy.sleeps == [1.0]  # one retry only: the person is waiting on the page


def test_network_failure_saves_nothing_and_says_so_within_seconds(settings, their_client):
    settings.HEVY_API_BASE_URL = f"http://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(ApplicationError) as caught:
        hevy_connect(user=their_client, api_key="00000000-0000-4000-8000-00000000beef")
    assert time.monotonic() - started < 3  # was 15 s of retries with backoff
    assert caught.value.code == "hevy_unavailable"
    assert caught.value.message == UNREACHABLE_MESSAGE
    assert not HevyConnection.objects.exists()


def test_the_key_check_has_a_short_connect_timeout():
    """An unroutable address would otherwise hold the page for the client's 10 s connect timeout per try."""
    with check_client_for("00000000-0000-4000-8000-00000000beef") as client:
        assert client._http.timeout.connect == CHECK_CONNECT_TIMEOUT <= 3
        assert client.max_retries <= 1


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "key", ["", "   ", "short", "ключ-не-hevy-12345", "abc\u00fcdef\ud83d\ude00xyz", "key;with:punct"]
)
def test_an_empty_or_silly_key_is_refused_without_asking_hevy(fake_hevy, their_client, key):
    with pytest.raises(ApplicationError) as caught:
        hevy_connect(user=their_client, api_key=key)
    assert "api_key" in caught.value.fields
    assert fake_hevy.requests() == []


def test_connecting_again_replaces_the_key_and_revalidates(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    connection_mark_invalid(connection=connection, message="Hevy rejected the API key (401).")
    again = connect(their_client, fake_hevy)
    assert again.pk == connection.pk
    assert again.status == ConnectionStatus.VALID and again.status_message == ""
    assert HevyConnection.objects.count() == 1


def test_another_hevy_account_starts_the_feed_again(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    connection.events_cursor = connection.created_at
    connection.save()
    fake_hevy.user["id"] = "another-account"
    assert connect(their_client, fake_hevy).events_cursor is None


def test_disconnect_deletes_the_key_and_keeps_nothing_of_it(fake_hevy, their_client):
    connect(their_client, fake_hevy)
    hevy_disconnect(user=their_client)
    assert not HevyConnection.objects.exists()
    hevy_disconnect(user=their_client)  # nothing to do: no error


def test_mark_invalid_tells_the_user(fake_hevy, their_client, django_capture_on_commit_callbacks, monkeypatch):
    pushed = []
    monkeypatch.setattr(
        "notifications.realtime.push_to_user", lambda user, kind, data: pushed.append((user, kind, data))
    )
    connection = connect(their_client, fake_hevy)
    with django_capture_on_commit_callbacks(execute=True):
        connection_mark_invalid(connection=connection, message="Hevy rejected the API key (401).")
    connection.refresh_from_db()
    assert connection.status == ConnectionStatus.INVALID
    assert connection.status_message == "Hevy rejected the API key (401)."
    assert pushed[0][0] == their_client.pk and pushed[0][1] == "hevy.connection_invalid"
    assert "paste a new key" in pushed[0][2]["message"].lower()


def test_sync_queue_one_at_a_time_and_not_for_an_invalid_key(fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    run = sync_queue(connection=connection)
    assert run.status == SyncStatus.QUEUED
    with pytest.raises(ConflictError) as caught:
        sync_queue(connection=connection)
    assert caught.value.code == "sync_running"
    HevySyncRun.objects.update(status=SyncStatus.SUCCEEDED)
    connection_mark_invalid(connection=connection, message="rejected")
    with pytest.raises(ConflictError) as caught:
        sync_queue(connection=connection)
    assert caught.value.code == "hevy_connection_invalid"
