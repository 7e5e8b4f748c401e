"""What happens in the integrations that other apps react to (see fitnesspr/events.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fitnesspr.events import Event


@dataclass(frozen=True)
class HevySyncProgress(Event):
    """A Hevy sync started, read a page or ended. Live to the connection's user (the settings page shows it)."""

    name = "hevy.sync_progress"
    user_id: UUID
    run_id: UUID
    status: str
    pages: int
    created: int
    updated: int
    deleted: int
    error: str
    finished: bool

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        del data["user_id"]
        return data

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        return [(self.user_id, self.payload())]


@dataclass(frozen=True)
class HevyConnectionInvalid(Event):
    """Hevy refused a stored key: scheduled syncs are paused until a new key is pasted. Live to its user."""

    name = "hevy.connection_invalid"
    user_id: UUID
    message: str

    def payload(self) -> dict[str, Any]:
        return {"message": self.message}

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        return [(self.user_id, self.payload())]
