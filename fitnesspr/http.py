"""Helpers of the HTML views every app shares: who may open a page, htmx requests, service errors on forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from fitnesspr.errors import ApplicationError, NotFoundError

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Log-in required, and the page exists only for users of `roles` (404 for any other role, like any
    stranger)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in roles:
                raise NotFoundError("Not found.")
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


trainer_required = role_required("trainer")
client_required = role_required("client")
# The training pages (Today, workouts, history, exercises, plans, Hevy): a trainer's or a client's. Staff have
# none of their own (they see everything in the admin), so these answer them 404.
member_required = role_required("trainer", "client")


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def add_application_error(
    form: forms.BaseForm, error: ApplicationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ApplicationError on the form: per-field messages next to their fields, the rest on top."""
    field_map = field_map or {}
    if not error.fields:
        form.add_error(None, error.message)
        return
    for name, messages in error.fields.items():
        field = field_map.get(name, name)
        if field not in form.fields or form.fields[field].disabled:
            field = None
        for message in messages:
            form.add_error(field, message)
