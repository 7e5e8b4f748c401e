"""Small helpers shared by the accounts views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def role_required(role: str) -> Callable[[View], View]:
    """Log-in required, and the page exists only for users of `role` (404 for the other role, like any stranger)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role != role:
                raise Http404("Not found.")
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


trainer_required = role_required("trainer")
client_required = role_required("client")


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
