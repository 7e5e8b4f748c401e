"""The physical limit a list API is measured against (`manage.py benchmark_workouts`, issue: list APIs cost at
most 3x it): the same rows fetched with one raw SQL query, joined, and encoded with the standard library's
`json`. Timed interleaved with the API requests, in the same process, so both see the same machine and cache.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client

from workouts.models import Exercise, Plan, PlanDay, PlanExercise, PlanSet, Workout, WorkoutExercise, WorkoutSet

TARGET_RATIO = 3.0


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _fetch_and_encode(sql: str, params: Sequence[Any]) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return json.dumps(rows, default=str).encode()


def workout_page(user_ids: Sequence[Any], limit: int = 20) -> Callable[[], bytes]:
    """The newest `limit` workouts of these users with their exercises (and names) and sets, in one query."""
    placeholders = ", ".join(["%s"] * len(user_ids))
    sql = f"""
        SELECT w.id, w.user_id, w.plan_day_id, w.name, w.notes, w.started_at, w.ended_at, w.source, w.hevy_id,
               w.created_at, w.updated_at, we.id, we.position, we.exercise_id, e.name, e.exercise_type,
               we.superset_group, we.notes, s.id, s.position, s.set_type, s.reps, s.weight_kg, s.distance_m,
               s.duration_seconds, s.rpe, s.estimated_1rm_kg
        FROM (SELECT * FROM {_table(Workout)} WHERE user_id IN ({placeholders})
              ORDER BY started_at DESC, id DESC LIMIT {int(limit)}) w
        LEFT JOIN {_table(WorkoutExercise)} we ON we.workout_id = w.id
        LEFT JOIN {_table(Exercise)} e ON e.id = we.exercise_id
        LEFT JOIN {_table(WorkoutSet)} s ON s.workout_exercise_id = we.id
        ORDER BY w.started_at DESC, w.id DESC, we.position, s.position
    """  # noqa: S608 - table names from the models, values as parameters
    params = [pk.hex if connection.vendor == "sqlite" else pk for pk in user_ids]
    return lambda: _fetch_and_encode(sql, params)


def plan_detail(plan_id: Any) -> Callable[[], bytes]:
    """A plan with its days, exercises (and names) and sets, in one query."""
    sql = f"""
        SELECT p.id, p.client_id, p.author_id, p.is_template, p.name, p.goal, p.start_date, p.weeks, p.notes,
               p.status, p.source, p.copied_from_id, p.created_at, p.updated_at, d.id, d.position, d.name,
               d.weekday, d.notes, pe.id, pe.position, pe.exercise_id, e.name, e.exercise_type, pe.superset_group,
               pe.rest_seconds, pe.notes, ps.id, ps.position, ps.set_type, ps.reps_min, ps.reps_max,
               ps.target_weight_kg, ps.target_rpe, ps.duration_seconds, ps.distance_m, ps.weight_increment_kg,
               ps.reps_increment
        FROM {_table(Plan)} p
        LEFT JOIN {_table(PlanDay)} d ON d.plan_id = p.id
        LEFT JOIN {_table(PlanExercise)} pe ON pe.day_id = d.id
        LEFT JOIN {_table(Exercise)} e ON e.id = pe.exercise_id
        LEFT JOIN {_table(PlanSet)} ps ON ps.plan_exercise_id = pe.id
        WHERE p.id = %s
        ORDER BY d.position, pe.position, ps.position
    """  # noqa: S608 - table names from the models, values as parameters
    param = plan_id.hex if connection.vendor == "sqlite" else plan_id
    return lambda: _fetch_and_encode(sql, [param])


@dataclass
class Comparison:
    label: str
    who: str
    api_ms: float
    raw_ms: float
    status: int

    @property
    def ratio(self) -> float:
        return self.api_ms / self.raw_ms if self.raw_ms else float("nan")


def compare(
    client: Client, *, label: str, who: str, path: str, raw: Callable[[], bytes], requests: int, warmup: int = 2
) -> Comparison:
    """Medians of `requests` API requests and as many raw fetches, interleaved."""
    for _ in range(warmup):
        client.get(path, secure=True)
        raw()
    api_times, raw_times = [], []
    status = 0
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(path, secure=True)
        api_times.append((time.perf_counter() - began) * 1000)
        status = response.status_code
        began = time.perf_counter()
        raw()
        raw_times.append((time.perf_counter() - began) * 1000)
    return Comparison(label, who, statistics.median(api_times), statistics.median(raw_times), status)


def table(rows: list[Comparison]) -> list[str]:
    header = f"{'API':<28} {'as':<18} {'status':>6} {'API ms':>8} {'raw ms':>8} {'x raw':>6} {'target':>7}"
    lines = [header, "-" * len(header)]
    for row in rows:
        verdict = "ok" if row.ratio <= TARGET_RATIO else "OVER"
        lines.append(
            f"{row.label:<28} {row.who:<18} {row.status:>6} {row.api_ms:>8.2f} {row.raw_ms:>8.2f} "
            f"{row.ratio:>6.2f} {'<=' + format(TARGET_RATIO, 'g') + 'x':>7} {verdict}"
        )
    return lines
