"""What loadtest/run.py measures and prints: Locust's figures per request kind, the CPU each part of the stack used
(from /proc), and where the slowest request kind spends its time (from a py-spy profile of the web workers)."""

from __future__ import annotations

import csv
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from loadtest import scenario

P95_TARGET_MS = 300
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- Locust's figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    kind: str
    count: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float

    @property
    def is_http(self) -> bool:
        return self.kind in scenario.KINDS


def read_stats(path: Path) -> list[Row]:
    """The rows of Locust's `<prefix>_stats.csv`, without the aggregated one."""
    rows: list[Row] = []
    if not path.exists():
        return rows
    with path.open(newline="") as handle:
        for line in csv.DictReader(handle):
            if line["Name"] == "Aggregated":
                continue
            rows.append(
                Row(
                    kind=line["Name"],
                    count=int(line["Request Count"]),
                    failures=int(line["Failure Count"]),
                    p50=_number(line["50%"]),
                    p95=_number(line["95%"]),
                    p99=_number(line["99%"]),
                    rps=float(line["Requests/s"] or 0),
                )
            )
    return rows


def read_failures(path: Path) -> list[tuple[str, str, int]]:
    """(kind, error, occurrences) from Locust's `<prefix>_failures.csv`, most frequent first."""
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        found = [(line["Name"], line["Error"], int(line["Occurrences"])) for line in csv.DictReader(handle)]
    return sorted(found, key=lambda item: -item[2])


def _number(text: str) -> float:
    return float(text) if text not in ("", "N/A") else 0.0


def stats_table(rows: list[Row]) -> list[str]:
    width = max([len(row.kind) for row in rows] + [12])
    lines = [f"{'request kind':<{width}} {'count':>7} {'fail':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)"]
    for row in sorted(rows, key=lambda row: (not row.is_http, row.kind)):
        flag = "  > target" if row.is_http and row.p95 > P95_TARGET_MS else ""
        lines.append(
            f"{row.kind:<{width}} {row.count:>7} {row.failures:>5} {row.rps:>6.2f} "
            f"{row.p50:>6.0f} {row.p95:>6.0f} {row.p99:>6.0f}{flag}"
        )
    return lines


def slowest(rows: list[Row], *, enough: int = 20) -> Row | None:
    """The HTTP request kind with the highest 95th percentile, among those made all along the run (not the
    logins of the ramp-up, which a profile taken at full load does not see) and often enough for it to mean
    something (any, when none was)."""
    http = [row for row in rows if row.is_http and row.count and row.kind not in scenario.AT_START]
    frequent = [row for row in http if row.count >= enough] or http
    return max(frequent, key=lambda row: (row.p95, row.p50), default=None)


# --- CPU from /proc --------------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, CPU ticks used: user + system, start time in ticks after boot) of a process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "; the name may hold spaces
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[19])


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def processes() -> dict[int, int]:
    """Every process: pid -> parent pid."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            found[int(entry)] = stat[0]
    return found


def tree(root: int, parents: dict[int, int]) -> set[int]:
    """`root` and all its descendants."""
    found, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in found]
        found.update(children)
        frontier.extend(children)
    return found


def matching(parents: dict[int, int], predicate: Callable[[str], bool]) -> set[int]:
    return {pid for pid in parents if predicate(cmdline(pid))}


def _uptime_ticks() -> int:
    return int(float(Path("/proc/uptime").read_text().split()[0]) * CLOCK_TICKS)


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far."""
    values = [int(part) for part in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values[:8]) - idle, sum(values[:8])


