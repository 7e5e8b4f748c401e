"""A stranger gets 404, on every object URL and for every `?client=` (the route walk).

The routes come from the URL resolver, not from a list: every HTML and API route that takes an id must have a
factory registered in its app's `tests/routes.py` (or an exemption in fitnesspr/tests/routes.py). For each one
and each method its view allows, another trainer and another client get 404 and change nothing, anonymous gets
401 (API) or the login page, and the person the route is for does not get 404.

A `client` query parameter naming someone who is not yours answers 404 too: on every API operation that takes
one (found in the OpenAPI schema) and on the pages registered with `takes_client_parameter`.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from fitnesspr.api.schema import CLIENT_NOT_YOURS
from fitnesspr.tests import routes
from fitnesspr.tests.api import assert_error
from fitnesspr.tests.routes import TRAINER, People, Registration, Route

pytestmark = pytest.mark.django_db

ROUTES = routes.object_routes()
REGISTRY = routes.registrations()
CLIENT_PAGES = routes.client_parameter_pages()
METHOD_ORDER = ("GET", "PUT", "PATCH", "POST", "DELETE")  # reads first, deletes last: the owner goes through all
OUR_MODELS = [model for config in routes.project_apps() for model in config.get_models()]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PRIVATE_MEDIA_SERVER = ""


@pytest.fixture
def people(trainer, their_client) -> People:
    return People(trainer=trainer, client=their_client)


# --- Helpers ---------------------------------------------------------------------------------------


def _kwargs(made: Any, arguments: tuple[str, ...], label: str) -> dict[str, Any]:
    """A factory returns the URL kwargs, or the bare id of a one-argument route."""
    kwargs = made if isinstance(made, dict) else ({arguments[0]: made} if len(arguments) == 1 else {})
    if set(kwargs) != set(arguments):
        pytest.fail(f"{label}: its factory gives {sorted(kwargs)}, the route takes {sorted(arguments)}")
    return kwargs


def _registration(name: str | None, label: str) -> Registration:
    registration = REGISTRY.get(name or "")
    if registration is None:
        pytest.fail(
            f"{label} takes an id but has no factory: register one in its app's tests/routes.py with "
            "fitnesspr.tests.routes.owned_by (or add it to routes.EXEMPT, saying why)."
        )
    return registration


def _url(route: Route, people: People) -> tuple[str, Registration]:
    registration = _registration(route.name, route.label)
    return reverse(route.name, kwargs=_kwargs(registration.factory(people), route.arguments, route.label)), registration


def _client_for(user: Any, *, api: bool) -> Client | APIClient:
    if api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(client: Client | APIClient, method: str, url: str, *, api: bool) -> Any:
    """An empty body: a stranger must get 404 before any validation."""
    send = getattr(client, method.lower())
    options = {"format": "json"} if api else {}
    response = send(url) if method in ("GET", "DELETE") else send(url, {}, **options)
    if response.streaming:  # read it to the end, so the test client closes the file (and not the database)
        b"".join(response.streaming_content)
    return response


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of the project's own models (a few dozen in these tests)."""
    return {model._meta.label: list(model._base_manager.order_by("pk").values_list()) for model in OUR_MODELS}


