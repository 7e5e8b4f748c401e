"""Run the project's commands in subprocesses with a controlled environment (production-like or dev)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]
_ENV_READ = re.compile(r'env_(?:str|bool|int|list|url)\(\s*"([A-Z][A-Z0-9_]*)"')
_ENV_BOOL = re.compile(r'env_bool\(\s*"([A-Z][A-Z0-9_]*)"')
_KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "VIRTUAL_ENV")


def settings_variables() -> set[str]:
    """Every environment variable settings.py reads (through the helpers of fitnesspr/env.py)."""
    return set(_ENV_READ.findall((BASE_DIR / "fitnesspr" / "settings.py").read_text()))


def clean_env() -> dict[str, str]:
    """The OS essentials, and every settings variable blank so neither this shell nor a `.env` file leaks in.

    A blank value counts as unset for the helpers (and `.env` never overrides a variable that is set),
    except for booleans, where blank reads as false: those are left out (callers set DEBUG).
    """
    env = {name: os.environ[name] for name in _KEEP if name in os.environ}
    source = (BASE_DIR / "fitnesspr" / "settings.py").read_text()
    env.update(dict.fromkeys(settings_variables() - set(_ENV_BOOL.findall(source)), ""))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def random_secret_key() -> str:
    return secrets.token_urlsafe(45)  # 60 characters


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = clean_env()
    env.update(
        DEBUG="false",
        SECRET_KEY=random_secret_key(),
        ALLOWED_HOSTS="example.com",
        FIELD_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a command from the project folder (`python` means this interpreter)."""
    if args[0] == "python":
        args = [sys.executable, *args[1:]]
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(["python", "manage.py", *args], env)
