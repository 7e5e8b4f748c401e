"""Settings from the environment, production checks, security headers and structured logs."""

from __future__ import annotations

import json
import logging
import os
import re
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from environ import Env

from fitnesspr.env import (
    database_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
    load_dotenv,
)
from fitnesspr.logging import JsonFormatter, RequestIdFilter, request_id_var
from fitnesspr.tests.production_env import clean_env, manage, production_env, run, settings_variables

# --- Start-up in production mode ---------------------------------------------------------------


def test_check_deploy_prints_no_warning_with_production_variables(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEY"])
def test_production_start_up_fails_naming_a_missing_variable(tmp_path, name):
    result = manage("check", env=production_env(tmp_path, **{name: ""}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert re.search(rf"required: .*\b{name}\b", result.stderr), result.stderr


def test_production_start_up_fails_on_a_short_secret_key(tmp_path):
    result = manage("check", env=production_env(tmp_path, SECRET_KEY="too-short"))

    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "mysql://user@db/fitnesspr"),
        ("REDIS_URL", "http://x"),
        ("DEBUG", "maybe"),
        ("EMAIL_URL", "ftp://x"),
        ("INVITATION_TTL_DAYS", "abc"),
        ("INVITATION_TTL_DAYS", "0"),
        ("FIELD_ENCRYPTION_KEY", "not-a-fernet-key"),
        ("LOG_LEVEL", "loud"),
        ("LOG_FORMAT", "xml"),
        ("SITE_URL", "example.com"),
        ("PRIVATE_MEDIA_SERVER", "nginx"),
    ],
)
def test_a_bad_value_fails_start_up_naming_the_variable(tmp_path, name, value):
    result = manage("check", env=production_env(tmp_path, **{name: value}))

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert name in last_line


def test_a_bad_database_url_does_not_print_its_password(tmp_path):
    result = manage("check", env=production_env(tmp_path, DATABASE_URL="postgress://app:hunter2@db/fitnesspr"))

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "hunter2" not in result.stderr


PRINT_SETTINGS = textwrap.dedent(
    """
    import json, logging
    import django
    from django.conf import settings
    django.setup()
    from fitnesspr.celery import app
    print(json.dumps({
        "DEBUG": settings.DEBUG,
        "ENGINE": settings.DATABASES["default"]["ENGINE"],
        "CHANNEL_LAYER": settings.CHANNEL_LAYERS["default"]["BACKEND"],
        "CACHE": settings.CACHES["default"]["BACKEND"],
        "BROKER": app.conf.broker_url,
        "EAGER": app.conf.task_always_eager,
        "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
        "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
        "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
        "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
        "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
        "LOG_FORMAT": settings.LOG_FORMAT,
    }))
    logging.getLogger("fitnesspr.probe").warning("started", extra={"component": "probe"})
    """
)


