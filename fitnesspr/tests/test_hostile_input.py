"""What a probe from outside sends: hostile JSON, NUL bytes and lone surrogates, over-long strings,
nonsense pagination and unmatched API URLs. Each answers a 4xx in the one error shape, never a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"

HOSTILE_BODIES = {
    "100k-arrays": "[" * 100_000,
    "50k-objects": '{"a":' * 50_000,
    "deep-but-closed": "[" * 40 + "]" * 40,
    "nested-objects-past-the-cap": '{"a":' * 40 + "1" + "}" * 40,
    "NaN": '{"email": NaN}',
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_answers_400_without_logging_in(body):
    response = Client().post(TOKEN, body, content_type="application/json")

    assert_error(response, 400, "parse_error")


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_answers_400_to_a_logged_in_user(api, trainer, body):
    response = api(trainer).generic("PATCH", ME, body, content_type="application/json")

    assert_error(response, 400, "parse_error")


def test_nesting_up_to_the_cap_is_read(api, trainer, settings):
    settings.JSON_MAX_DEPTH = 3
    ok = api(trainer).generic(
        "PATCH", ME, json.dumps({"trainer_profile": {"bio": "x"}}), content_type="application/json"
    )
    too_deep = api(trainer).generic(
        "PATCH", ME, json.dumps({"trainer_profile": {"bio": [["x"]]}}), content_type="application/json"
    )

    assert ok.status_code == 200, ok.content
    error = assert_error(too_deep, 400, "parse_error")
    assert "nested too deeply" in error["message"]


@pytest.mark.parametrize(
    "raw",
    [json.dumps({"display_name": "Ann\u0000"}), '{"display_name": "Ann\\ud800"}', '{"Ann\\u0000": 1}'],
    ids=["nul-in-value", "lone-surrogate", "nul-in-key"],
)
def test_nul_and_lone_surrogates_in_json_answer_400_and_change_nothing(api, trainer, raw):
    response = api(trainer).generic("PATCH", ME, raw, content_type="application/json")

    assert_error(response, 400, "parse_error")
    trainer.refresh_from_db()
    assert trainer.display_name == "Tara Trainer"


@pytest.mark.parametrize("query", ["search=%00", "search=a%00b", "muscle=%00", "ordering=%00"])
def test_nul_in_a_query_string_answers_400(api, trainer, query):
    response = api(trainer).get(f"/api/v1/exercises/?{query}")

    assert_error(response, 400)


def test_nul_in_a_page_query_string_answers_400(trainer):
    client = Client()
    client.force_login(trainer)

    assert client.get("/exercises/?q=%00").status_code == 400
    assert client.get("/exercises/?q=squat").status_code == 200


def test_a_lone_surrogate_in_a_query_string_is_harmless(api, trainer):
    response = api(trainer).get("/api/v1/exercises/?search=%ED%A0%80")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_over_long_strings_are_refused_by_the_field_limits(api, trainer):
    response = api(trainer).patch(ME, {"display_name": "x" * 10_000})

    error = assert_error(response, 400, "invalid")
    assert "display_name" in error["fields"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1e5", "page"),
        ("page=%00", "query"),
        ("page=99999999999999999999999", "page"),
        ("page_size=0", "page_size"),
        ("page_size=-1", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=99999999999999999999999", "page_size"),
    ],
)
def test_nonsense_pagination_answers_400_naming_the_parameter(api, trainer, query, field):
    error = assert_error(api(trainer).get(f"/api/v1/exercises/?{query}"), 400, "invalid")

    assert list(error["fields"]) == [field]


def test_a_page_past_the_end_answers_404_and_valid_pages_work(api, trainer):
    assert api(trainer).get("/api/v1/exercises/?page=2&page_size=100").status_code == 200
    assert api(trainer).get("/api/v1/exercises/?page=last").status_code == 200
    assert_error(api(trainer).get("/api/v1/exercises/?page=9999"), 404, "not_found")


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/nothing", "/api/v1/exercises/1/2/3/"])
def test_unmatched_api_urls_answer_the_json_error_shape_in_debug_too(settings, trainer, debug, method, path):
    settings.DEBUG = debug
    client = Client()
    client.force_login(trainer)

    assert_error(getattr(client, method)(path), 404, "not_found")


def test_an_api_url_without_its_slash_says_so(settings, trainer):
    settings.DEBUG = True
    client = Client()
    client.force_login(trainer)

    error = assert_error(client.post("/api/v1/me", {}), 404, "not_found")
    assert error["message"].endswith("/api/v1/me/")


def _unbounded_strings(node: dict, path: str) -> list[str]:
    if "$ref" in node or node.get("readOnly"):
        return []
    found = []
    if node.get("type") == "string" and not {"maxLength", "enum", "format"} & set(node):
        found.append(path)
    for name, inner in node.get("properties", {}).items():
        found += _unbounded_strings(inner, f"{path}.{name}")
    if "items" in node:
        found += _unbounded_strings(node["items"], f"{path}[]")
    for key in ("allOf", "oneOf", "anyOf"):
        for inner in node.get(key, []):
            found += _unbounded_strings(inner, path)
    return found


def test_every_string_a_client_can_send_in_a_body_has_a_length_limit():
    """Checked on the schema, so a new endpoint is covered as soon as it exists: the limit is the serializer's,
    and an over-long value is a 400 before it reaches the database (PostgreSQL would refuse it with a 500)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    unbounded = [
        found
        for name, component in schema["components"]["schemas"].items()
        if name.endswith("Request")
        for found in _unbounded_strings(component, name)
    ]

    assert unbounded == []


def test_an_over_long_refresh_token_is_refused_by_its_length_limit(api):
    for path in ("/api/v1/auth/token/refresh/", "/api/v1/auth/logout/"):
        error = assert_error(api().post(path, {"refresh": "x" * 5000}), 400, "invalid")
        assert "refresh" in error["fields"]