class CpuSampler(threading.Thread):
    """Once a second, the CPU ticks of each group's processes; `percent()` is each group's CPU over the window
    (per-process user + system time deltas / wall time) as a percentage of one core."""

    def __init__(self, groups: dict[str, Callable[[dict[int, int]], Iterable[int]]], interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.groups = groups
        self.interval = interval
        self.first: dict[tuple[str, int], int] = {}
        self.last: dict[tuple[str, int], int] = {}
        self.halt = threading.Event()
        self.started_ticks = _uptime_ticks()
        self.started = time.monotonic()
        self.machine_start = _machine_ticks()
        self.machine_end = self.machine_start
        self.ended = self.started

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        parents = processes()
        for name, finder in self.groups.items():
            for pid in finder(parents):
                stat = _stat(pid)
                if stat is None:
                    continue
                # a process started during the window counts from zero, one already running from its first sight
                self.first.setdefault((name, pid), stat[1] if stat[2] < self.started_ticks else 0)
                self.last[(name, pid)] = stat[1]
        self.machine_end = _machine_ticks()
        self.ended = time.monotonic()

    def stop(self) -> None:
        self.sample()
        self.halt.set()
        self.join(timeout=5)

    def percent(self) -> dict[str, float]:
        wall = max(self.ended - self.started, 1e-6)
        used: Counter[str] = Counter()
        for key, ticks in self.last.items():
            used[key[0]] += ticks - self.first[key]
        return {name: 100 * used[name] / CLOCK_TICKS / wall for name in self.groups}

    def machine_percent(self) -> float:
        """The whole machine's CPU busy over the window, as a percentage of all its cores."""
        busy = self.machine_end[0] - self.machine_start[0]
        total = self.machine_end[1] - self.machine_start[1]
        return 100 * busy / total if total else 0.0


# --- The profile -----------------------------------------------------------------------------------------


def view_frame(source_file: str, function: str | None) -> Callable[[str], bool]:
    """Is a frame the view's: `function` in `source_file`, or any frame of that file for a class-based view?"""
    return lambda frame: f"({source_file}:" in frame and (function is None or frame.startswith(f"{function} ("))


def request_frame(frame: str) -> bool:
    """Is a frame Django's handling of a request (every HTTP request passes through it)?"""
    return "/django/core/handlers/" in frame


def profile_summary(
    raw: Iterable[str],
    *,
    start_at: Callable[[str], bool],
    top: int = 12,
    views: dict[str, Callable[[str], bool]] | None = None,
) -> list[str]:
    """From py-spy's raw output (one `frame;frame;... count` a line, outermost first), the samples whose stack
    passes through a frame `start_at` accepts: the share of each kind of work, the functions where those samples
    were when taken (self time), and either those they passed through below that frame (inclusive) or, given
    `views` (a name for each view and its frame test), the share of each view."""
    total, leaves, inclusive, shares, by_view = 0, Counter(), Counter(), Counter(), Counter()
    for line in raw:
        stack, _, count_text = line.rstrip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = stack.split(";")
        start = next((index for index, frame in enumerate(frames) if start_at(frame)), None)
        if start is None:
            continue
        count = int(count_text)
        total += count
        inside = [_short(frame) for frame in frames[start:]]
        leaves[inside[-1]] += count
        for name in dict.fromkeys(inside):
            inclusive[name] += count
        shares[_kind_of_work(frames[start:])] += count
        if views:
            inside_view = (name for name, test in views.items() if any(test(frame) for frame in frames[start:]))
            by_view[next(inside_view, "(none of these: middleware, sessions, outside a view)")] += count
    if not total:
        return ["  (no samples: it ran too rarely while py-spy was recording)"]
    lines = [f"  {total} samples; by kind of work:"]
    lines += [f"    {share:>5.1f} %  {name}" for name, share in _percent(shares, total)]
    lines.append("  where the samples were (self):")
    lines += [f"    {share:>5.1f} %  {name}" for name, share in _percent(leaves, total)[:top]]
    if views:
        lines.append("  by view (the request kinds it serves):")
        lines += [f"    {share:>5.1f} %  {name}" for name, share in _percent(by_view, total)[:top]]
    else:
        lines.append("  passing through (inclusive):")
        lines += [f"    {share:>5.1f} %  {name}" for name, share in _percent(inclusive, total)[1 : top + 1]]
    return lines


def _percent(counter: Counter, total: int) -> list[tuple[str, float]]:
    return [(name, 100 * count / total) for name, count in counter.most_common()]


def _short(frame: str) -> str:
    """`render (/x/site-packages/django/template/base.py:170)` -> `render (django/template/base.py)`."""
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    for marker in ("site-packages/", "/main/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{name} ({path})"


def _kind_of_work(frames: list[str]) -> str:
    """What the innermost frames say the thread was doing."""
    text = ";".join(frames)
    innermost = frames[-1]
    if "psycopg" in innermost or "psycopg_pool" in innermost:
        return "waiting on PostgreSQL (psycopg)"
    if "redis" in text.rsplit(";", 3)[-1]:
        return "waiting on Redis"
    if "argon2" in innermost or "hashers.py" in innermost:
        return "password hashing (Argon2)"
    if "/django/template/" in innermost or "/templatetags/" in innermost:
        return "template rendering"
    if "/django/db/" in innermost:
        return "Django ORM (building queries, making model objects)"
    if "/site-packages/" in innermost:
        return "other library code (" + innermost.split("/site-packages/", 1)[1].split("/", 1)[0] + ")"
    return "project code"
