"""The list of syncs polls (every 2 s) only while a sync is queued or running, and carries its newest run to
hevy.js (data-run-*), so progress shows without the WebSocket."""

from __future__ import annotations

from django.urls import reverse

from integrations.models import HevySyncRun, SyncStatus
from integrations.tests.helpers import connect

SECTION = reverse("integrations:hevy_sync_section")


def test_the_section_polls_while_a_sync_runs_and_stops_after(login, fake_hevy, their_client):
    connection = connect(their_client, fake_hevy)
    client = login(their_client)
    assert "every 2s" not in client.get(SECTION).content.decode()  # no sync yet

    run = HevySyncRun.objects.create(connection=connection, status=SyncStatus.RUNNING, pages=3, created_count=25)
    for html in (
        client.get(SECTION).content.decode(),
        client.get(reverse("integrations:hevy_settings")).content.decode(),
    ):
        assert 'hx-trigger="fitnesspr:hevy-sync-finished from:document, every 2s"' in html
        assert f'data-run-id="{run.pk}" data-run-status="running" data-run-pages="3"' in html
        assert 'data-run-created="25"' in html

    HevySyncRun.objects.filter(pk=run.pk).update(status=SyncStatus.SUCCEEDED, pages=4, created_count=31)
    html = client.get(SECTION).content.decode()
    assert 'hx-trigger="fitnesspr:hevy-sync-finished from:document"' in html and "every 2s" not in html
    assert 'data-run-status="succeeded" data-run-pages="4"' in html and 'data-run-created="31"' in html
