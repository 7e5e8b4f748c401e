"""The load test, start to finish: `make load USERS=200 DURATION=5m` (or `python -m loadtest.run --help`).

Starts the production-like stack on this machine against its own PostgreSQL database and Redis database index
(DEBUG off, generated secrets, cookies allowed over plain http on 127.0.0.1): migrate, collectstatic, the seed
(loadtest/seed.py), the image's web role (Uvicorn, WEB_CONCURRENCY workers) and one Celery worker. Then runs
Locust headless (loadtest/locustfile.py) for the ramp-up plus DURATION, stops everything and prints: requests
per second, count/failures/p50/p95/p99 per request kind, the errors, the WebSocket drops, and the CPU used by
the web workers, the Celery worker, PostgreSQL and the load generator. `--profile` also records the web workers
with py-spy during the run and shows where the slowest request kind spends its time.

Every request goes to 127.0.0.1, and every step has a time limit.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:  # `python loadtest/run.py` as well as `python -m loadtest.run`
    sys.path.insert(0, str(BASE_DIR))

from loadtest import report, scenario  # noqa: E402

BIN = Path(sys.executable).parent
KEEP = ("HOME", "LANG", "LC_ALL", "TMPDIR")


def parse_duration(text: str) -> int:
    """Locust's form: "90", "90s", "5m", "1h30m" -> seconds."""
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", text.strip())
    if not text.strip() or not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 90s, 5m, 1h)")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m loadtest.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent simulated people (default 200)")
    parser.add_argument("--duration", type=parse_duration, default=300, help="at full load, after the ramp-up")
    parser.add_argument("--spawn-rate", type=float, help="people started per second (default: all in 60 s)")
    parser.add_argument("--web-concurrency", type=int, default=2, help="web worker processes (default 2)")
    parser.add_argument("--web-args", default="", help='more Uvicorn options, e.g. "--timeout-keep-alive 30"')
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/fitnesspr_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--port", type=int, default=0, help="the web port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--fresh", action="store_true", help="drop the load-test database first")
    parser.add_argument("--profile", action="store_true", help="py-spy the web workers; profile the slowest kind")
    parser.add_argument("--profile-kind", help="profile this request kind instead of the slowest")
    parser.add_argument("--static-root", type=Path, default=Path(tempfile.gettempdir()) / "fitnesspr-load-static")
    parser.add_argument("--out", type=Path, help="where logs, Locust's CSV and the report go (default: a temp dir)")
    args = parser.parse_args(argv)
    if args.users < 1 or args.duration < 1:
        parser.error("--users and --duration must be positive")
    if args.profile_kind and args.profile_kind not in scenario.KINDS:
        parser.error(f"--profile-kind must be one of: {', '.join(scenario.KINDS)}")
    args.spawn_rate = args.spawn_rate or max(1.0, args.users / 60)
    args.port = args.port or free_port()
    args.clients = max(args.users, 20)
    args.trainers = max(2, math.ceil(args.users / 10))
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(args: argparse.Namespace, out: Path) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = {name: os.environ[name] for name in KEEP if name in os.environ}
    return env | {
        "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "DJANGO_SETTINGS_MODULE": "fitnesspr.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(45),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",  # plain http here: the session and CSRF cookies must come back
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "WEB_CONCURRENCY": str(args.web_concurrency),
        "PORT": str(args.port),
        "STATIC_ROOT": str(args.static_root),
        "MEDIA_ROOT": str(out / "media"),
        # Every simulated person comes from 127.0.0.1: per-address API throttles would see one visitor.
        "THROTTLE_ANON": "100000/min",
        "THROTTLE_AUTH": "100000/min",
    }


def static_is_current(root: Path) -> bool:
    """Collected files newer than every source (collecting compresses them all again: most of a minute here)."""
    manifest = root / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [BASE_DIR / "requirements.txt", *(path for path in (BASE_DIR / "static").rglob("*") if path.is_file())]
    return manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources)


