"""Live delivery of domain events: every event is pushed, after its commit, to the open pages and API sockets of
the people its `live_to()` names, as `{"type": event.name, "data": ...}`.

The event classes (`<app>/events.py`) are the one catalogue of live events, and each says who it concerns;
this module knows none of them. Registered in NotificationsConfig.ready().
"""

from __future__ import annotations

from fitnesspr.events import Event, subscribe_all
from notifications.services import push_to_user


def deliver_live(event: Event) -> None:
    for user_id, data in event.live_to():
        push_to_user(user_id, event.name, data)


subscribe_all(deliver_live)