def subprocess_settings(env: dict[str, str]) -> tuple[dict, list[str]]:
    env = {**env, "DJANGO_SETTINGS_MODULE": "fitnesspr.settings"}
    result = run(["python", "-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.strip().splitlines()
    return json.loads(first), rest


def test_embedded_defaults_need_no_service():
    values, _log = subprocess_settings({**clean_env(), "DEBUG": "true"})

    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CHANNEL_LAYER"] == "channels.layers.InMemoryChannelLayer"
    assert values["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["BROKER"] == "memory://localhost/"
    assert values["EAGER"] is True


def test_database_and_redis_urls_switch_to_postgres_and_redis():
    env = {
        **clean_env(),
        "DEBUG": "true",
        "DATABASE_URL": "postgres://app:secret@db:5432/fitnesspr",
        "REDIS_URL": "redis://redis:6379/0",
    }
    values, _log = subprocess_settings(env)

    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["CHANNEL_LAYER"] == "channels_redis.core.RedisChannelLayer"
    assert values["CACHE"] == "django.core.cache.backends.redis.RedisCache"
    assert values["BROKER"] == "redis://redis:6379/0"
    assert values["EAGER"] is False


def test_production_settings_are_secure_and_log_json(tmp_path):
    values, log_lines = subprocess_settings(production_env(tmp_path))

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["LOG_FORMAT"] == "json"
    record = json.loads(log_lines[-1])
    assert record["message"] == "started"
    assert record["level"] == "WARNING"
    assert record["component"] == "probe"
    assert record["request_id"] == "-"


def test_secure_cookies_can_be_turned_off_for_a_plain_http_test_stack(tmp_path):
    """SECURE_COOKIES=false (the load test on http://127.0.0.1) lets a plain-http client send the cookies back."""
    values, _log = subprocess_settings(production_env(tmp_path, SECURE_COOKIES="false"))

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000  # the rest of production stays


PRODUCTION_REQUESTS = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.test import Client
    browser = Client(HTTP_HOST="example.com")
    plain_page = browser.get("/today/")  # a redirect: no page rendered (no collected static files here)
    probe = browser.get("/healthz")
    secure_page = browser.get("/today/", secure=True)
    print(json.dumps({
        "plain_page": [plain_page.status_code, plain_page.get("Location")],
        "probe": [probe.status_code, probe.get("Location")],
        "secure_page_hsts": secure_page.get("Strict-Transport-Security"),
    }))
    """
)


def test_production_redirects_to_https_except_the_probes_and_sends_hsts(tmp_path):
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "fitnesspr.settings", "LOG_LEVEL": "ERROR"}
    result = run(["python", "-c", PRODUCTION_REQUESTS], env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["plain_page"] == [301, "https://example.com/today/"]
    # Orchestrators probe over plain HTTP inside the cluster.
    assert seen["probe"] == [200, None]
    assert "max-age=31536000" in seen["secure_page_hsts"]
    assert "includeSubDomains" in seen["secure_page_hsts"]


# --- Security headers -------------------------------------------------------------------------


def script_sources(policy: str) -> list[str]:
    for directive in policy.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return values
    raise AssertionError(f"no script-src in {policy!r}")


@pytest.mark.django_db
def test_a_page_carries_the_security_headers(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert script_sources(policy) == ["'self'"]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_page_has_no_inline_script(client):
    """script-src 'self' would block inline scripts, so there must be none to block."""
    html = client.get(reverse("accounts:login")).content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the base layout loads its scripts"
    assert all(" src=" in tag for tag in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handlers are inline script too"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/", "/admin/login/"])
def test_pages_with_a_relaxed_style_policy_still_forbid_inline_script(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "'unsafe-inline'" not in script_sources(response["Content-Security-Policy"])


@pytest.mark.django_db
def test_the_request_id_is_echoed_when_valid(client):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="edge-1234.abc")

    assert response["X-Request-ID"] == "edge-1234.abc"


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", [None, "", "has spaces", "x" * 101, 'quote"and<tag>'])
def test_a_request_id_is_generated_when_missing_or_unsafe(client, incoming):
    headers = {} if incoming is None else {"HTTP_X_REQUEST_ID": incoming}
    response = client.get(reverse("accounts:login"), **headers)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert first != second


# --- Structured logging -----------------------------------------------------------------------


def make_record(message: str = "hello %s", args: tuple = ("world",), **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("fitnesspr.test", logging.INFO, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    return record


def test_json_formatter_writes_one_json_object_with_the_request_id():
    token = request_id_var.set("req-42")
    try:
        record = make_record(user_id="u-1", attempt=2, payload={"a": 1})
        RequestIdFilter().filter(record)
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)

    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "hello world"
    assert data["level"] == "INFO"
    assert data["logger"] == "fitnesspr.test"
    assert data["request_id"] == "req-42"
    assert data["user_id"] == "u-1"
    assert data["attempt"] == 2
    assert data["payload"] == "{'a': 1}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", data["time"])


def test_json_formatter_includes_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    data = json.loads(JsonFormatter().format(record))

    assert "ValueError: boom" in data["exception"]


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.mark.django_db
def test_djangos_request_log_carries_the_request_id(client):
    """Django logs 4xx/5xx after the middleware has returned; the id must still be on the line."""
    handler = ListHandler()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-404")
    finally:
        logger.removeHandler(handler)

    records = [json.loads(line) for line in handler.lines]
    assert [(r["message"], r["request_id"]) for r in records] == [("Not Found: /no-such-page/", "trace-404")]


# --- Helpers of fitnesspr/env.py --------------------------------------------------------------


@pytest.fixture
def environ(monkeypatch) -> dict[str, str]:
    """A private copy of os.environ that the helpers read and write for this test only.

    django-environ keeps its own reference to os.environ (`Env.ENVIRON`), so both are replaced.
    """
    copy = dict(os.environ)
    monkeypatch.setattr(os, "environ", copy)
    monkeypatch.setattr(Env, "ENVIRON", copy)
    return copy


def test_load_dotenv_reads_key_value_lines_and_the_real_environment_wins(tmp_path: Path, environ):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        textwrap.dedent(
            """
            # comment
            FP_PLAIN=plain value
            export FP_EXPORTED=yes
            FP_DOUBLE="quoted # not a comment"
            FP_SINGLE='single'
              FP_SPACES = padded
            FP_URL=postgres://u:p@h/db?sslmode=require
            FP_ALREADY_SET=from-file
            FP_EMPTY=
            """
        )
    )
    environ["FP_ALREADY_SET"] = "from-environment"

    load_dotenv(dotenv)

    assert environ["FP_PLAIN"] == "plain value"
    assert environ["FP_EXPORTED"] == "yes"
    assert environ["FP_DOUBLE"] == "quoted # not a comment"
    assert environ["FP_SINGLE"] == "single"
    assert environ["FP_SPACES"] == "padded"
    assert environ["FP_URL"] == "postgres://u:p@h/db?sslmode=require"
    assert environ["FP_ALREADY_SET"] == "from-environment"
    assert environ["FP_EMPTY"] == ""


def test_load_dotenv_without_a_file_does_nothing(tmp_path: Path, environ):
    before = dict(environ)

    load_dotenv(tmp_path / "missing.env")

    assert environ == before


def test_load_dotenv_names_the_file_and_line_of_a_bad_line(tmp_path: Path, environ):
    dotenv = tmp_path / ".env"
    dotenv.write_text("FP_OK=1\nthis line has no equals sign\n")

    with pytest.raises(ImproperlyConfigured, match=r"\.env:2: expected KEY=VALUE"):
        load_dotenv(dotenv)


def test_env_helpers_parse_and_reject(environ):
    environ.update(FP_BOOL="Yes", FP_INT="12", FP_LIST=" a.com, ,b.com ", FP_URL="redis://r:6379/0")

    assert env_bool("FP_BOOL", False) is True
    assert env_bool("FP_UNSET", True) is True
    assert env_int("FP_INT", 1, minimum=1) == 12
    assert env_list("FP_LIST") == ["a.com", "b.com"]
    assert env_url("FP_URL", None, schemes=("redis",)) == "redis://r:6379/0"
    with pytest.raises(ImproperlyConfigured, match="FP_INT must be at least 20"):
        env_int("FP_INT", 1, minimum=20)
    with pytest.raises(ImproperlyConfigured, match="FP_URL must be a URL starting with one of http://"):
        env_url("FP_URL", None, schemes=("http",))


def test_load_dotenv_loses_to_a_variable_that_is_set_even_when_empty(tmp_path: Path, environ):
    dotenv = tmp_path / ".env"
    dotenv.write_text("FP_SET=from-file\nFP_BLANK=from-file\nFP_NEW=from-file\n")
    environ.update(FP_SET="from-environment", FP_BLANK="")
    environ.pop("FP_NEW", None)

    load_dotenv(dotenv)

    assert environ["FP_SET"] == "from-environment"
    assert environ["FP_BLANK"] == ""
    assert environ["FP_NEW"] == "from-file"


@pytest.mark.parametrize("line", ["FP-DASHED=1", "=value", "SECRET_KEY hunter2"])
def test_load_dotenv_rejects_a_line_django_environ_would_skip_and_does_not_echo_it(tmp_path: Path, environ, line):
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"# header\n{line}\n")

    with pytest.raises(ImproperlyConfigured, match=r"\.env:2: expected KEY=VALUE") as error:
        load_dotenv(dotenv)
    assert "hunter2" not in str(error.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("On", True),
        ("yes", True),
        ("y", True),
        ("1", True),
        (" TRUE ", True),
        ("false", False),
        ("off", False),
        ("No", False),
        ("n", False),
        ("0", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(environ, value, expected):
    environ["FP_BOOL"] = value

    assert env_bool("FP_BOOL", not expected) is expected


@pytest.mark.parametrize("value", ["maybe", "2", "-1", "tru", "enabled"])
def test_env_bool_rejects_junk_that_django_environ_would_read_as_false_or_true(environ, value):
    environ["FP_BOOL"] = value

    with pytest.raises(ImproperlyConfigured, match="FP_BOOL must be a boolean"):
        env_bool("FP_BOOL", True)


def test_a_blank_value_means_unset_for_every_type(environ):
    environ.update(FP_BOOL="", FP_INT=" ", FP_STR="", FP_LIST="", FP_URL="")

    assert env_bool("FP_BOOL", True) is True
    assert env_int("FP_INT", 7, minimum=1) == 7
    assert env_str("FP_STR", "default") == "default"
    assert env_list("FP_LIST", ["a"]) == ["a"]
    assert env_url("FP_URL", "https://default.example", schemes=("https",)) == "https://default.example"


def test_env_int_names_the_variable_of_a_non_integer(environ):
    environ["FP_INT"] = "12abc"

    with pytest.raises(ImproperlyConfigured, match="FP_INT must be an integer, got '12abc'"):
        env_int("FP_INT", 1)


def test_a_value_starting_with_a_dollar_is_read_literally(environ):
    """django-environ's Env.get_value would look up a variable named after the rest (and print it)."""
    environ["FP_SECRET"] = "$not-a-reference-but-a-secret"

    assert env_str("FP_SECRET") == "$not-a-reference-but-a-secret"


def test_settings_variables_still_finds_what_settings_reads():
    """production_env.clean_env() blanks the variables it finds in settings.py; the URL ones must be among them."""
    assert {"DEBUG", "DATABASE_URL", "DB_CONN_MAX_AGE", "DB_CONNECT_TIMEOUT", "EMAIL_URL", "REDIS_URL"} <= (
        settings_variables()
    )


# --- DATABASE_URL and EMAIL_URL (django-environ's parsers) --------------------------------------

DATABASE_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def test_database_settings_parse_sqlite_and_postgres():
    sqlite = database_settings("DATABASE_URL", "sqlite:////srv/app/db.sqlite3", engines=DATABASE_ENGINES)
    postgres = database_settings(
        "DATABASE_URL", "postgresql://app:p%40ss@db:5433/fitnesspr?sslmode=require", engines=DATABASE_ENGINES
    )

    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite["NAME"] == "/srv/app/db.sqlite3"
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert (postgres["NAME"], postgres["USER"], postgres["PASSWORD"]) == ("fitnesspr", "app", "p@ss")
    assert (postgres["HOST"], postgres["PORT"]) == ("db", 5433)
    assert postgres["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    "url",
    [
        "mysql://app:hunter2@db/fitnesspr",
        "postgress://app:hunter2@db/fitnesspr",
        "//app:hunter2@db/fitnesspr",
        "app:hunter2@db/fitnesspr",
        "postgres://app:hunter2@db:port/fitnesspr",
    ],
)
def test_a_bad_database_url_is_rejected_without_its_password(url, recwarn):
    with pytest.raises(ImproperlyConfigured, match=r"^DATABASE_URL ") as error:
        database_settings("DATABASE_URL", url, engines=DATABASE_ENGINES)

    assert "hunter2" not in str(error.value)
    assert not [w for w in recwarn if "hunter2" in str(w.message)]


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
    ],
)
def test_email_aliases_map_to_their_backends(url, backend):
    assert email_settings("EMAIL_URL", url) == {"EMAIL_BACKEND": backend}


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://mail.example.com", 25, False, False),
        ("smtp+tls://mail.example.com", 587, True, False),
        ("smtp+ssl://mail.example.com", 465, False, True),
        ("smtp+tls://mail.example.com:2525", 2525, True, False),
    ],
)
def test_smtp_email_urls_default_the_port_and_encryption_by_scheme(url, port, tls, ssl):
    values = email_settings("EMAIL_URL", url)

    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": 10,
    }


