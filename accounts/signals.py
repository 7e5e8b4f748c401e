"""Signal receivers that turn Django's own auth happenings into accounts events (fitnesspr/events.py).

Connected in AccountsConfig.ready(). They only publish: whoever listens (the notifications app closes the
matching WebSockets) reacts after the commit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.events import PasswordChanged, SessionEnded, UserDeactivated, session_key_hash
from accounts.models import User
from fitnesspr.events import publish


@receiver(user_logged_out, dispatch_uid="accounts.session_ended")
def session_ended(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    """Every logout (the site's and the admin's) goes through `django.contrib.auth.logout`, which sends this
    before it flushes the session: the key is still the one the browser's sockets were opened with."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if user is not None and session_key:
        publish(SessionEnded(user_id=user.pk, session_key_hash=session_key_hash(session_key)))


@receiver(post_save, sender=User, dispatch_uid="accounts.user_deactivated")
def user_deactivated(
    sender: Any, instance: User, created: bool, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """Any save that leaves a user inactive (the admin's change form, a service, the shell). Saving an already
    inactive user publishes again, which closes nothing more: cheaper than reading the previous value."""
    if created or raw or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    publish(UserDeactivated(user_id=instance.pk))


@receiver(post_save, sender=User, dispatch_uid="accounts.password_changed")
def password_changed(sender: Any, instance: User, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """`set_password()` keeps the new raw password on `_password` until `save()` has run its post-save work (this
    signal included): a password change or reset, whatever page, form or service made it."""
    if created or raw or getattr(instance, "_password", None) is None:
        return
    publish(PasswordChanged(user_id=instance.pk))