def prepare_database(url: str, *, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "load" not in name:
        raise SystemExit(f"refusing {name!r}: the load test's database name must contain 'load'")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def clear_redis(url: str) -> None:
    """Empty the load test's own Redis database index (stale channel groups, queued tasks)."""
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    if client.connection_pool.connection_kwargs.get("db", 0) == 0:
        raise SystemExit("refusing to clear Redis database 0: give the load test an index of its own")
    client.flushdb()
    client.close()


def step(title: str, command: list[str], env: dict[str, str], log: Path, timeout: float) -> None:
    print(f"- {title}", flush=True)
    with log.open("a") as handle:
        done = subprocess.run(  # noqa: S603 (our own commands)
            command, cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT, timeout=timeout
        )
    if done.returncode:
        raise SystemExit(f"{title} failed (exit {done.returncode}): see {log}")


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process in a session of its own, so that it and its children can be stopped together."""
    handle = log.open("a")
    return subprocess.Popen(  # noqa: S603 (our own commands)
        command, cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen, *, grace: float = 30) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_serving(port: int, web: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if web.poll() is not None:
            raise SystemExit(f"the web role exited ({web.returncode}) before serving")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the web role did not answer /healthz within {timeout:.0f} s")


def web_workers(web: subprocess.Popen) -> list[int]:
    """Uvicorn's worker processes (the children of the process the web role became), or that process."""
    parents = report.processes()
    children = [pid for pid, parent in parents.items() if parent == web.pid]
    return sorted(pid for pid in children if "spawn_main" in report.cmdline(pid)) or [web.pid]


def cpu_groups(web: subprocess.Popen, worker: subprocess.Popen, locust: subprocess.Popen, database: str) -> dict:
    backend = re.compile(rf"^postgres: .* {re.escape(database)} ")
    return {
        "web workers (Uvicorn)": lambda parents: report.tree(web.pid, parents),
        "Celery worker": lambda parents: report.tree(worker.pid, parents),
        f"PostgreSQL (backends of {database})": lambda parents: report.matching(parents, backend.match),
        "load generator (Locust)": lambda parents: report.tree(locust.pid, parents),
        "Redis (whole server, shared)": lambda parents: report.matching(
            parents, lambda cmd: cmd.startswith("/usr/bin/redis-server") or cmd.startswith("redis-server")
        ),
    }


VIEW_FRAMES = """
import inspect, json, uuid
import django
django.setup()
from django.urls import resolve
from loadtest.scenario import KINDS
found = {}
for kind, spec in KINDS.items():
    path = spec.path.split("?")[0].format_map({k: str(uuid.uuid4()) for k in ("workout", "entry", "exercise",
        "client", "plan", "day", "set")})
    view = resolve(path).func
    cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
    target = cls or inspect.unwrap(view)
    found[kind] = [inspect.getsourcefile(target), None if cls else target.__name__]
print(json.dumps(found))
"""


def profile_lines(args: argparse.Namespace, env: dict[str, str], out: Path, rows: list[report.Row]) -> list[str]:
    """The slowest kind's wall-clock profile (one worker, idle threads included) and where the other worker's
    Python time goes (the thread holding the GIL, every request)."""
    row = next((r for r in rows if r.kind == args.profile_kind), None) if args.profile_kind else report.slowest(rows)
    wall, gil = out / "profile-wall.txt", out / "profile-gil.txt"
    if row is None or not wall.exists():
        return ["Profile: none recorded (see py-spy.log)"]
    located = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, "-c", VIEW_FRAMES], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    if located.returncode:
        return [f"Profile: could not locate the views: {located.stderr.strip()[-500:]}"]
    frames = json.loads(located.stdout)
    source_file, function = frames[row.kind]
    served: dict[tuple[str, str | None], list[str]] = {}
    for kind, (path, name) in frames.items():
        served.setdefault((path, name), []).append(kind)
    views = {", ".join(kinds): report.view_frame(*where) for where, kinds in served.items()}
    lines = [
        f"Profile of the slowest request kind, {row.kind!r} (p95 {row.p95:.0f} ms): inside "
        f"{function or 'the class-based view'} in {source_file}",
        f"  py-spy on one web worker for {args.profile_window} s at 50 Hz, idle threads included: wall-clock, so"
        " waiting counts (for PostgreSQL, and for the GIL and a CPU once its answer is in)",
        *report.profile_summary(wall.read_text().splitlines(), start_at=report.view_frame(source_file, function)),
    ]
    if gil.exists():
        lines += [
            "",
            "Where the other web worker's Python time goes (samples of the thread holding the GIL: the work that",
            "cannot run in parallel inside a worker), every request, same window:",
            *report.profile_summary(gil.read_text().splitlines(), start_at=report.request_frame, views=views),
        ]
    return lines