def test_an_email_url_carries_user_password_and_timeout():
    values = email_settings("EMAIL_URL", "smtp+ssl://me%40example.com:p%2Fss@mail.example.com:465?timeout=30")

    assert values["EMAIL_HOST_USER"] == "me@example.com"
    assert values["EMAIL_HOST_PASSWORD"] == "p/ss"
    assert values["EMAIL_PORT"] == 465
    assert values["EMAIL_TIMEOUT"] == 30


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://me:hunter2@x", "EMAIL_URL must be a URL starting with one of console://"),
        ("smtp:me:hunter2@x", "EMAIL_URL must be a URL starting with one of"),
        ("consolemail://", "EMAIL_URL must be a URL starting with one of"),
        ("smtp+tls://me:hunter2@mail.example.com:abc", "EMAIL_URL has a bad port"),
        ("smtp+tls://me:hunter2@mail.example.com:99999", "EMAIL_URL has a bad port"),
        ("smtp+tls://me:hunter2@", "EMAIL_URL needs a host"),
        ("smtp+tls://me:hunter2@mail.example.com?timeout=soon", "EMAIL_URL timeout must be a whole number"),
        ("smtp+tls://me:hunter2@mail.example.com?timeout=0", "EMAIL_URL timeout must be a whole number"),
    ],
)
def test_a_bad_email_url_is_rejected_without_its_password(url, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)) as error:
        email_settings("EMAIL_URL", url)

    assert "hunter2" not in str(error.value)


