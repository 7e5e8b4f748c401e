"""Fixtures every app's tests reuse: the people of the access rule and logged-in clients for them.

- `trainer` coaches `their_client`;
- `other_trainer` coaches `other_client` (strangers to the first pair);
- `staff_user` runs the admin.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from accounts.tests.factories import ClientFactory, CoachingLinkFactory, StaffFactory, TrainerFactory

REQUIRE_SERVICES = os.environ.get("FITNESSPR_REQUIRE_SERVICES") == "1"


def pytest_collection_modifyitems(config, items):
    """Marked tests skip locally without their service, and fail loudly in CI (FITNESSPR_REQUIRE_SERVICES=1)."""
    have = {
        "postgres": settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "redis": bool(settings.REDIS_URL),
    }
    for item in items:
        for marker, available in have.items():
            if item.get_closest_marker(marker) and not available:
                if REQUIRE_SERVICES:
                    item.add_marker(pytest.mark.xfail(reason=f"{marker} is required here", strict=True, run=False))
                    item.add_marker(pytest.mark.usefixtures("_missing_service"))
                else:
                    item.add_marker(pytest.mark.skip(reason=f"needs {marker}: set its URL to run"))


@pytest.fixture
def _missing_service():
    pytest.fail("a required service is not configured")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """Fast password hashing, tasks run in-process, a clean cache (lockouts, throttles) for every test."""
    from fitnesspr.celery import app

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trainer(db):
    return TrainerFactory(email="trainer@example.com", display_name="Tara Trainer")


@pytest.fixture
def their_client(db, trainer):
    client = ClientFactory(email="client@example.com", display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=client)
    return client


@pytest.fixture
def other_trainer(db):
    return TrainerFactory(email="other-trainer@example.com", display_name="Otto Other")


@pytest.fixture
def other_client(db, other_trainer):
    client = ClientFactory(email="other-client@example.com", display_name="Olga Other")
    CoachingLinkFactory(trainer=other_trainer, client=client)
    return client


@pytest.fixture
def staff_user(db):
    return StaffFactory(email="staff@example.com")


@pytest.fixture
def login(client):
    """`login(user)` logs the Django test client in as `user` and returns it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api():
    """`api(user)` returns a DRF APIClient authenticated as `user` (or anonymous for None)."""

    def _api(user=None):
        api_client = APIClient()
        if user is not None:
            api_client.force_authenticate(user)
        return api_client

    return _api


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
