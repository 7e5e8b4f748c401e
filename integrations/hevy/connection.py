"""Services of the Hevy connection: connect a key (checked with Hevy first), disconnect, mark it invalid, and
queue a sync.

The key is stored encrypted (FIELD_ENCRYPTION_KEY) and never shown or returned again: only its last four
characters are.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from fitnesspr.errors import ApplicationError, ConflictError
from fitnesspr.events import publish
from integrations.events import HevyConnectionInvalid
from integrations.hevy.errors import HevyAuthError, HevyError
from integrations.hevy.sync import INTERRUPTED_ERROR
from integrations.models import ConnectionStatus, HevyConnection, HevySyncRun, SyncStatus, SyncTrigger

KEY_MAX_LENGTH = 200
STALE_AFTER = timedelta(minutes=30)  # above the sync task's time limit


KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]+")

# Checking a key happens while the person waits on the page: short timeouts and one retry (a sync retries four
# times), so an unreachable Hevy is reported in seconds, not after the client's 15 s of backoff.
CHECK_CONNECT_TIMEOUT = 3.0
CHECK_READ_TIMEOUT = 10.0
UNREACHABLE_MESSAGE = (
    "Hevy could not be reached to check your key, so nothing was saved. "
    "Hevy may be down or this server offline: try again in a few minutes."
)


def client_for(connection_or_key: HevyConnection | str, **kwargs: Any) -> Any:
    """A Hevy client for a connection (or a key) at settings.HEVY_API_BASE_URL."""
    from integrations.hevy.client import HevyClient

    key = connection_or_key.api_key if isinstance(connection_or_key, HevyConnection) else connection_or_key
    return HevyClient(key, base_url=settings.HEVY_API_BASE_URL, **kwargs)


def check_client_for(key: str) -> Any:
    """The client that checks a key while the person waits: short timeouts, one retry."""
    import httpx

    client = client_for(key, max_retries=1, timeout=CHECK_READ_TIMEOUT)
    client._http.timeout = httpx.Timeout(CHECK_READ_TIMEOUT, connect=CHECK_CONNECT_TIMEOUT)
    return client


def _clean_key(api_key: str) -> str:
    key = "".join(str(api_key or "").split())
    if not key:
        raise ApplicationError("Paste your Hevy API key.", fields={"api_key": ["Paste your Hevy API key."]})
    # Hevy keys are UUIDs; anything outside letters, digits, '-' and '_' cannot be one (and cannot go in a header).
    if len(key) > KEY_MAX_LENGTH or len(key) < 8 or not KEY_PATTERN.fullmatch(key):
        message = "This does not look like a Hevy API key: copy it again from hevy.com, Settings, Developer."
        raise ApplicationError(message, fields={"api_key": [message]})
    return key


def hevy_connect(*, user: User, api_key: str, client: Any = None) -> HevyConnection:
    """Check the key with Hevy (user info), then store it, encrypted. Nothing is saved when Hevy refuses it or
    cannot be reached. Connecting another Hevy account starts its events feed from the beginning. Hevy is asked
    before the transaction opens (no database transaction waits on the network)."""
    key = _clean_key(api_key)
    own_client = client is None
    client = client or check_client_for(key)
    try:
        info = client.user_info() or {}
    except HevyAuthError:
        message = "Hevy rejected this key. Check that you copied the whole key (Hevy Pro is needed for one)."
        raise ApplicationError(message, code="hevy_key_rejected", fields={"api_key": [message]}) from None
    except HevyError as error:
        if error.status is None:  # no answer at all: refused, timed out, no route
            raise ApplicationError(UNREACHABLE_MESSAGE, code="hevy_unavailable") from None
        raise ApplicationError(
            f"Hevy could not check the key ({error.message}). Nothing was saved: try again later.",
            code="hevy_unavailable",
        ) from None
    finally:
        if own_client:
            client.close()
    return _connection_save(user=user, key=key, info=info)


CONNECT_CONFLICT = (
    "Hevy was being connected by another request at the same moment, which won. "
    "Reload the page to see the connection; connect again to replace its key."
)


@transaction.atomic
def _connection_save(*, user: User, key: str, info: dict) -> HevyConnection:
    hevy_user_id = str(info.get("id") or "")[:64]
    connection = HevyConnection.objects.select_for_update().filter(user=user).first()
    if connection is None:
        connection = HevyConnection(user=user)
    elif connection.hevy_user_id and connection.hevy_user_id != hevy_user_id:
        connection.events_cursor = None
        connection.last_synced_at = None
    connection.api_key = key
    connection.key_last4 = key[-4:]
    connection.status = ConnectionStatus.VALID
    connection.status_message = ""
    connection.hevy_user_id = hevy_user_id
    connection.hevy_user_name = str(info.get("name") or "")[:200]
    # One connection per user: the unique index decides, also between two requests that both found none (a
    # lock cannot be taken on a row that does not exist yet); the one that loses answers 409, never a 500.
    connection.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            connection.save()
    except IntegrityError:
        raise ConflictError(CONNECT_CONFLICT, code="hevy_connect_conflict") from None
    return connection


@transaction.atomic
def hevy_disconnect(*, user: User) -> None:
    """Delete the user's key (and their sync history). The workouts already synced stay."""
    HevyConnection.objects.filter(user=user).delete()