PRINT_DATABASE_AND_EMAIL = textwrap.dedent(
    """
    import json
    import django
    from django.conf import settings
    django.setup()
    print(json.dumps({
        "DATABASE": settings.DATABASES["default"],
        "EMAIL": {name: getattr(settings, name) for name in (
            "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_TIMEOUT",
        )},
        "HAS_EMAIL_URL": hasattr(settings, "EMAIL_URL"),
    }, default=str))
    """
)


def test_settings_take_the_database_and_email_from_their_urls():
    env = {
        **clean_env(),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "fitnesspr.settings",
        "DATABASE_URL": "postgres://app:secret@db:5432/fitnesspr",
        "DB_CONN_MAX_AGE": "60",
        "DB_CONNECT_TIMEOUT": "3",
        "EMAIL_URL": "smtp+tls://mailer:pw@mail.example.com?timeout=20",
    }
    result = run(["python", "-c", PRINT_DATABASE_AND_EMAIL], env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    database = values["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["HOST"], database["PORT"]) == ("fitnesspr", "app", "db", 5432)
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 3
    assert "pool" not in database["OPTIONS"]
    assert values["EMAIL"] == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "pw",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 20,
    }
    # The URL carries the password; only EMAIL_HOST_PASSWORD, which Django's error pages mask, keeps it.
    assert values["HAS_EMAIL_URL"] is False


def test_postgresql_connections_come_from_a_pool_as_large_as_the_requests_a_worker_admits():
    env = {
        **clean_env(),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "fitnesspr.settings",
        "DATABASE_URL": "postgres://app:secret@db:5432/fitnesspr",
        "DB_POOL_MAX_SIZE": "6",
    }
    result = run(["python", "-c", PRINT_DATABASE_AND_EMAIL], env)
    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout.strip().splitlines()[-1])["DATABASE"]

    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 6, "timeout": 10}
    printed = run(
        [
            "python",
            "-c",
            "import django; django.setup(); from django.conf import settings as s; print(s.WEB_MAX_REQUESTS)",
        ],
        env,
    )
    assert printed.stdout.split()[-1] == "6"


