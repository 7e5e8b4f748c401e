"""What pushing plans and workouts to Hevy share: the errors people read, the connection to push through, and
reading the id out of Hevy's answer."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.models import User
from fitnesspr.errors import ApplicationError, ConflictError
from integrations.hevy.connection import connection_mark_invalid
from integrations.hevy.errors import HevyAuthError, HevyError, HevyLimitError, HevyValidationError
from integrations.models import ConnectionStatus, HevyConnection
from integrations.selectors import hevy_connection_for_user

# --- Errors shown to people -----------------------------------------------------------------------


class HevyPushError(ApplicationError):
    """Hevy could not be reached or refused the request (not the user's input): 502 in the API."""

    status_code = 502
    default_code = "hevy_unavailable"


class HevyLimitReached(ApplicationError):
    """Hevy's routine or custom-exercise limit: the user must make room in Hevy first."""

    status_code = 409
    default_code = "hevy_limit"


def hevy_error(error: HevyError, *, connection: HevyConnection | None, what: str) -> ApplicationError:
    """A Hevy client error -> the application error a person reads (the page flash, the API error)."""
    detail = str(error).strip()
    if isinstance(error, HevyLimitError):
        return HevyLimitReached(
            f"Hevy refused to create {what}: the Hevy account has reached its limit of routines or custom "
            f"exercises{f' (Hevy says: {detail})' if detail else ''}. Delete some in the Hevy app, then push again."
        )
    if isinstance(error, HevyAuthError):
        if connection is not None:
            mark_invalid(connection)
        return ConflictError(
            "Hevy rejected the saved API key. Connect Hevy again with a new key, then push again.",
            code="hevy_key_invalid",
        )
    if isinstance(error, HevyValidationError):
        return HevyPushError(f"Hevy rejected {what}: {detail or 'invalid request'}.", code="hevy_rejected")
    return HevyPushError(f"Hevy could not be reached while sending {what}. Nothing is lost: try again later.")


def mark_invalid(connection: HevyConnection) -> None:
    connection_mark_invalid(
        connection=connection, message="Hevy rejected the API key (401). Paste a new key on the Hevy settings page."
    )


# --- Connections and clients ----------------------------------------------------------------------


def require_connection(account_user: User, *, by_owner: bool) -> HevyConnection:
    """The Hevy connection of the account to push to. Without one (or with a rejected key) the error says who must
    act: the person pushing, pointed to the Hevy settings page (`extra["settings_url"]`, which the page shows as a
    link), or, for their trainer, the client by name, who connects Hevy in their own settings."""
    connection = hevy_connection_for_user(user=account_user)
    name = account_user.display_name
    settings_url = {"settings_url": reverse("integrations:hevy_settings")} if by_owner else {}
    if connection is None:
        message = (
            "You have not connected Hevy yet: connect it on the Hevy settings page, then send the plan again."
            if by_owner
            else f"{name} has not connected Hevy yet: they must connect it in their own settings before their plans "
            "can be sent to Hevy."
        )
        raise ConflictError(message, code="hevy_not_connected", extra=settings_url)
    if connection.status != ConnectionStatus.VALID:
        message = (
            "Hevy rejected your saved key: connect Hevy again with a new key on the Hevy settings page."
            if by_owner
            else f"Hevy rejected {name}’s saved key: they must connect Hevy again in their own settings."  # noqa: RUF001
        )
        raise ConflictError(message, code="hevy_key_invalid", extra=settings_url)
    return connection


def answer_id(answer: dict[str, Any] | None) -> str | None:
    if isinstance(answer, dict) and answer.get("id"):
        return str(answer["id"])
    return None
