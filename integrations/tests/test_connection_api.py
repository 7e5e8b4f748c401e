"""API: `integrations/hevy/` (status, connect, settings, disconnect), `.../sync/` and `.../sync-runs/`."""

from __future__ import annotations

import pytest
from django.urls import reverse

from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from integrations.tests.helpers import connect

URL = reverse("api:hevy_connection")
SYNC_URL = reverse("api:hevy_sync")
RUNS_URL = reverse("api:hevy_sync_runs")


def test_urls():
    assert URL == "/api/v1/integrations/hevy/"
    assert SYNC_URL == "/api/v1/integrations/hevy/sync/"
    assert RUNS_URL == "/api/v1/integrations/hevy/sync-runs/"


@pytest.mark.parametrize("url", [URL, SYNC_URL, RUNS_URL])
def test_anonymous_gets_401(api, db, url):
    assert api().get(url).status_code == 401
    assert api().post(url, {}).status_code == 401


def test_status_when_not_connected(api, their_client):
    response = api(their_client).get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "connected": False,
        "status": None,
        "status_message": "",
        "key_last4": None,
        "hevy_user_name": "",
        "push_workouts": False,
        "connected_at": None,
        "last_synced_at": None,
        "current_run": None,
    }


@pytest.mark.parametrize("method", ["put", "post"])
def test_connect_then_status_never_shows_the_key(api, fake_hevy, their_client, method):
    response = getattr(api(their_client), method)(URL, {"api_key": fake_hevy.api_key})
    assert response.status_code == 200
    body = response.json()
    assert body["connected"] is True and body["status"] == "valid"
    assert body["key_last4"] == fake_hevy.api_key[-4:] and body["hevy_user_name"] == "Hevy Tester"
    assert fake_hevy.api_key not in response.content.decode()
    assert fake_hevy.api_key not in api(their_client).get(URL).content.decode()


def test_a_rejected_key_is_a_field_error_and_nothing_is_saved(api, fake_hevy, their_client):
    response = api(their_client).put(URL, {"api_key": "11111111-2222-3333-4444-555555555555"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "hevy_key_rejected" and "Hevy rejected this key" in error["fields"]["api_key"][0]
    assert not HevyConnection.objects.exists()
    assert api(their_client).put(URL, {}).json()["error"]["fields"]["api_key"]


def test_hevy_down_is_a_readable_error(api, fake_hevy, their_client):
    fake_hevy.fail_next(500, times=10)
    error = api(their_client).put(URL, {"api_key": fake_hevy.api_key}).json()["error"]
    assert error["code"] == "hevy_unavailable" and "try again" in error["message"]


def test_push_workouts_setting(api, fake_hevy, their_client, other_client):
    assert api(other_client).patch(URL, {"push_workouts": True}).status_code == 404
    connect(their_client, fake_hevy)
    response = api(their_client).patch(URL, {"push_workouts": True})
    assert response.status_code == 200 and response.json()["push_workouts"] is True
    assert HevyConnection.objects.get().push_workouts is True


def test_disconnect(api, fake_hevy, their_client):
    connect(their_client, fake_hevy)
    assert api(their_client).delete(URL).status_code == 204
    assert not HevyConnection.objects.exists()
    assert api(their_client).delete(URL).status_code == 204


def test_each_user_reaches_only_their_own_connection(
    api, fake_hevy, their_client, trainer, other_trainer, other_client
):
    connection = connect(their_client, fake_hevy)
    HevySyncRun.objects.create(connection=connection, status=SyncStatus.SUCCEEDED, created_count=3)
    for stranger in (trainer, other_trainer, other_client):
        client = api(stranger)
        assert client.get(URL).json()["connected"] is False
        assert client.get(RUNS_URL).json()["count"] == 0
        assert client.post(SYNC_URL, {}).status_code == 404
        assert client.delete(URL).status_code == 204
    assert HevyConnection.objects.filter(pk=connection.pk).exists()  # nobody else disconnected it


def test_sync_now_answers_202_with_the_run_then_409_while_it_runs(api, fake_hevy, their_client):
    connect(their_client, fake_hevy)
    response = api(their_client).post(SYNC_URL, {})
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["trigger"] == "manual" and body["full"] is False
    status = api(their_client).get(URL).json()
    assert status["current_run"]["id"] == body["id"]
    conflict = api(their_client).post(SYNC_URL, {"full": True})
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "sync_running"


def test_sync_now_runs_the_sync_in_process_without_a_broker(
    api, fake_hevy, their_client, django_capture_on_commit_callbacks
):
    connect(their_client, fake_hevy)
    fake_hevy.add_workouts(3)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(their_client).post(SYNC_URL, {"full": True})
    assert response.status_code == 202
    run = HevySyncRun.objects.get(pk=response.json()["id"])
    assert run.status == SyncStatus.SUCCEEDED and run.full and run.created_count == 3


def test_sync_now_with_an_invalid_key_is_a_conflict(api, fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    connection.status = "invalid"
    connection.save()
    response = api(their_client).post(SYNC_URL, {})
    assert response.status_code == 409 and response.json()["error"]["code"] == "hevy_connection_invalid"


def test_sync_runs_are_paginated_newest_first(api, fake_hevy, their_client, django_assert_num_queries):
    connection = connect(their_client, fake_hevy)
    for n in range(25):
        HevySyncRun.objects.create(connection=connection, status=SyncStatus.FAILED, error=f"boom {n}", created_count=n)
    client = api(their_client)
    # 1 count, 2 the page (force_authenticate: no user query)
    with django_assert_num_queries(2):
        page = client.get(RUNS_URL).json()
    assert page["count"] == 25 and len(page["results"]) == 20
    assert page["results"][0]["error"] == "boom 24"
    assert set(page["results"][0]) == {
        "id",
        "trigger",
        "full",
        "status",
        "created_at",
        "started_at",
        "finished_at",
        "pages",
        "created_count",
        "updated_count",
        "deleted_count",
        "error",
    }
    assert len(client.get(RUNS_URL, {"page": 2}).json()["results"]) == 5
