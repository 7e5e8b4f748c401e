"""The import contract between apps (docs/architecture.md), checked by `make lint` and by the test suite.

Reads every module's imports with `ast` (tests and migrations aside) and reports each import that goes against
the allowed direction, and any cycle between apps. Run: `python scripts/import_contract.py`.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("fitnesspr", "accounts", "workouts", "nutrition", "progress", "notifications", "integrations")
DOMAINS = ("workouts", "nutrition", "progress")

# Which apps each app may import. Everything may import the core (fitnesspr) and accounts.
ALLOWED: dict[str, set[str]] = {
    "fitnesspr": set(),
    "accounts": {"fitnesspr"},
    "workouts": {"fitnesspr", "accounts"},
    "nutrition": {"fitnesspr", "accounts"},
    "progress": {"fitnesspr", "accounts", "workouts", "nutrition"},
    # notifications: accounts, and the `events` modules of the domains and integrations only (checked below).
    "notifications": {"fitnesspr", "accounts"},
    "integrations": {"fitnesspr", "accounts", *DOMAINS},
}
EVENTS_ONLY = {"notifications": {*DOMAINS, "integrations"}}
# The core puts the apps together in these modules only: URLs, WebSocket routing, schedules, demo data.
COMPOSITION = {"fitnesspr/urls.py", "fitnesspr/routing.py", "fitnesspr/schedule.py", "fitnesspr/demo.py"}


def _modules() -> list[Path]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")) if (ROOT / app).is_dir() else []:
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or "testing" in parts:
                continue
            found.append(path)
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return names


def violations() -> list[str]:
    problems = []
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        app = relative.split("/")[0]
        for line, name in _imports(path):
            target = name.split(".")[0]
            if target not in APPS or target == app:
                continue
            if app == "fitnesspr" and relative in COMPOSITION:
                continue
            if target in EVENTS_ONLY.get(app, ()):
                if name.split(".")[1:2] != ["events"]:
                    problems.append(f"{relative}:{line}: {app} may import only {target}.events, not {name}")
                continue
            edges[app].add(target)
            if target not in ALLOWED[app]:
                problems.append(f"{relative}:{line}: {app} must not import {target} ({name})")
    problems += [f"import cycle between apps: {' -> '.join(cycle)}" for cycle in _cycles(edges)]
    return sorted(set(problems))


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:
                visit(nxt, [*path, nxt])

    for start in sorted(edges):
        visit(start, [start])
    return found


if __name__ == "__main__":
    problems = violations()
    print("\n".join(problems) or "import contract: no back-edge, no cycle")
    sys.exit(1 if problems else 0)
