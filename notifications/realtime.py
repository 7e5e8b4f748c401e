"""Live delivery of domain events: every event is pushed, after its commit, to the open pages and API sockets of
the people its `live_to()` names, as `{"type": event.name, "data": ...}`.

The event classes (`<app>/events.py`) are the one catalogue of live events, and each says who it concerns;
this module knows none of them, except the three of accounts that end sockets: a browser session logged out, an
API login logged out, a user deactivated. Their sockets are closed with 4401 (see notifications/consumers.py).
Registered in NotificationsConfig.ready().
"""

from __future__ import annotations

from accounts.events import ApiLoginEnded, PasswordChanged, SessionEnded, UserDeactivated
from fitnesspr.events import Event, subscribe, subscribe_all
from notifications.services import (
    CLOSE_UNAUTHENTICATED,
    api_login_group_name,
    close_sockets,
    push_to_user,
    session_group_name,
    user_group_name,
)


def deliver_live(event: Event) -> None:
    for user_id, data in event.live_to():
        push_to_user(user_id, event.name, data)


def end_session_sockets(event: SessionEnded) -> None:
    close_sockets(session_group_name(event.session_key_hash), CLOSE_UNAUTHENTICATED)


def end_api_login_sockets(event: ApiLoginEnded) -> None:
    close_sockets(api_login_group_name(event.sid), CLOSE_UNAUTHENTICATED)


def end_user_sockets(event: UserDeactivated | PasswordChanged) -> None:
    close_sockets(user_group_name(event.user_id), CLOSE_UNAUTHENTICATED)


subscribe_all(deliver_live)
subscribe(SessionEnded, end_session_sockets)
subscribe(ApiLoginEnded, end_api_login_sockets)
subscribe(UserDeactivated, end_user_sockets)
subscribe(PasswordChanged, end_user_sockets)
