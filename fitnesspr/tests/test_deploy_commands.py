"""What the Dockerfile and docker-compose.yml run, run here (Docker itself cannot run on these machines).

The commands are the image's: collectstatic with the Dockerfile's build-time values, the entrypoint's
roles (web = migrate + Uvicorn's worker processes, worker, beat, check) and the health check script.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import json
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from django.db import connections

from fitnesspr.tests.production_env import BASE_DIR, production_env, run, settings_variables

DOCKERFILE = BASE_DIR / "Dockerfile"
COMPOSE = BASE_DIR / "docker-compose.yml"
ENTRYPOINT = BASE_DIR / "docker" / "entrypoint.sh"
HEALTHCHECK = BASE_DIR / "docker" / "healthcheck.py"


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def image_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """Production variables, with this virtualenv's python, uvicorn and celery first on PATH."""
    env = production_env(tmp_path, **overrides)
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    env["DJANGO_SETTINGS_MODULE"] = "fitnesspr.settings"
    env["PYTHONUNBUFFERED"] = "1"  # as in the image; output is read while the process runs
    return env


class Process:
    """A long-running command whose output goes to a file, so it can be read while it runs."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.popen = subprocess.Popen(args, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_output(self, pattern: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output()):
            if self.popen.poll() is not None:
                pytest.fail(f"exited with {self.popen.returncode} before {pattern!r}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {pattern!r} after {timeout}s:\n{self.output()}")
            time.sleep(0.1)

    def wait_for_http(self, url: str, host: str, timeout: float = 60) -> None:
        """Until `url` answers 200."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host}), timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if self.popen.poll() is not None:
                pytest.fail(f"exited with {self.popen.returncode} before {url} answered:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"{url} did not answer within {timeout}s:\n{self.output()}")
            time.sleep(0.2)

    def stop(self) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        return self.popen.returncode


@pytest.fixture
def start(tmp_path) -> Iterator:
    started: list[Process] = []

    def _start(args: list[str], env: dict[str, str]) -> Process:
        process = Process(args, env, tmp_path / f"process-{len(started)}.log")
        started.append(process)
        return process

    yield _start
    for process in started:
        process.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Dockerfile --------------------------------------------------------------------------------


def collectstatic_step() -> tuple[dict[str, str], list[str]]:
    """The Dockerfile's collectstatic RUN: its throwaway variables and its command."""
    for keyword, arguments in dockerfile_instructions():
        if keyword == "RUN" and "collectstatic" in arguments:
            words = shlex.split(arguments.split("&&")[0])
            variables = {}
            while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
                name, _, value = words.pop(0).partition("=")
                variables[name] = value
            return variables, words
    raise AssertionError("the Dockerfile collects static files at build time")


def test_collectstatic_runs_with_the_dockerfiles_build_time_values(tmp_path, start):
    variables, command = collectstatic_step()
    assert command == ["python", "manage.py", "collectstatic", "--noinput"]
    assert variables["DEBUG"] == "false"
    static_root = tmp_path / "staticfiles"
    # STATIC_ROOT is set by the image's ENV; here it points into the test's folder.
    env = {**image_env(tmp_path), **variables, "STATIC_ROOT": str(static_root)}

    result = run(command, env, timeout=300)

    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for name in ("js/realtime.js", "css/app.css", "vendor/htmx.min.js", "vendor/pico.min.css"):
        assert name in manifest, f"{name} is collected (run `make install` for static/vendor)"
        hashed = static_root / manifest[name]
        assert hashed.is_file()
        assert hashed.with_name(hashed.name + ".gz").is_file(), "whitenoise serves compressed copies"

    # The web role serves them compressed, cached for good (the name changes with the content).
    port = free_port()
    web_env = image_env(
        tmp_path,
        STATIC_ROOT=str(static_root),
        DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}",
        PORT=str(port),
        SECURE_SSL_REDIRECT="false",  # plain http here; in production the TLS proxy is in front
    )
    web = start(["sh", str(ENTRYPOINT), "web"], web_env)
    web.wait_for_http(f"http://127.0.0.1:{port}/healthz", host="example.com")
    for encodings, expected in (("gzip, deflate", "gzip"), ("identity", None)):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/{manifest['css/app.css']}",
            headers={"Host": "example.com", "Accept-Encoding": encodings},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers.get("Content-Encoding") == expected
            assert "immutable" in response.headers["Cache-Control"]
            assert "max-age=315360000" in response.headers["Cache-Control"]


