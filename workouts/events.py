"""What happens in training that other apps react to (see fitnesspr/events.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fitnesspr.events import Event
from workouts.selectors.access import current_trainer_ids


def _trainers_of(client_id: UUID) -> list[UUID]:
    return list(current_trainer_ids(client_id).values_list("trainer_id", flat=True))


@dataclass(frozen=True)
class PlanActivated(Event):
    """A plan became its client's active plan (activated, or assigned active). Live to the client when someone
    else (their trainer) did it."""

    name = "plan.activated"
    plan_id: UUID
    plan_name: str
    client_id: UUID
    actor_id: UUID

    def payload(self) -> dict[str, Any]:
        return {"plan_id": str(self.plan_id), "name": self.plan_name}

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        return [] if self.actor_id == self.client_id else [(self.client_id, self.payload())]


@dataclass(frozen=True)
class PlanAssigned(Event):
    """A trainer gave a client a copy of a plan or template (`active` when it was activated at once)."""

    name = "plan.assigned"
    plan_id: UUID
    plan_name: str
    client_id: UUID
    actor_id: UUID
    active: bool


@dataclass(frozen=True)
class WorkoutFinished(Event):
    """A workout was finished: logged to the end in FitnessPr, created finished (API), or imported (Hevy)."""

    name = "workout.finished"
    workout_id: UUID
    user_id: UUID
    source: str
    workout_name: str


@dataclass(frozen=True)
class NewRecord:
    exercise_id: UUID
    kind: str
    value: str
    weight_kg: str | None
    workout_set_id: UUID | None


@dataclass(frozen=True)
class RecordsSet(Event):
    """A workout set one or more personal records. Live to the lifter, and to their trainer with a `message`."""

    name = "records.new"
    workout_id: UUID
    user_id: UUID
    user_name: str
    records: tuple[NewRecord, ...]

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        del data["user_name"]
        return data

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        data = self.payload()
        for_trainer = {**data, "message": f"{self.user_name} set a new record."}
        return [(self.user_id, data)] + [(trainer_id, for_trainer) for trainer_id in _trainers_of(self.user_id)]


@dataclass(frozen=True)
class WorkoutCommented(Event):
    """Someone commented on a workout. Live to the other side: the lifter, or their current trainer(s)."""

    name = "workout.comment"
    comment_id: UUID
    workout_id: UUID
    workout_name: str
    workout_owner_id: UUID
    author_id: UUID
    author_name: str

    def payload(self) -> dict[str, Any]:
        return {
            "workout_id": str(self.workout_id),
            "comment_id": str(self.comment_id),
            "author": self.author_name,
            "message": f"{self.author_name} commented on {self.workout_name}.",
        }

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        if self.author_id != self.workout_owner_id:
            return [(self.workout_owner_id, self.payload())]
        return [(trainer_id, self.payload()) for trainer_id in _trainers_of(self.workout_owner_id)]