def _changed(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def _stranger_problem(response: Any, *, api: bool) -> str | None:
    if response.status_code != 404:
        return f"{response.status_code}, not 404"
    if api:
        try:
            assert_error(response, 404, "not_found")
        except AssertionError as error:
            return f"404 but not in the API error shape: {error}"
    return None


def _anonymous_problem(response: Any, *, api: bool) -> str | None:
    if api:
        return None if response.status_code == 401 else f"{response.status_code}, not 401"
    login_url = resolve_url(settings.LOGIN_URL)
    if response.status_code == 302 and response.url.startswith(login_url):
        return None
    return f"{response.status_code} {getattr(response, 'url', '')}, not a redirect to {login_url}"


# --- Every object URL ------------------------------------------------------------------------------


def test_the_registry_names_routes_that_exist():
    """A registration or exemption for a route that was renamed or removed fails here (no silent leftovers)."""
    all_routes = routes.all_routes()
    names = {route.name for route in all_routes}
    namespaces = {route.namespace for route in all_routes}
    object_route_names = {route.name for route in ROUTES}
    problems = [
        f"registered, but no route with an id is named {name}" for name in REGISTRY if name not in object_route_names
    ]
    problems += [
        f"exempt, but no route or namespace is named {key}" for key in routes.EXEMPT if key not in names | namespaces
    ]
    problems += [f"registered and exempt: {name}" for name in REGISTRY if name in routes.EXEMPT]
    problems += [f"a `?client=` page that does not exist: {name}" for name in CLIENT_PAGES if name not in names]
    assert not problems, "\n".join(problems)


def test_the_walk_finds_the_known_kinds_of_routes():
    """The walk sees pages (<uuid:>), API objects (<object_id:>), tokens (<str:>) and the admin (<path:>)."""
    names = {route.name for route in ROUTES}
    assert {"workouts:plan_detail", "api:plan-detail", "accounts:invitation_accept", "admin:auth_group_change"} <= names


@pytest.mark.parametrize("route", [route for route in ROUTES if route.exemption() is None], ids=lambda r: r.label)
def test_a_stranger_gets_404(route, people, other_trainer, other_client):
    url, registration = _url(route, people)
    methods = routes.allowed_methods(route.callback)
    if not methods:
        pytest.fail(f"{route.label}: cannot tell which methods its view allows (use require_http_methods)")
    methods = sorted(methods, key=METHOD_ORDER.index)
    owner = people.trainer if registration.owner == TRAINER else people.client
    api = route.is_api
    callers = {
        "another trainer": _client_for(other_trainer, api=api),
        "another client": _client_for(other_client, api=api),
        "anonymous": _client_for(None, api=api),
    }
    owner_client = _client_for(owner, api=api)  # logged in before the snapshot: a login writes `last_login`
    problems = []
    before = _snapshot()
    for method in methods:
        for who, client in callers.items():
            response = _send(client, method, url, api=api)
            check = _anonymous_problem if who == "anonymous" else _stranger_problem
            if problem := check(response, api=api):
                problems.append(f"{method} by {who}: {problem}")
            after = _snapshot()
            if changed := _changed(before, after):
                problems.append(f"{method} by {who} changed {', '.join(changed)}")
                before = after
    for method in methods:
        if _send(owner_client, method, url, api=api).status_code == 404:
            problems.append(f"{method} by the owner ({registration.owner}): 404")
    assert not problems, f"{route.label} ({url}):\n" + "\n".join(problems)


# --- `?client=` ------------------------------------------------------------------------------------


def _client_operations() -> list[Any]:
    """Every API operation with a `client` query parameter (or one documented like it), from the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                named = parameter["name"] == "client" or CLIENT_NOT_YOURS in parameter.get("description", "")
                if parameter["in"] == "query" and named:
                    name = f"{method.upper()} {path} ?{parameter['name']}"
                    found.append(pytest.param(method.upper(), path, parameter, operation["responses"], id=name))
    return found


CLIENT_OPERATIONS = _client_operations()


def _api_url(path: str, people: People) -> str:
    """The schema path with its ids filled in by the route's registered factory."""
    match = resolve(re.sub(r"\{[^}]+\}", str(uuid.UUID(int=0)), path))
    if not match.kwargs:
        return path
    registration = _registration(match.view_name, match.view_name)
    return reverse(match.view_name, kwargs=_kwargs(registration.factory(people), tuple(match.kwargs), path))


def _not_yours(people: People, other_trainer: Any, other_client: Any) -> list[tuple[Any, object]]:
    """(viewer, `client` value) pairs that must answer 404."""
    return [
        (people.trainer, other_client.pk),  # another trainer's client
        (other_trainer, people.client.pk),
        (other_client, people.client.pk),
        (people.client, people.trainer.pk),  # a client naming their trainer: not "theirs"
        (people.trainer, uuid.uuid4()),  # nobody
        (people.trainer, "not-an-id"),
    ]


def test_the_schema_has_client_parameters():
    assert {(param.values[0], param.values[1]) for param in CLIENT_OPERATIONS} >= {
        ("GET", "/api/v1/plans/"),
        ("GET", "/api/v1/workouts/"),
        ("GET", "/api/v1/history/weeks/"),
        ("GET", "/api/v1/records/"),
        ("GET", "/api/v1/plans/today/"),
    }


@pytest.mark.parametrize(("method", "path", "parameter", "responses"), CLIENT_OPERATIONS)
def test_an_api_client_parameter_naming_someone_not_yours_answers_404(
    method, path, parameter, responses, api, people, other_trainer, other_client
):
    assert method == "GET", "a `client` query parameter filters reads; a write names its client in the body"
    assert CLIENT_NOT_YOURS in parameter["description"], "document it: fitnesspr.api.schema.client_parameter"
    assert "404" in responses
    url, name = _api_url(path, people), parameter["name"]
    assert api(people.trainer).get(url, {name: str(people.client.pk)}).status_code == 200
    assert api(people.client).get(url, {name: str(people.client.pk)}).status_code == 200
    for viewer, value in _not_yours(people, other_trainer, other_client):
        assert_error(api(viewer).get(url, {name: str(value)}), 404, "not_found")


@pytest.mark.parametrize("url_name", sorted(CLIENT_PAGES))
def test_a_page_given_a_client_who_is_not_yours_answers_404(url_name, people, other_trainer, other_client):
    route = next(route for route in routes.all_routes() if route.name == url_name)
    url = _url(route, people)[0] if route.arguments else reverse(url_name)
    trainer = _client_for(people.trainer, api=False)
    assert trainer.get(url, {"client": str(people.client.pk)}).status_code == 200
    for viewer, value in _not_yours(people, other_trainer, other_client):
        response = _client_for(viewer, api=False).get(url, {"client": str(value)})
        assert response.status_code == 404, (viewer, value, response.status_code)