def test_build_time_values_stay_out_of_the_images_environment():
    variables, _command = collectstatic_step()
    image_variables = " ".join(arguments for keyword, arguments in dockerfile_instructions() if keyword == "ENV")

    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS", "DEBUG"):
        assert name in variables
        assert name not in image_variables


def test_the_dockerfile_builds_a_slim_non_root_image_with_a_health_check():
    instructions = dockerfile_instructions()
    stages = [arguments for keyword, arguments in instructions if keyword == "FROM"]
    assert stages[-1] == "python:3.11-slim AS runtime"
    assert any(stage.startswith("node:") for stage in stages)

    last_stage = max(index for index, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    runtime = instructions[last_stage:]
    keywords = [keyword for keyword, _ in runtime]
    user = dict(runtime)["USER"]
    assert not user.startswith(("root", "0")), "the runtime runs as an unprivileged user"
    assert keywords.index("USER") < keywords.index("ENTRYPOINT")
    assert dict(runtime)["HEALTHCHECK"].endswith('CMD ["python", "/app/docker/healthcheck.py"]')
    assert json.loads(dict(runtime)["ENTRYPOINT"]) == ["/app/docker/entrypoint.sh"]
    assert json.loads(dict(runtime)["CMD"]) == ["web"]
    assert dict(runtime)["WORKDIR"] == "/app"


def test_the_dockerfile_copies_the_same_vendor_files_as_the_makefile():
    makefile_copies = set(re.findall(r"^\tcp (\S+ \S+)$", (BASE_DIR / "Makefile").read_text(), re.MULTILINE))
    dockerfile_copies = set(re.findall(r"\bcp (\S+ \S+?)(?= |$)", DOCKERFILE.read_text(), re.MULTILINE))

    assert makefile_copies
    assert makefile_copies == dockerfile_copies


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_build():
    ignored = set((BASE_DIR / ".dockerignore").read_text().split())

    assert {".env", ".git", ".venv", "node_modules", "db.sqlite3", "media", "staticfiles"} <= ignored


# --- The entrypoint's roles --------------------------------------------------------------------


def test_entrypoint_check_runs_the_deployment_checks(tmp_path):
    result = run(["sh", str(ENTRYPOINT), "check"], image_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_entrypoint_check_fails_on_a_missing_production_variable(tmp_path):
    result = run(["sh", str(ENTRYPOINT), "check"], image_env(tmp_path, FIELD_ENCRYPTION_KEY=""))

    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr


def test_entrypoint_web_migrates_then_serves_and_passes_its_health_check(tmp_path, start):
    port = free_port()
    database = tmp_path / "web.sqlite3"
    env = image_env(tmp_path, DATABASE_URL=f"sqlite:///{database}", PORT=str(port), WEB_CONCURRENCY="2")

    web = start(["sh", str(ENTRYPOINT), "web"], env)
    web.wait_for_http(f"http://127.0.0.1:{port}/healthz", host="example.com")

    tables = {row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master")}
    assert {"accounts_user", "django_celery_beat_periodictask", "token_blacklist_outstandingtoken"} <= tables
    health = run(["python", str(HEALTHCHECK), "web"], env)
    assert health.returncode == 0, health.stderr
    request = urllib.request.Request(f"http://127.0.0.1:{port}/readyz", headers={"Host": "example.com"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["status"] == "ok"
    assert web.stop() == 0, web.output()
    # WEB_CONCURRENCY worker processes serve the one port (HTTP and WebSockets alike).
    assert len(set(re.findall(r"Started server process \[(\d+)\]", web.output()))) == 2, web.output()

    # Nothing listens any more: the same check now reports the container unhealthy.
    assert run(["python", str(HEALTHCHECK), "web"], env).returncode == 1


@pytest.mark.postgres
@pytest.mark.redis
def test_the_web_role_on_postgresql_bounds_its_connections_and_never_answers_500(
    tmp_path, start, transactional_db, settings
):
    """60 requests at once against 2 workers with pools of 3: every request answers 200 (or, shed, 503 with
    Retry-After), and PostgreSQL never sees more than the pools' 6 connections from the server."""
    database = connections["default"].settings_dict  # the test database pytest-django made
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    port = free_port()
    env = image_env(
        tmp_path, DATABASE_URL=url, REDIS_URL=settings.REDIS_URL, PORT=str(port), WEB_CONCURRENCY="2",
        DB_POOL_MAX_SIZE="3", SECURE_SSL_REDIRECT="false", ALLOWED_HOSTS="127.0.0.1",
    )  # fmt: skip
    web = start(["sh", str(ENTRYPOINT), "web"], env)
    web.wait_for_http(f"http://127.0.0.1:{port}/healthz", host="127.0.0.1")

    def readyz(_: int) -> tuple[int, str]:
        """(status, why): a shed request says Retry-After; /readyz's own 503 names the part that failed."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=30) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            if error.headers.get("Retry-After"):
                return error.code, "shed"
            return error.code, error.read().decode(errors="replace")[:200]

    most = 0
    with concurrent.futures.ThreadPoolExecutor(60) as pool:
        answers = pool.map(readyz, range(60))
        with connections["default"].cursor() as cursor:
            for _ in range(20):
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    [database["NAME"]],
                )
                most = max(most, cursor.fetchone()[0])
                time.sleep(0.02)
        answers = list(answers)

    # Under overload a request may be shed (503 + Retry-After) or find a part not ready in time (/readyz's own
    # 503, naming it); it never fails with a 500.
    assert {status for status, _ in answers} <= {200, 503}, answers
    assert sum(status == 200 for status, _ in answers) >= 30, answers
    assert 1 <= most <= 6


def test_entrypoint_worker_starts_a_celery_worker(tmp_path, start):
    # Without REDIS_URL the broker is in-memory: enough to see the worker come up with the app's tasks.
    worker = start(
        ["sh", str(ENTRYPOINT), "worker", "--pool=solo", "--without-mingle", "--without-gossip"], image_env(tmp_path)
    )

    worker.wait_for_output(r"celery@\S+ ready\.")

    assert "fitnesspr.tasks.ping" in worker.output()
    # Its logs are the same JSON lines as the web's, not Celery's own format.
    records = [json.loads(line) for line in worker.output().splitlines() if line.startswith("{")]
    assert any(r["logger"] == "celery.apps.worker" and r["message"].endswith(" ready.") for r in records)
    assert worker.stop() == 0, worker.output()


def test_entrypoint_beat_starts_with_the_database_scheduler(tmp_path, start):
    env = image_env(tmp_path)
    migrated = run(["sh", str(ENTRYPOINT), "migrate"], env)
    assert migrated.returncode == 0, migrated.stderr

    beat = start(["sh", str(ENTRYPOINT), "beat"], env)
    beat.wait_for_output(r"beat: Starting\.\.\.")
    time.sleep(1.5)  # the scheduler reads its tables right after starting; a failure ends the process

    assert "django_celery_beat.schedulers.DatabaseScheduler" in beat.output()
    assert beat.popen.poll() is None, beat.output()
    assert beat.stop() == 0, beat.output()


def test_entrypoint_runs_manage_commands(tmp_path):
    result = run(["sh", str(ENTRYPOINT), "manage", "showmigrations", "accounts"], image_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout


def test_celery_report_imports_the_app(tmp_path):
    result = run(["celery", "-A", "fitnesspr", "report"], image_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "software -> celery" in result.stdout


@pytest.fixture(scope="module")
def healthcheck() -> ModuleType:
    """docker/healthcheck.py as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("fitnesspr_docker_healthcheck", HEALTHCHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_health_check_knows_the_role_of_a_container(healthcheck):

    assert healthcheck.main(["healthcheck.py", "beat"]) == 0
    assert healthcheck.main(["healthcheck.py", "nonsense"]) == 2


@pytest.mark.parametrize(
    ("pid_1", "role"),
    [
        ("/usr/local/bin/python /usr/local/bin/uvicorn fitnesspr.asgi:application --workers 2", "web"),
        ("/usr/local/bin/python /usr/local/bin/celery -A fitnesspr worker --loglevel=INFO", "worker"),
        ("/usr/local/bin/python /usr/local/bin/celery -A fitnesspr beat --loglevel=INFO", "beat"),
    ],
)
def test_the_health_check_reads_the_role_from_pid_1(healthcheck, tmp_path, pid_1, role):
    cmdline = tmp_path / "cmdline"
    cmdline.write_bytes("\0".join(pid_1.split()).encode() + b"\0")

    assert healthcheck.role_of_pid_1(cmdline) == role


@pytest.mark.parametrize(
    ("allowed_hosts", "host"),
    [
        ("fitness.example.com,www.example.com", "fitness.example.com"),
        (".example.com", "example.com"),
        ("*", "localhost"),
    ],
)
def test_the_web_health_check_sends_a_host_django_accepts(healthcheck, monkeypatch, allowed_hosts, host):
    monkeypatch.setenv("ALLOWED_HOSTS", allowed_hosts)

    assert healthcheck.allowed_host() == host


# --- docker-compose.yml ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


APP_SERVICES = ("web", "worker", "beat")


def entrypoint_roles() -> set[str]:
    return set(re.findall(r"^\s+([a-z]+)\)$", ENTRYPOINT.read_text(), re.MULTILINE))


def test_compose_runs_postgres_redis_and_the_three_roles_of_one_image(compose):
    services = compose["services"]

    assert set(services) == {"db", "redis", *APP_SERVICES}
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert {services[name]["image"] for name in APP_SERVICES} == {"fitnesspr:latest"}
    for name in APP_SERVICES:
        assert services[name]["build"] == "."
        assert services[name]["command"] == [name]
        assert name in entrypoint_roles()


def entrypoint_variables() -> set[str]:
    return set(re.findall(r"\$\{([A-Z_]+)", ENTRYPOINT.read_text()))


def test_compose_sets_only_variables_that_settings_read(compose):
    known = settings_variables() | entrypoint_variables()

    for name in APP_SERVICES:
        unknown = set(compose["services"][name]["environment"]) - known
        assert not unknown, f"{name} sets variables settings.py never reads: {unknown}"


def test_compose_commits_no_secret(compose):
    environment = compose["services"]["web"]["environment"]

    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS"):
        assert re.fullmatch(rf"\$\{{{name}:\?[^}}]+\}}", environment[name]), f"{name} must come from .env"
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    assert compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert environment["DEBUG"] == "false"


def test_compose_points_the_app_at_its_database_and_redis(compose):
    environment = compose["services"]["web"]["environment"]
    db = compose["services"]["db"]["environment"]

    assert environment["DATABASE_URL"].startswith(f"postgres://{db['POSTGRES_USER']}:")
    assert environment["DATABASE_URL"].endswith(f"@db:5432/{db['POSTGRES_DB']}")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_compose_starts_services_in_order_of_health(compose):
    services = compose["services"]

    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has a health check"
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}
        assert depends["redis"] == {"condition": "service_healthy"}
    # Web applies the migrations that the worker and beat need.
    assert services["worker"]["depends_on"]["web"] == {"condition": "service_healthy"}
    assert services["beat"]["depends_on"]["web"] == {"condition": "service_healthy"}
    for name in APP_SERVICES:
        assert services[name]["healthcheck"]["test"] == ["CMD", "python", "/app/docker/healthcheck.py", name]
