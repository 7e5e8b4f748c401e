"""`make run PORT=8021` serves on 8021 and its links (emails, invitations, the demo's printed invitation) point there:
SITE_URL comes from HOST and PORT unless it is set."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from fitnesspr.tests.production_env import BASE_DIR

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def dry_run(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    result = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8021"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_links_use_the_port_served():
    output = dry_run()
    assert "FitnessPr at http://127.0.0.1:8021" in output
    assert "runserver 127.0.0.1:8021" in output


def test_a_site_url_that_is_set_wins():
    assert "FitnessPr at https://fit.example" in dry_run(SITE_URL="https://fit.example")