@transaction.atomic
def hevy_settings_update(*, connection: HevyConnection, push_workouts: bool) -> HevyConnection:
    if connection.push_workouts != push_workouts:
        connection.push_workouts = push_workouts
        connection.save(update_fields=["push_workouts", "updated_at"])
    return connection


@transaction.atomic
def connection_mark_invalid(*, connection: HevyConnection, message: str) -> HevyConnection:
    """A key Hevy now refuses (401): scheduled syncs skip the connection until a new key is pasted, and the user
    is told (a `hevy.connection_invalid` event, shown as a notice on their open pages)."""
    connection.status = ConnectionStatus.INVALID
    connection.status_message = message[:300]
    connection.save(update_fields=["status", "status_message", "updated_at"])
    publish(
        HevyConnectionInvalid(
            user_id=connection.user_id,
            message="Hevy rejected your API key: syncing is paused. Paste a new key in Settings, Hevy.",
        )
    )
    return connection


@transaction.atomic
def sync_queue(*, connection: HevyConnection, trigger: str = SyncTrigger.MANUAL, full: bool = False) -> HevySyncRun:
    """Record a queued sync and start the task once committed. One sync at a time per user: 409 otherwise."""
    from integrations.tasks import hevy_sync

    if connection.status != ConnectionStatus.VALID:
        raise ConflictError(
            "Hevy rejected the stored key: paste a new key before syncing.", code="hevy_connection_invalid"
        )
    run = sync_run_create(connection=connection, trigger=trigger, full=full)
    if run is None:
        raise ConflictError("A sync is already running: wait for it to finish.", code="sync_running")
    transaction.on_commit(
        lambda: hevy_sync.delay(str(connection.pk), trigger, full, run_id=str(run.pk)),
    )
    return run


def close_stale_runs(*, connection: HevyConnection) -> int:
    """Fail the open runs left by a worker that died (older than the task's time limit), so they no longer
    block new syncs."""
    return HevySyncRun.objects.filter(
        connection=connection,
        status__in=[SyncStatus.QUEUED, SyncStatus.RUNNING],
        updated_at__lt=timezone.now() - STALE_AFTER,
    ).update(
        status=SyncStatus.FAILED,
        finished_at=timezone.now(),
        error=INTERRUPTED_ERROR,
    )


def sync_run_create(*, connection: HevyConnection, trigger: str, full: bool = False) -> HevySyncRun | None:
    """A queued run, or None when one is already queued or running for the connection."""
    close_stale_runs(connection=connection)
    try:
        with transaction.atomic():
            return HevySyncRun.objects.create(connection=connection, trigger=trigger, full=full)
    except IntegrityError:
        return None
