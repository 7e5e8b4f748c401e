"""Tasks run for real: a `celery worker` process consumes them from Redis (not in-process)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.result import AsyncResult, EagerResult

from fitnesspr.celery import app as celery_app
from fitnesspr.tasks import ping, send_email

pytestmark = pytest.mark.redis

BASE_DIR = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_SECONDS = 60


class Worker:
    def __init__(self, process: subprocess.Popen[bytes], queue: str, log: Path) -> None:
        self.process = process
        self.queue = queue
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, result: AsyncResult, timeout: float = STARTUP_TIMEOUT_SECONDS) -> object:
        """The task's return value; fails early, with the worker's output, if the worker died."""
        deadline = time.monotonic() + timeout
        while not result.ready():
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited with {self.process.returncode}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no result after {timeout}s; worker output:\n{self.output()}")
            time.sleep(0.1)
        return result.get(timeout=1)


@pytest.fixture
def worker(settings, tmp_path) -> Iterator[Worker]:
    # The autouse fixture of conftest.py runs tasks in-process (and sets it back for the next test);
    # this test is about not doing that.
    celery_app.conf.task_always_eager = False
    # A private queue, so that no other worker on this Redis (a developer's, a parallel run) takes our tasks.
    queue = f"fitnesspr-test-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fitnesspr.settings",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": "locmem://",
        "LOG_FORMAT": "text",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "fitnesspr",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                f"--queues={queue}",
                f"--hostname={queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield Worker(process, queue, log)
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown: finish the current task, then exit
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_worker_process_runs_ping_from_redis(worker):
    result = ping.apply_async(queue=worker.queue)

    assert not isinstance(result, EagerResult)
    assert worker.wait_for(result) == "pong"
    # The worker, not this process, ran it.
    assert f"Task fitnesspr.tasks.ping[{result.id}] succeeded" in worker.output()
    result.forget()


def test_the_image_health_check_pings_the_worker_through_the_broker(worker, settings):
    healthcheck = BASE_DIR / "docker" / "healthcheck.py"
    env = {**os.environ, "REDIS_URL": settings.REDIS_URL, "DJANGO_SETTINGS_MODULE": "fitnesspr.settings"}
    node = f"{worker.queue}@{socket.gethostname()}"
    worker.wait_for(ping.apply_async(queue=worker.queue))  # the worker is up

    def check(node_name: str) -> subprocess.CompletedProcess[str]:
        args = [sys.executable, str(healthcheck), "worker", node_name]
        return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert check(node).returncode == 0
    missing = check(f"nobody-{uuid.uuid4().hex}@{socket.gethostname()}")
    assert missing.returncode == 1
    assert "did not answer" in missing.stderr


def test_a_worker_process_sends_email_with_keyword_arguments(worker):
    result = send_email.apply_async(
        kwargs={"subject": "Hello", "body": "Welcome to FitnessPr.", "to": ["client@example.com"]},
        queue=worker.queue,
    )

    assert worker.wait_for(result) == 1  # one message handed to the (worker's locmem) backend
    assert f"Task fitnesspr.tasks.send_email[{result.id}] succeeded" in worker.output()
    result.forget()