def start_profiles(web: subprocess.Popen, env: dict[str, str], out: Path, window: int) -> list[subprocess.Popen]:
    """py-spy on Uvicorn's workers: wall-clock (idle threads too) on the first, the GIL's holder on the second."""
    workers = web_workers(web)
    spies = []
    for pid, name, extra in zip(workers, ("wall", "gil"), (["--idle"], ["--gil"]), strict=False):
        command = [str(BIN / "py-spy"), "record", "--pid", str(pid), *extra, "--nonblocking", "--full-filenames"]
        command += ["--rate", "50", "--duration", str(window), "--format", "raw"]
        spies.append(start([*command, "--output", str(out / f"profile-{name}.txt")], env, out / "py-spy.log"))
    print(f"- py-spy records web workers {', '.join(map(str, workers[:2]))} for {window} s", flush=True)
    return spies


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="fitnesspr-load-"))
    out.mkdir(parents=True, exist_ok=True)
    env = production_env(args, out)
    database = urlsplit(args.database_url).path.lstrip("/")
    ramp = math.ceil(args.users / args.spawn_rate)
    print(f"Load test: {args.users} users ({args.spawn_rate:.3g}/s, ramp-up {ramp} s) then {args.duration} s; "
          f"web on 127.0.0.1:{args.port} with {args.web_concurrency} workers; logs in {out}", flush=True)  # fmt: skip
    prepare_database(args.database_url, fresh=args.fresh)
    clear_redis(args.redis_url)
    python = str(BIN / "python")
    step("migrate", [python, "manage.py", "migrate", "--noinput"], env, out / "setup.log", 600)
    if static_is_current(args.static_root):
        print(f"- collectstatic: {args.static_root} is up to date", flush=True)
    else:
        step("collectstatic", [python, "manage.py", "collectstatic", "--noinput"], env, out / "setup.log", 600)
    seed = [python, "-m", "loadtest.seed", "--clients", str(args.clients), "--trainers", str(args.trainers)]
    step(f"seed {args.trainers} trainers and {args.clients} clients", seed, env, out / "setup.log", 1800)
    print("  " + "\n  ".join((out / "setup.log").read_text().splitlines()[-2:]), flush=True)

    processes: list[subprocess.Popen] = []
    try:
        web_command = ["sh", "docker/entrypoint.sh", "web", "--host", "127.0.0.1", *shlex.split(args.web_args)]
        web = start(web_command, env, out / "web.log")
        processes.append(web)
        worker = start(["sh", "docker/entrypoint.sh", "worker", "--loglevel=WARNING"], env, out / "worker.log")
        processes.append(worker)
        wait_until_serving(args.port, web)
        print("- the stack is up; Locust starts", flush=True)
        locust_env = {name: os.environ[name] for name in KEEP if name in os.environ} | {
            "PATH": env["PATH"],
            "PYTHONPATH": str(BASE_DIR),
            "LOAD_CLIENTS": str(args.clients),
            "LOAD_TRAINERS": str(args.trainers),
        }
        run_time = ramp + args.duration
        command = [str(BIN / "locust"), "-f", "loadtest/locustfile.py", "--headless", "--only-summary"]
        command += ["--users", str(args.users), "--spawn-rate", f"{args.spawn_rate:g}", "--run-time", f"{run_time}s"]
        command += ["--host", f"http://127.0.0.1:{args.port}", "--csv", str(out / "locust"), "--stop-timeout", "10"]
        command += ["--loglevel", "WARNING"]
        locust = start(command, locust_env, out / "locust.log")
        processes.append(locust)
        sampler = report.CpuSampler(cpu_groups(web, worker, locust, database))
        sampler.start()
        spies: list[subprocess.Popen] = []
        if args.profile:
            time.sleep(min(ramp + 5, run_time / 2))
            args.profile_window = max(10, min(60, args.duration // 2))
            spies = start_profiles(web, env, out, args.profile_window)
            processes += spies
        try:
            locust.wait(timeout=run_time + 90)
        except subprocess.TimeoutExpired:
            print("- Locust overran its run time: stopped", flush=True)
        sampler.stop()
        for spy in spies:
            try:
                spy.wait(timeout=120)
            except subprocess.TimeoutExpired:
                print("- py-spy did not finish: stopped", flush=True)
    finally:
        for process in reversed(processes):
            stop(process)

    rows = report.read_stats(out / "locust_stats.csv")
    if not any(row.count for row in rows):
        print(f"Locust made no request: see {out / 'locust.log'}")
        return 2
    lines = summary(args, rows, report.read_failures(out / "locust_failures.csv"), sampler, ramp)
    if args.profile:
        lines += ["", *profile_lines(args, env, out, rows)]
    text = "\n".join(lines)
    (out / "report.txt").write_text(text + "\n")
    print("\n" + text + f"\n\n(report, logs and Locust's CSV files in {out})")
    return 1 if any(row.failures for row in rows) else 0


def summary(
    args: argparse.Namespace, rows: list[report.Row], failures: list, sampler: report.CpuSampler, ramp: int
) -> list[str]:
    http = [row for row in rows if row.is_http]
    requests = sum(row.count for row in http)
    errors = sum(row.failures for row in http)
    drops = sum(row.count for row in rows if row.kind == scenario.WS_DROPPED)
    sockets = sum(row.count - row.failures for row in rows if row.kind == scenario.WS_CONNECT)
    resent = sum(row.count for row in rows if row.kind == scenario.RESENT)
    over = [row.kind for row in http if row.p95 > report.P95_TARGET_MS]
    shares = sampler.percent()
    others = max(0.0, sampler.machine_percent() * (os.cpu_count() or 1) - sum(shares.values()))
    lines = [
        f"FitnessPr load test: {args.users} users, ramp-up {ramp} s + {args.duration} s at full load, "
        f"{args.web_concurrency} web workers, think time {scenario.THINK_SECONDS[0]}-{scenario.THINK_SECONDS[1]} s",
        f"HTTP: {requests} requests, {sum(row.rps for row in http):.1f} requests/s, {errors} errors; "
        f"WebSockets: {sockets} opened, {drops} dropped",
        f"Resent once on a new connection after the server closed an idle kept-alive one (as browsers do): {resent}",
        f"Target (0 errors, p95 <= {report.P95_TARGET_MS} ms for every page and API call): "
        + ("met" if not errors and not drops and not over else f"not met ({len(over)} kinds over p95)"),
        "",
        *report.stats_table(rows),
        "",
        "Errors:" if failures else "Errors: none",
        *[f"  {count:>5} x {kind}: {error}" for kind, error, count in failures],
        "",
        f"CPU over the run (% of one core; the machine has {os.cpu_count()} cores):",
        *[f"  {share:>6.1f} %  {name}" for name, share in shares.items()],
        f"  {others:>6.1f} %  everything else on this machine (other people's tests: the figures above are noisy)",
        f"  machine: {sampler.machine_percent():.0f} % of its {os.cpu_count()} cores busy over the run",
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
