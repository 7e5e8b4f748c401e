"""The seams between apps hold: no import against the allowed direction, no cycle, small modules."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("import_contract", ROOT / "scripts" / "import_contract.py")
architecture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(architecture)
MAX_LINES = 450  # "about 400": a module that grows past it becomes a package


def test_no_app_imports_against_the_allowed_direction_and_there_is_no_cycle():
    assert architecture.violations() == []


def test_a_new_back_edge_is_caught(tmp_path, monkeypatch):
    """The checker itself: a domain importing an integration, and notifications reading a domain's models."""
    for app, source in {
        "workouts": "from integrations.hevy.push.workouts import on_workout_finished\n",
        "notifications": "from workouts.models import Workout\nfrom workouts.events import WorkoutFinished\n",
        "accounts": "import workouts.models\n",
        "integrations": "from workouts.models import Workout\n",
    }.items():
        (tmp_path / app).mkdir()
        (tmp_path / app / "bad.py").write_text(source)
    monkeypatch.setattr(architecture, "ROOT", tmp_path)

    problems = architecture.violations()

    assert any("workouts/bad.py:1: workouts must not import integrations" in p for p in problems), problems
    assert any("notifications may import only workouts.events, not workouts.models" in p for p in problems)
    assert not any("workouts.events" in p and "not workouts.events" in p for p in problems)
    assert any("accounts must not import workouts" in p for p in problems)
    assert any(p.startswith("import cycle") for p in problems), problems


def test_domains_never_name_an_integration_or_notifications():
    offenders = []
    for app in ("accounts", "workouts"):
        for path in (ROOT / app).rglob("*.py"):
            if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in ("integrations", "notifications")]
    assert offenders == []


@pytest.mark.parametrize("app", architecture.APPS)
def test_source_files_stay_small(app):
    folder = ROOT / app
    paths = sorted(folder.rglob("*.py")) if folder.is_dir() else []
    too_long = []
    for path in paths:
        # Application code; data tables, migrations and tests aside.
        if {"migrations", "data", "tests"} & set(path.relative_to(ROOT).parts):
            continue
        count = len(path.read_text().splitlines())
        if count > MAX_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {count} lines")
    assert too_long == []
