"""The conventions every API endpoint follows: one error shape, pagination, filters, ordering,
throttling, UUIDs in URLs, and a complete, valid OpenAPI schema served without a CDN."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.drainage import reset_generator_stats
from drf_spectacular.generators import SchemaGenerator
from rest_framework import exceptions
from rest_framework.mixins import ListModelMixin
from rest_framework.test import APIClient

from fitnesspr import views as site_views
from fitnesspr.api import errors
from fitnesspr.api.errors import PayloadTooLarge
from fitnesspr.api.parsers import JSONParser
from fitnesspr.errors import ApplicationError, ConflictError, RateLimitedError
from fitnesspr.tests.api import assert_error

ME = "/api/v1/me/"


# --- The one error shape -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/api/v1/clients/not-a-uuid/", "/api/v1/invitations/123/", "/api/v2/me/"]
)
def test_unknown_api_urls_answer_404_in_the_error_shape(api, trainer, path):
    assert_error(api(trainer).get(path), 404, "not_found")


@pytest.mark.django_db
def test_405_406_415_are_in_the_error_shape(api, trainer):
    assert_error(api(trainer).delete(ME), 405, "method_not_allowed")
    assert_error(api(trainer).get(ME, HTTP_ACCEPT="application/xml"), 406, "not_acceptable")
    response = api(trainer).generic("PATCH", ME, "<xml/>", content_type="application/xml")
    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.django_db
def test_malformed_json_answers_400_parse_error(api, trainer):
    response = api(trainer).generic("PATCH", ME, "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


@pytest.mark.django_db
def test_json_bodies_over_the_upload_limit_answer_413(api, trainer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api(trainer).patch(ME, {"display_name": "x" * 2000})

    assert_error(response, 413, "payload_too_large")
    assert api(trainer).patch(ME, {"display_name": "Short"}).status_code == 200


def test_json_parser_refuses_a_stream_over_the_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10

    with pytest.raises(PayloadTooLarge):
        JSONParser().parse(io.BytesIO(b'{"a": "0123456789"}'))
    assert JSONParser().parse(io.BytesIO(b'{"a": 1}')) == {"a": 1}


@pytest.mark.django_db
def test_too_many_form_fields_answer_400_not_500(api, trainer, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    fields = {f"f{i}": "x" for i in range(10)}

    response = api(trainer).put("/api/v1/me/avatar/", fields, format="multipart")

    assert_error(response, 400, "parse_error")


@pytest.mark.django_db
def test_session_requests_without_csrf_token_answer_403(trainer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(trainer)

    assert browser.get(ME).status_code == 200
    error = assert_error(browser.patch(ME, "{}", content_type="application/json"), 403, "permission_denied")
    assert "CSRF" in error["message"]


@pytest.mark.django_db
def test_user_and_anon_throttles_answer_429_with_retry_after(api, trainer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min", "auth": "100/min"},
    }
    trainer_api = api(trainer)
    for _ in range(3):
        assert trainer_api.get(ME).status_code == 200
    response = trainer_api.get(ME)
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0

    # Anonymous requests are counted on the endpoints they may use (authentication is checked first elsewhere).
    anonymous = APIClient()
    for _ in range(2):
        assert_error(anonymous.post("/api/v1/auth/token/refresh/", {"refresh": "x"}), 401)
    assert_error(anonymous.post("/api/v1/auth/token/refresh/", {"refresh": "x"}), 429, "throttled")


def test_handler_shapes_application_and_unexpected_errors():
    conflict = errors.exception_handler(ConflictError("Taken.", code="taken", fields={"email": ["x"]}), {})
    assert conflict.status_code == 409
    assert conflict.data == {"error": {"code": "taken", "message": "Taken.", "fields": {"email": ["x"]}}}

    locked = errors.exception_handler(RateLimitedError("Wait.", retry_after=30), {})
    assert locked.status_code == 429 and locked["Retry-After"] == "30"

    plain = errors.exception_handler(ApplicationError("Nope."), {})
    assert plain.status_code == 400 and plain.data["error"]["code"] == "invalid"

    nested = errors.exception_handler(exceptions.ValidationError({"sets": [{}, {"reps": ["Too many."]}]}), {})
    assert nested.data["error"]["fields"] == {"sets.1.reps": ["Too many."]}

    crash = errors.exception_handler(RuntimeError("boom"), {})
    assert crash.status_code == 500
    assert crash.data["error"]["code"] == "server_error" and "boom" not in str(crash.data)


def test_server_errors_under_api_are_json():
    request = RequestFactory().get("/api/v1/anything/")
    response = site_views.server_error(request)
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"


# --- Structure of every API view -------------------------------------------------------------------


def _api_patterns():
    """(route, view class) for every URL pattern under /api/v1/."""
    [api_resolver] = [p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "api"]

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    return list(walk(api_resolver.url_patterns, "api/v1/"))


def test_api_routes_are_plural_kebab_case_and_address_objects_by_uuid():
    routes = _api_patterns()
    assert routes
    for route, _callback in routes:
        for part in route.strip("/").split("/"):
            if part.startswith("<"):
                assert part.startswith("<object_id:"), route
            else:
                assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", part), route


def test_every_list_paginates_filters_and_orders_explicitly():
    checked = 0
    for route, callback in _api_patterns():
        view_class = getattr(callback, "cls", None)
        if view_class is None or not issubclass(view_class, ListModelMixin):
            continue
        if "list" not in (getattr(callback, "actions", None) or {}).values():
            continue
        checked += 1
        assert view_class.pagination_class is not None, route
        assert getattr(view_class, "filterset_class", None) is not None, route
        ordering_fields = getattr(view_class, "ordering_fields", None)
        assert isinstance(ordering_fields, list | tuple) and ordering_fields, route
        assert getattr(view_class, "ordering", None), route
    assert checked >= 2


# --- OpenAPI ---------------------------------------------------------------------------------------


def test_schema_validates_without_warnings(tmp_path):
    reset_generator_stats()
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert target.read_text().startswith("openapi: 3")


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_operation_is_described_and_documents_its_errors(schema):
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(operations) >= 14
    for path, method, operation in operations:
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        assert operation.get("tags"), where
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), where
        assert "429" in responses, where
        for code, response in responses.items():
            if code.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", where
        if {} not in operation.get("security", [{}]):
            assert {"401", "403"} <= set(responses), where
            assert {"jwtAuth": []} in operation["security"], where
        if "{" in path:
            assert "404" in responses, where


def test_schema_documents_the_error_shape_jwt_and_websocket_auth(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["$ref"] == "#/components/schemas/ErrorDetail"
    assert set(schema["components"]["schemas"]["ErrorDetail"]["properties"]) == {"code", "message", "fields"}
    assert schema["components"]["securitySchemes"]["jwtAuth"]["scheme"] == "bearer"
    assert "/ws/notifications/" in schema["info"]["description"]


@pytest.mark.django_db
def test_schema_endpoint_serves_the_document(client):
    response = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/me/" in response.json()["paths"]


ASSET = re.compile(r"""<(script|link)\b[^>]*?\b(src|href)=["']([^"']+)["']""", re.IGNORECASE)


def _assets(html: str, tag: str | None = None) -> list[str]:
    return [url for found_tag, _attr, url in ASSET.findall(html) if tag is None or found_tag.lower() == tag]


@pytest.mark.django_db
def test_swagger_ui_is_served_from_our_static_files(client):
    page = client.get(reverse("swagger-ui"))

    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assets = _assets(html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in assets
    assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    # the split view keeps the start-up script out of the page (no inline script for the CSP)
    assert "<script>" not in html
    script = client.get(reverse("swagger-ui") + "?script=")
    assert script.status_code == 200 and reverse("schema") in script.content.decode()
    assert "https://" not in script.content.decode()


@pytest.mark.django_db
def test_redoc_scripts_are_served_from_our_static_files(client):
    page = client.get(reverse("redoc"))

    assert page.status_code == 200
    html = page.content.decode()
    scripts = _assets(html, "script")
    assert scripts == ["/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"]
    # no third-party fonts or preconnects either (templates/drf_spectacular/redoc.html)
    assert "https://" not in html and "<script>" not in html
