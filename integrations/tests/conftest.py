"""Fixtures for the Hevy integration tests.

`fake_hevy`: a FakeHevy (integrations/tests/fake_hevy.py, see its docstring for every helper) running on loopback
for one test. It points settings.HEVY_API_BASE_URL at itself and sets settings.HEVY_PAGE_PAUSE_SECONDS to 0, and the
client's pauses (between pages, before retries) are recorded in `fake_hevy.sleeps` instead of slept, so code that
builds `HevyClient(api_key)` itself talks to the fake at full speed:

    def test_backfill(fake_hevy, their_client):
        fake_hevy.add_workout(title="Push day")
        connection = HevyConnectionFactory(user=their_client, api_key=fake_hevy.api_key)
        ...
        assert fake_hevy.sleeps == []            # or [1.0] after fake_hevy.fail_next(429, retry_after=1)

`hevy_client`: a HevyClient for the fake's key, closed after the test.
"""

from __future__ import annotations

import pytest

from integrations.hevy.client import HevyClient
from integrations.tests.fake_hevy import FakeHevy


@pytest.fixture
def fake_hevy(settings, monkeypatch):
    fake = FakeHevy().start()
    settings.HEVY_API_BASE_URL = fake.url
    settings.HEVY_PAGE_PAUSE_SECONDS = 0
    monkeypatch.setattr("integrations.hevy.client._pause", fake.record_sleep)
    yield fake
    fake.stop()


@pytest.fixture
def hevy_client(fake_hevy):
    with HevyClient(fake_hevy.api_key) as client:
        yield client