def test_persistent_connections_and_the_pool_cannot_be_combined():
    env = {
        **clean_env(),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "fitnesspr.settings",
        "DATABASE_URL": "postgres://app:secret@db:5432/fitnesspr",
        "DB_CONN_MAX_AGE": "60",
        "DB_POOL_MAX_SIZE": "10",
    }
    result = run(["python", "-c", PRINT_DATABASE_AND_EMAIL], env)

    assert result.returncode != 0
    assert "DB_CONN_MAX_AGE" in result.stderr


def test_the_embedded_broker_names_its_host_so_make_run_prints_no_kombu_warning(caplog):
    from kombu import Connection

    values, _log = subprocess_settings({**clean_env(), "DEBUG": "true"})
    with caplog.at_level(logging.WARNING, logger="kombu.connection"):
        Connection(values["BROKER"]).info()
    assert not [r for r in caplog.records if "No hostname" in r.getMessage()]


def test_each_runserver_request_is_logged_once():
    """runserver (daphne's) logs each request on `django.channels.server`: it must print once, not also through
    Django's default console handler."""
    script = textwrap.dedent(
        """
        import logging
        import django
        django.setup()
        logging.getLogger("django.channels.server").info("HTTP GET / 200")
        """
    )
    result = run(
        ["python", "-c", script], {**clean_env(), "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "fitnesspr.settings"}
    )
    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).count("HTTP GET / 200") == 1
