"""Domain events: how an app tells the others that something happened, once it is committed.

An event is a frozen dataclass defined by the app it belongs to (`<app>/events.py`), with a unique `name`:
the `type` API clients see on the WebSocket when the event is delivered live. A service publishes it
inside its transaction; `publish` delivers it after the commit (never for a rolled-back change) to every
subscriber, each called on its own: a failing subscriber is logged and stops neither the others nor the
request. Subscribers are registered in their app's `AppConfig.ready()`. A domain publishes and never
imports who listens; see docs/architecture.md for the catalogue.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar
from uuid import UUID

from django.db import transaction

logger = logging.getLogger(__name__)

_catalogue: dict[str, type[Event]] = {}
_subscribers: dict[type[Event], list[Callable[[Any], None]]] = defaultdict(list)


@dataclass(frozen=True)
class Event:
    name: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        known = _catalogue.get(cls.name)
        if not cls.name or (known is not None and known.__qualname__ != cls.__qualname__):
            raise TypeError(f"{cls.__qualname__} needs a unique `name`, got {cls.name!r}")
        _catalogue[cls.name] = cls

    def payload(self) -> dict[str, Any]:
        """The event as JSON-ready data (what a live subscriber sends): its fields, ids as strings."""
        return {field.name: _jsonable(getattr(self, field.name)) for field in fields(self)}

    def live_to(self) -> list[tuple[Any, dict[str, Any]]]:
        """Who sees this event live, and what: `[(user_id, data), ...]`; nobody by default. The app that defines
        the event knows who it concerns; the notifications app delivers it (`{"type": name, "data": data}`)."""
        return []


def subscribe(event_type: type[Event], handler: Callable[[Any], None]) -> None:
    if handler not in _subscribers[event_type]:
        _subscribers[event_type].append(handler)


def subscribe_all(handler: Callable[[Any], None]) -> None:
    """`handler` gets every event (live delivery does: it reads `event.live_to()`)."""
    subscribe(Event, handler)


def subscriber(*event_types: type[Event]) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """`@subscriber(WorkoutFinished)` on a function of a module imported by its app's `ready()`."""

    def register(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        for event_type in event_types:
            subscribe(event_type, handler)
        return handler

    return register


def publish(event: Event) -> None:
    """Deliver `event` to its subscribers once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: deliver(event))


def deliver(event: Event) -> None:
    for handler in [*_subscribers.get(type(event), ()), *_subscribers.get(Event, ())]:
        try:
            handler(event)
        except Exception:
            logger.exception("subscriber %s of %s failed", handler.__qualname__, event.name)


def catalogue() -> list[type[Event]]:
    return [_catalogue[name] for name in sorted(_catalogue)]


def _jsonable(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {field.name: _jsonable(getattr(value, field.name)) for field in fields(value)}
    return value
