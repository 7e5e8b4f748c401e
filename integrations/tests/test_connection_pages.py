"""Pages: the Hevy settings page (connect, status, sync now, syncs, live progress, disconnect) and the trainer's
view of each client's connection on the Clients page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from integrations.models import HevyConnection, HevySyncRun, SyncStatus
from integrations.tests.helpers import connect

PAGE = reverse("integrations:hevy_settings")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_url():
    assert PAGE == "/settings/hevy/"


def test_anonymous_is_sent_to_log_in(client, db):
    for name in ("hevy_settings", "hevy_sync_now", "hevy_disconnect", "hevy_sync_section", "hevy_preferences"):
        response = client.post(reverse(f"integrations:{name}")) if name != "hevy_settings" else client.get(PAGE)
        assert response.status_code == 302 and "/login" in response.url


def test_page_before_connecting_has_a_password_field_and_the_script(login, their_client):
    response = login(their_client).get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="password"' in html and 'name="api_key"' in html
    assert "js/hevy.js" in html and "<script>" not in html and 'style="' not in html
    assert "Sync now" not in html


def _intro(html: str) -> str:
    return " ".join(html[html.index("<h1>Hevy</h1>") : html.index('id="hevy-key-heading"')].split())


def test_a_client_reads_that_their_workouts_come_in_and_their_trainer_sees_them(login, their_client):
    intro = _intro(login(their_client).get(PAGE).content.decode())
    assert "your workouts come into FitnessPr by themselves" in intro and "your trainer, if you have one" in intro
    assert "plans can be sent to Hevy as routines" in intro
    assert "your own" not in intro.lower()


def test_a_trainer_reads_what_their_own_connection_does_and_where_client_plans_go(login, trainer):
    intro = _intro(login(trainer).get(PAGE).content.decode())
    assert "your trainer" not in intro.lower()  # copy written for clients, wrong for a trainer
    assert "<strong>your own</strong> Hevy account" in intro
    assert "come into your FitnessPr history" in intro
    assert "plans go to <strong>their</strong> Hevy accounts, not to yours" in intro
    assert "each client connects Hevy in their own settings" in intro


def test_connecting_shows_the_last_four_characters_only(login, fake_hevy, their_client):
    client = login(their_client)
    response = client.post(PAGE, {"api_key": fake_hevy.api_key}, follow=True)
    html = response.content.decode()
    assert "Hevy is connected as Hevy Tester." in " ".join(messages_of(response))
    assert fake_hevy.api_key[-4:] in html and fake_hevy.api_key not in html
    assert "Sync now" in html and 'id="hevy-progress"' in html


def test_a_rejected_key_shows_the_error_and_is_not_echoed(login, fake_hevy, their_client):
    bad = "11111111-2222-3333-4444-555555555555"
    response = login(their_client).post(PAGE, {"api_key": bad})
    html = response.content.decode()
    assert response.status_code == 200 and "Hevy rejected this key" in html
    assert bad not in html
    assert not HevyConnection.objects.exists()


def test_invalid_connection_is_explained(login, fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    connection.status, connection.status_message = "invalid", "Hevy rejected the API key (401)."
    connection.save()
    html = login(their_client).get(PAGE).content.decode()
    assert "Hevy rejected the API key (401)." in html and "Paste a new key" in html


def test_sync_now_starts_a_sync_and_the_run_is_listed(
    login, fake_hevy, their_client, django_capture_on_commit_callbacks
):
    connect(their_client, fake_hevy)
    fake_hevy.add_workouts(4)
    client = login(their_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integrations:hevy_sync_now"))
    assert response.status_code == 302 and response.url == PAGE
    run = HevySyncRun.objects.get()
    assert run.status == SyncStatus.SUCCEEDED
    response = client.get(PAGE)
    assert "Sync started." in " ".join(messages_of(response))
    html = response.content.decode()
    assert f'id="run-{run.pk}"' in html and "Succeeded" in html
    section = client.get(reverse("integrations:hevy_sync_section"))
    assert f'id="run-{run.pk}"' in section.content.decode() and "<html" not in section.content.decode()


def test_sync_now_while_one_runs_says_so(login, fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING, pages=2, created_count=20)
    client = login(their_client)
    response = client.post(reverse("integrations:hevy_sync_now"), follow=True)
    assert "A sync is already running" in " ".join(messages_of(response))
    assert "2 pages" in response.content.decode() and 'data-run-id="' in response.content.decode()


def test_sync_now_without_a_connection(login, their_client):
    response = login(their_client).post(reverse("integrations:hevy_sync_now"), follow=True)
    assert "Connect Hevy first." in messages_of(response)


def test_failed_runs_show_their_error(login, fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    HevySyncRun.objects.create(connection=connection, status=SyncStatus.FAILED, error="Hevy could not be reached")
    assert "Hevy could not be reached" in login(their_client).get(PAGE).content.decode()


def test_push_workouts_checkbox(login, fake_hevy, their_client):
    connect(their_client, fake_hevy)
    client = login(their_client)
    client.post(reverse("integrations:hevy_preferences"), {"push_workouts": "on"})
    assert HevyConnection.objects.get().push_workouts is True
    client.post(reverse("integrations:hevy_preferences"), {})
    assert HevyConnection.objects.get().push_workouts is False


def test_disconnect_needs_post_and_confirmation(login, fake_hevy, their_client):
    connect(their_client, fake_hevy)
    client = login(their_client)
    assert 'data-confirm="Disconnect Hevy?' in client.get(PAGE).content.decode()
    assert client.get(reverse("integrations:hevy_disconnect")).status_code == 405
    client.post(reverse("integrations:hevy_disconnect"))
    assert not HevyConnection.objects.exists()


def test_people_see_only_their_own_connection(login, fake_hevy, their_client, trainer, other_trainer, other_client):
    connect(their_client, fake_hevy)
    for stranger in (trainer, other_trainer, other_client):
        client = login(stranger)
        html = client.get(PAGE).content.decode()
        assert fake_hevy.api_key[-4:] not in html and "Connect Hevy" in html
        client.post(reverse("integrations:hevy_disconnect"))
        client.post(reverse("integrations:hevy_sync_now"))
    assert HevyConnection.objects.filter(user=their_client).exists()
    assert not HevySyncRun.objects.exists()


# --- The trainer's Clients page ----------------------------------------------------------------------------


def test_trainer_sees_each_clients_hevy_status(login, fake_hevy, trainer, their_client, other_client):
    connection = connect(their_client, fake_hevy)
    connection.last_synced_at = timezone.now() - timedelta(hours=2)
    connection.save()
    CoachingLinkFactory(trainer=trainer, client=ClientFactory(display_name="Nina Never"))
    connect(other_client, fake_hevy)  # another trainer's client: not on this page
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    assert html.count("Hevy:") == 2
    assert "connected · last synced" in html and "2\xa0hours ago" in html
    assert "not connected" in html
    assert fake_hevy.api_key[-4:] not in html


@pytest.mark.parametrize("clients", [2, 20])
def test_clients_page_query_count_stays_constant(login, fake_hevy, trainer, clients, django_assert_num_queries):
    for n in range(clients):
        client = ClientFactory()
        CoachingLinkFactory(trainer=trainer, client=client)
        if n % 2:
            HevyConnection.objects.create(user=client, api_key="x" * 36, key_last4="xxxx")
    browser = login(trainer)
    # 1 session, 2 user, 3 links with clients and profiles, 4 pending invitations, 5 the clients' Hevy
    # connections (the integration fills the page's client-row slot with one query for all)
    with django_assert_num_queries(5):
        response = browser.get(reverse("accounts:clients"))
    assert response.content.decode().count("Hevy: connected") == clients // 2


@pytest.mark.parametrize("runs", [1, 15])
def test_settings_page_query_count_stays_constant(login, fake_hevy, their_client, runs, django_assert_num_queries):
    connection = connect(their_client, fake_hevy)
    for n in range(runs):
        HevySyncRun.objects.create(connection=connection, status=SyncStatus.SUCCEEDED, created_count=n)
    browser = login(their_client)
    # 1 session, 2 user, 3 connection, 4 the ten most recent runs
    with django_assert_num_queries(4):
        response = browser.get(PAGE)
    assert len(response.context["runs"]) == min(runs, 10)


def test_hevy_unreachable_says_so_on_the_page_and_the_button_announces_the_check(login, fake_hevy, their_client):
    fake_hevy.stop()
    response = login(their_client).post(PAGE, {"api_key": fake_hevy.api_key})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hevy could not be reached to check your key, so nothing was saved." in html
    assert 'data-busy-text="Checking your key with Hevy…"' in html  # static/js/hevy.js shows it while waiting
    assert not HevyConnection.objects.exists()
