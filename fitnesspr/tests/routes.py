"""The registry behind the route walk (test_route_access.py): "a stranger gets 404" for every object URL.

The walk reads the routes from the URL resolver, so a new route is covered by construction: every HTML and API
route that captures an argument (`<uuid:...>`, `<object_id:...>`, `<str:...>`, a regex group) must either have
a factory registered here or an exemption below. Each app registers its own routes in `<app>/tests/routes.py`:

    @owned_by(TRAINER, "workouts:plan_detail", "api:plan-detail")
    def plan(people: People) -> UUID:
        return PlanFactory(client=people.client, author=people.trainer).pk

A factory makes an object owned by `people.client` (the `their_client` fixture, coached by `people.trainer`)
and returns the URL kwargs: a dict, or the bare id for routes that take one argument. `owner` says who the
route is for (who must not get 404). Pages that take `?client=` register with `takes_client_parameter`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.module_loading import module_has_submodule

from accounts.models import User

TRAINER = "trainer"
CLIENT = "client"
IGNORED_METHODS = {"OPTIONS", "HEAD"}

# Routes that take an id but are not owner-scoped, and why. Keep it short: every line is a hole in the walk.
# A key is a URL name, or a namespace for all its routes.
EXEMPT = {
    "admin": "The Django admin: staff only, behind its own login and model permissions.",
    "accounts:password_reset_confirm": "The uid and token of an emailed reset link are the credential (Django's).",
    "accounts:invitation_accept": "The invitation token is the credential, for someone not linked to the trainer yet.",
}


@dataclass(frozen=True)
class People:
    trainer: User
    client: User  # `their_client`, coached by `trainer`


Factory = Callable[[People], Any]


@dataclass(frozen=True)
class Registration:
    url_name: str
    owner: str
    factory: Factory


_registry: dict[str, Registration] = {}
_client_pages: set[str] = set()


def owned_by(owner: str, *url_names: str) -> Callable[[Factory], Factory]:
    """Register `factory` for these URL names; `owner` (TRAINER or CLIENT) is who the routes are for."""
    if owner not in (TRAINER, CLIENT):
        raise ValueError(f"owner is {TRAINER!r} or {CLIENT!r}, not {owner!r}")

    def decorator(factory: Factory) -> Factory:
        for name in url_names:
            if name in _registry:
                raise ValueError(f"{name} is registered twice ({_registry[name].factory.__name__}, {factory.__name__})")
            _registry[name] = Registration(name, owner, factory)
        return factory

    return decorator


def takes_client_parameter(*url_names: str) -> None:
    """Pages that read `?client=` (the API's are found in the schema); their URL kwargs come from `owned_by`."""
    _client_pages.update(url_names)


def project_apps() -> list[AppConfig]:
    """The apps of this project (top-level folders of BASE_DIR), not Django's or third parties'."""
    return [config for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)]


def _load_app_registrations() -> None:
    for app_config in project_apps():
        if not module_has_submodule(app_config.module, "tests"):
            continue
        tests = importlib.import_module(f"{app_config.name}.tests")
        if module_has_submodule(tests, "routes"):
            importlib.import_module(f"{app_config.name}.tests.routes")


def registrations() -> dict[str, Registration]:
    _load_app_registrations()
    return dict(_registry)


def client_parameter_pages() -> set[str]:
    _load_app_registrations()
    return set(_client_pages)


# --- The routes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str | None  # namespaced, e.g. "api:plan-detail"; None for an unnamed route
    namespace: str
    pattern: str
    arguments: tuple[str, ...]
    callback: Callable[..., Any]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def label(self) -> str:
        return self.name or f"<unnamed> {self.pattern}"

    def exemption(self) -> str | None:
        return EXEMPT.get(self.name or "") or EXEMPT.get(self.namespace)


def _arguments(pattern: Any) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    regex = pattern.regex
    return tuple(regex.groupindex) or tuple(f"<group {index}>" for index in range(regex.groups))


def _walk(resolver: URLResolver, prefix: str, namespace: str, arguments: tuple[str, ...]) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        captured = (*arguments, *_arguments(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner or "", captured)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(name, namespace, prefix + str(entry.pattern), captured, entry.callback)


def all_routes() -> list[Route]:
    """Every route of the site, read from the URL resolver (recursing into included URLconfs)."""
    return list(_walk(get_resolver(), "", "", ()))


def object_routes() -> list[Route]:
    """Every route that takes an argument from its URL (an object id, a token)."""
    return [route for route in all_routes() if route.arguments]


def allowed_methods(callback: Callable[..., Any]) -> list[str] | None:
    """The HTTP methods a view answers (OPTIONS and HEAD left out), read from the view; None if it does not say.

    DRF viewsets: the router's action map; DRF and Django class-based views: the handlers they define, within
    `http_method_names`; function views: the list given to `require_http_methods` (require_GET, require_POST).
    """
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:
        handlers = getattr(callback, "actions", None) or [
            name for name in view_class.http_method_names if hasattr(view_class, name)
        ]
        methods = [name.upper() for name in handlers if name in view_class.http_method_names]
        return [method for method in methods if method not in IGNORED_METHODS]
    function: Any = callback
    while function is not None:
        if inspect.isfunction(function):
            allowed = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if allowed is not None:
                return [method.upper() for method in allowed if method.upper() not in IGNORED_METHODS]
        function = getattr(function, "__wrapped__", None)
    return None
