"""What happens in accounts and coaching that other apps react to (see fitnesspr/events.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fitnesspr.events import Event


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
