"""Two "connect Hevy" requests of one user at the same moment: one succeeds, the other answers a readable 409
(a form error on the page), never a 500; one connection is stored."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.urls import reverse
from rest_framework.test import APIClient

from integrations.models import HevyConnection

URL = reverse("api:hevy_connection")
PAGE = reverse("integrations:hevy_settings")


@pytest.fixture
def other_request_wins(monkeypatch, fake_hevy):
    """A connect that found no connection sees another request store one before it saves its own. (Here the
    "other request" shares the test's transaction, so its row is rolled back with the loser's: the real race, with
    the winner's row kept, is the PostgreSQL test below.)"""
    full_clean = HevyConnection.full_clean

    def the_other_request_saves_first(self, *args, **kwargs):
        if self._state.adding:
            HevyConnection.objects.create(user=self.user, api_key=fake_hevy.api_key, key_last4="beef")
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(HevyConnection, "full_clean", the_other_request_saves_first)


def test_the_connect_that_loses_the_race_answers_409(api, their_client, fake_hevy, other_request_wins):
    response = api(their_client).put(URL, {"api_key": fake_hevy.api_key})

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "hevy_connect_conflict" and "another request" in error["message"]


def test_on_the_page_the_lost_race_is_a_form_error(login, their_client, fake_hevy, other_request_wins):
    response = login(their_client).post(PAGE, {"api_key": fake_hevy.api_key})

    assert response.status_code == 200
    assert "another request" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_connects_answer_one_success_and_one_409(their_client, fake_hevy, monkeypatch):
    start = threading.Barrier(2, timeout=10)
    # The requests also meet once both found no connection (inside their transactions, right before the save), so
    # the collision is certain rather than likely: two real transactions race for the one row.
    both_found_none = threading.Barrier(2, timeout=10)
    full_clean = HevyConnection.full_clean

    def meet_then_clean(self, *args, **kwargs):
        if self._state.adding:
            both_found_none.wait()
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(HevyConnection, "full_clean", meet_then_clean)

    def connect_request():
        try:
            api = APIClient()
            api.force_authenticate(their_client)
            start.wait()
            return api.put(URL, {"api_key": fake_hevy.api_key})
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(connect_request) for _ in range(2)]
        responses = [future.result(timeout=30) for future in futures]

    assert sorted(response.status_code for response in responses) == [200, 409]
    winner = next(response for response in responses if response.status_code == 200).json()
    assert winner["connected"] is True and winner["key_last4"] == fake_hevy.api_key[-4:]
    error = next(response for response in responses if response.status_code == 409).json()["error"]
    assert error["code"] == "hevy_connect_conflict"
    assert error["message"].startswith("Hevy was being connected by another request at the same moment")
    assert HevyConnection.objects.filter(user=their_client).count() == 1
