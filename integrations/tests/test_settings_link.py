"""The account settings page links to the Hevy page (Connected apps), for trainers and clients alike."""

from __future__ import annotations

from django.urls import reverse


def test_settings_page_links_to_the_hevy_page(login, their_client, trainer):
    hevy = reverse("integrations:hevy_settings")
    for user in (their_client, trainer):
        response = login(user).get(reverse("accounts:settings"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Connected apps" in html
        assert f'<a href="{hevy}">Hevy →</a>' in html
        assert login(user).get(hevy).status_code == 200
