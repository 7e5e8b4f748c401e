"""The image's HEALTHCHECK: exit 0 when this container's process is healthy.

One image runs web, worker or beat, and Docker runs the same check in each, so the check looks at
what PID 1 is (or takes the role as its argument):
- web: GET /healthz on $PORT, with a Host header Django accepts (ALLOWED_HOSTS);
- worker: the Celery worker of this container answers a ping through the broker;
- beat: alive while PID 1 runs (nothing to ask it).
"""

from __future__ import annotations

import os
import socket
import sys
import urllib.request
from pathlib import Path


def role_of_pid_1(cmdline: Path = Path("/proc/1/cmdline")) -> str:
    try:
        args = [arg.decode(errors="replace") for arg in cmdline.read_bytes().split(b"\0") if arg]
    except OSError:
        return "web"
    if any(Path(arg).name == "celery" for arg in args) or "celery" in args:
        return "beat" if "beat" in args else "worker"
    return "web"


def allowed_host() -> str:
    """A host name Django accepts; without one, it answers 400 before the view runs."""
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def check_web() -> bool:
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": allowed_host()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - a fixed local http URL
            return response.status == 200
    except OSError as error:
        print(f"web: {error}", file=sys.stderr)
        return False


def check_worker(node: str | None = None) -> bool:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitnesspr.settings")
    from fitnesspr.celery import app

    node = node or f"celery@{socket.gethostname()}"  # Celery's default node name in this container
    replies = app.control.ping(destination=[node], timeout=5)
    if not any(node in reply for reply in replies):
        print(f"worker: {node} did not answer", file=sys.stderr)
        return False
    return True


def main(argv: list[str]) -> int:
    """`healthcheck.py [web | worker [NODE] | beat]`; without a role, the role of PID 1."""
    role = argv[1] if len(argv) > 1 else role_of_pid_1()
    checks = {"web": check_web, "worker": lambda: check_worker(*argv[2:3]), "beat": lambda: True}
    if role not in checks:
        print(f"unknown role {role!r}; expected one of {', '.join(checks)}", file=sys.stderr)
        return 2
    return 0 if checks[role]() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
