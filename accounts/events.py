"""What happens in accounts and coaching that other apps react to (see fitnesspr/events.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.utils.crypto import salted_hmac

from fitnesspr.events import Event

# The claim of the refresh token (copied into its access tokens, kept across rotation) that names one API login.
API_LOGIN_CLAIM = "sid"


def session_key_hash(session_key: str) -> str:
    """What names a browser session outside the session store (events, channel-layer groups): a keyed hash,
    so a raw session key, which logs a browser in, never leaves the session store."""
    return salted_hmac("accounts.session_key_hash", session_key, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class ClientJoined(Event):
    """A client accepted a trainer's invitation: a coaching link began. Live to the trainer."""

    name = "coaching.client_joined"
    link_id: UUID
    trainer_id: UUID
    client_id: UUID
    client_name: str

    def payload(self) -> dict[str, Any]:
        return {"link_id": str(self.link_id), "client_id": str(self.client_id), "client_name": self.client_name}

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        return [(self.trainer_id, self.payload())]


@dataclass(frozen=True)
class CoachingEnded(Event):
    """The trainer ended a coaching link or the client left. Live to the other person."""

    name = "coaching.link_ended"
    link_id: UUID
    trainer_id: UUID
    client_id: UUID
    ended_by_id: UUID
    ended_by_name: str

    def payload(self) -> dict[str, Any]:
        return {"link_id": str(self.link_id), "by": self.ended_by_name}

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        other = self.client_id if self.ended_by_id == self.trainer_id else self.trainer_id
        return [(other, self.payload())]


@dataclass(frozen=True)
class SessionEnded(Event):
    """A browser session was logged out: the sockets opened with it end; the user's other sessions stay."""

    name = "auth.session_ended"
    user_id: UUID
    session_key_hash: str


@dataclass(frozen=True)
class ApiLoginEnded(Event):
    """An API login was logged out (its refresh token blacklisted): the sockets opened with its tokens end."""

    name = "auth.api_login_ended"
    user_id: UUID
    sid: str


@dataclass(frozen=True)
class UserDeactivated(Event):
    """A user was deactivated (`is_active` turned off, by the admin or in code): every socket of theirs ends."""

    name = "auth.user_deactivated"
    user_id: UUID


@dataclass(frozen=True)
class PasswordChanged(Event):
    """A user's password was changed or reset: Django signs their other sessions out without a logout, so every
    socket of theirs ends (the page that changed it opens a new one on its next load)."""

    name = "auth.password_changed"
    user_id: UUID
