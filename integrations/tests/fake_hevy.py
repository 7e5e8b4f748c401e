"""A fake Hevy API on loopback that behaves as shared/HEVY_API.md says, quirks included.

In tests use the `fake_hevy` fixture (integrations/tests/conftest.py): it starts the server, points
settings.HEVY_API_BASE_URL at it, sets settings.HEVY_PAGE_PAUSE_SECONDS to 0 and records the client's pauses
instead of sleeping (`fake_hevy.sleeps`), so `HevyClient(fake_hevy.api_key)` just works and is fast.

    workout = fake_hevy.add_workout(title="Push day", exercises=[
        {"exercise_template_id": "79D0BB3A", "superset_id": None,
         "sets": [{"type": "normal", "weight_kg": 100, "reps": 5}]},
    ])                                              # also records an "updated" event; returns the API form
    fake_hevy.add_workouts(1000, exercises=5, sets=5)   # bulk, for the benchmark
    fake_hevy.update_workout(workout["id"], title="Heavy push")   # "updated" event
    fake_hevy.delete_workout(workout["id"])          # "deleted" event
    fake_hevy.add_template(title="Sled Push", type="weight_reps", equipment_category="other")   # custom template
    fake_hevy.fail_next(429, retry_after=1)          # next request answers 429 with Retry-After: 1
    fake_hevy.fail_next(500, times=2, path="/v1/workouts/events")   # only requests to that path
    fake_hevy.fail_next(401)                         # e.g. a key revoked mid-sync (plain-text InvalidApiKey)
    fake_hevy.delay_next(0.5)                        # next answer waits 0.5 s (real timeouts)
    fake_hevy.requests("POST", "/v1/routines")       # request log: .method .path .query .headers .body .status
    fake_hevy.workouts, .routines, .folders, .templates, .events    # state (dicts by id / list)
    fake_hevy.routine_answer = "empty"               # POST/PUT routine answers: list (default), object, empty, idless
    fake_hevy.workout_answer = "object"              # POST/PUT workout answers: list (default) or the bare object
    fake_hevy.clock = lambda: fixed_time             # the time stamped on new/updated/deleted workouts and events
    fake_hevy.template_answer = "text"               # POST exercise_templates answers: json (default) or text
    fake_hevy.routine_limit = 3; fake_hevy.custom_template_limit = 0   # 403 past the limit

Behaviour: `api-key` header checked (401 text/html `InvalidApiKey`); pageSize 1..10 (templates 1..100) else 400
`Invalid page size`; 404 past the last page (also page 1 of an empty list); lists newest first; POST/PUT answer
one-element lists; responses say `supersets_id`; timestamps rotate between `Z`, `+00:00` and milliseconds; request
bodies are validated strictly (unknown fields -> 400 `"workout.routine_id" is not allowed`, routine POST needs
`folder_id` (null allowed), routine PUT rejects `folder_id`, no `rpe` on routine sets, `rep_range` an object or
absent (null rejected on PUT), workout PUT without `is_private` -> 500, rpe only 6/7/7.5/.../10).

Standalone (browser tests, manual play): `python -m integrations.tests.fake_hevy --port 8766 --key KEY`
serves a handful of demo workouts.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DEFAULT_KEY = "00000000-0000-4000-8000-00000000beef"
SET_TYPES = ("warmup", "normal", "failure", "dropset")
RPE_VALUES = (6, 7, 7.5, 8, 8.5, 9, 9.5, 10)
EXERCISE_TYPES = (
    "weight_reps",
    "reps_only",
    "bodyweight_reps",
    "bodyweight_assisted_reps",
    "duration",
    "weight_duration",
    "distance_duration",
    "short_distance_weight",
)
MUSCLE_GROUPS = (
    "abdominals",
    "shoulders",
    "biceps",
    "triceps",
    "forearms",
    "quadriceps",
    "hamstrings",
    "calves",
    "glutes",
    "abductors",
    "adductors",
    "lats",
    "upper_back",
    "traps",
    "lower_back",
    "chest",
    "cardio",
    "neck",
    "full_body",
    "other",
)
EQUIPMENT = ("none", "barbell", "dumbbell", "kettlebell", "machine", "plate", "resistance_band", "suspension", "other")

# (id, title, type, primary muscle, secondary muscles, equipment): built-ins, ids as Hevy's (8 upper-case hex).
BUILTIN_TEMPLATES = [
    ("79D0BB3A", "Bench Press (Barbell)", "weight_reps", "chest", ["triceps", "shoulders"], "barbell"),
    ("D04AC939", "Squat (Barbell)", "weight_reps", "quadriceps", ["glutes", "hamstrings"], "barbell"),
    ("C6272009", "Deadlift (Barbell)", "weight_reps", "hamstrings", ["glutes", "lower_back"], "barbell"),
    ("7B8D84E8", "Overhead Press (Barbell)", "weight_reps", "shoulders", ["triceps"], "barbell"),
    ("37FCC2BB", "Bicep Curl (Dumbbell)", "weight_reps", "biceps", ["forearms"], "dumbbell"),
    ("6A6C31A5", "Lat Pulldown (Cable)", "weight_reps", "lats", ["biceps"], "machine"),
    ("1B2B1E7C", "Pull Up", "bodyweight_reps", "lats", ["biceps", "upper_back"], "none"),
    ("C6C9B8A0", "Plank", "duration", "abdominals", [], "none"),
    ("AC1BB830", "Running", "distance_duration", "cardio", [], "none"),
]


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    status: int = 0


@dataclass
class _Failure:
    status: int
    retry_after: float | str | None = None
    body: str | None = None
    path: str | None = None
    method: str | None = None
    times: int = 1
    delay: float = 0.0


@dataclass
class _Answer:
    status: int
    body: Any = None  # dict/list -> JSON; str -> text/html; None -> empty
    headers: dict[str, str] = field(default_factory=dict)


def _time(value: datetime, style: int) -> str:
    """Hevy's timestamp variants: `...Z`, `...+00:00`, `....123Z`."""
    value = value.astimezone(UTC)
    base = value.strftime("%Y-%m-%dT%H:%M:%S")
    if style % 3 == 0:
        return base + "Z"
    if style % 3 == 1:
        return base + "+00:00"
    return f"{base}.{value.microsecond // 1000:03d}Z"


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


# --- strict request validation (Joi-style messages) -----------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _nullable(check):
    def wrapped(value, label):
        if value is not None:
            check(value, label)

    return wrapped


def _string(value, label):
    if not isinstance(value, str):
        raise BadRequest(f'"{label}" must be a string')


def _number(value, label):
    if not _is_number(value):
        raise BadRequest(f'"{label}" must be a number')


def _integer(value, label):
    if not (_is_number(value) and float(value).is_integer()):
        raise BadRequest(f'"{label}" must be an integer')


def _boolean(value, label):
    if not isinstance(value, bool):
        raise BadRequest(f'"{label}" must be a boolean')


def _date(value, label):
    if _parse_time(value) is None:
        raise BadRequest(f'"{label}" must be a valid date')


def _one_of(choices):
    def check(value, label):
        if value not in choices or isinstance(value, bool):
            raise BadRequest(f'"{label}" must be one of [{", ".join(str(c) for c in choices)}]')

    return check


def _list_of(check):
    def checked(value, label):
        if not isinstance(value, list):
            raise BadRequest(f'"{label}" must be an array')
        for i, item in enumerate(value):
            check(item, f"{label}[{i}]")

    return checked


def _object(spec: dict[str, tuple[bool, Any]]):
    """spec: field -> (required, check). Unknown fields are rejected, as Hevy does."""

    def check(value, label):
        if not isinstance(value, dict):
            raise BadRequest(f'"{label}" must be of type object')
        for key in value:
            if key not in spec:
                raise BadRequest(f'"{label}.{key}" is not allowed')
        for key, (required, field_check) in spec.items():
            if key not in value:
                if required:
                    raise BadRequest(f'"{label}.{key}" is required')
                continue
            field_check(value[key], f"{label}.{key}")

    return check


_MEASURES = {
    "weight_kg": (False, _nullable(_number)),
    "reps": (False, _nullable(_integer)),
    "distance_meters": (False, _nullable(_number)),
    "duration_seconds": (False, _nullable(_integer)),
    "custom_metric": (False, _nullable(_number)),
}
WORKOUT_SET = _object({"type": (True, _one_of(SET_TYPES)), **_MEASURES, "rpe": (False, _nullable(_one_of(RPE_VALUES)))})
WORKOUT_EXERCISE = _object(
    {
        "exercise_template_id": (True, _string),
        "superset_id": (False, _nullable(_integer)),
        "notes": (False, _nullable(_string)),
        "sets": (True, _list_of(WORKOUT_SET)),
    }
)
_WORKOUT_FIELDS = {
    "title": (True, _string),
    "description": (False, _nullable(_string)),
    "start_time": (True, _date),
    "end_time": (True, _date),
    "is_private": (False, _boolean),
    "exercises": (True, _list_of(WORKOUT_EXERCISE)),
}
WORKOUT = _object(_WORKOUT_FIELDS)
REP_RANGE = _object({"start": (False, _nullable(_integer)), "end": (False, _nullable(_integer))})


def _routine(*, post: bool):
    rep_range = _nullable(REP_RANGE) if post else REP_RANGE
    routine_set = _object({"type": (True, _one_of(SET_TYPES)), **_MEASURES, "rep_range": (False, rep_range)})
    exercise = _object(
        {
            "exercise_template_id": (True, _string),
            "superset_id": (False, _nullable(_integer)),
            "rest_seconds": (False, _nullable(_integer)),
            "notes": (False, _nullable(_string)),
            "sets": (True, _list_of(routine_set)),
        }
    )
    # Routine notes: a string on POST (null answers 400 "routine.notes must be a string"), null allowed on PUT.
    notes = _string if post else _nullable(_string)
    spec = {"title": (True, _string), "notes": (False, notes), "exercises": (True, _list_of(exercise))}
    if post:
        spec["folder_id"] = (False, _nullable(_integer))  # presence is checked apart, with Hevy's own message
    return _object(spec)


ROUTINE_POST = _routine(post=True)
ROUTINE_PUT = _routine(post=False)
FOLDER = _object({"title": (True, _string)})
CUSTOM_EXERCISE = _object(
    {
        "title": (True, _string),
        "exercise_type": (True, _one_of(EXERCISE_TYPES)),
        "equipment_category": (True, _one_of(EQUIPMENT)),
        "muscle_group": (True, _one_of(MUSCLE_GROUPS)),
        "other_muscles": (False, _list_of(_one_of(MUSCLE_GROUPS))),
    }
)


def _envelope(body: Any, key: str, check) -> dict:
    if not isinstance(body, dict):
        raise BadRequest('"value" must be of type object')
    for name in body:
        if name != key:
            raise BadRequest(f'"{name}" is not allowed')
    if key not in body:
        raise BadRequest(f'"{key}" is required')
    check(body[key], key)
    return body[key]


# --- the fake ---------------------------------------------------------------------------------------------------


class FakeHevy:
    """One Hevy account behind a loopback HTTP server. State is guarded by one lock (the server is threaded)."""

    def __init__(self, api_key: str = DEFAULT_KEY, *, host: str = "127.0.0.1", port: int = 0):
        self.api_key = api_key
        self.host = host
        self.port = port
        self.lock = threading.RLock()
        self.user = {"id": str(uuid.uuid4()), "name": "Hevy Tester", "url": "https://hevy.com/user/hevytester"}
        self.clock = lambda: datetime.now(UTC)
        self.workouts: dict[str, dict] = {}
        self.events: list[dict] = []  # internal: {"at", "seq", "type", "workout"| "id"}
        self.templates: dict[str, dict] = {}
        self.folders: dict[int, dict] = {}
        self.routines: dict[str, dict] = {}
        self.log: list[LoggedRequest] = []
        self.sleeps: list[float] = []  # pauses the client asked for (recorded by the fixture)
        self.routine_answer = "list"
        self.workout_answer = "list"
        self.template_answer = "json"
        self.routine_limit: int | None = None
        self.custom_template_limit: int | None = None
        self._failures: list[_Failure] = []
        self._seq = 0
        self._next_folder_id = 1000
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        for template_id, title, kind, primary, secondary, equipment in BUILTIN_TEMPLATES:
            self.templates[template_id] = {
                "id": template_id,
                "title": title,
                "type": kind,
                "primary_muscle_group": primary,
                "secondary_muscle_groups": list(secondary),
                "equipment_category": equipment,
                "is_custom": False,
            }

    # --- server lifecycle ------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://{self.host}:{self._server.server_address[1]}"

    def start(self) -> FakeHevy:
        self._server = ThreadingHTTPServer((self.host, self.port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="fake-hevy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> FakeHevy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- test helpers ----------------------------------------------------------------------------------------

    def record_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def fail_next(
        self,
        status: int,
        *,
        retry_after: float | str | None = None,
        times: int = 1,
        path: str | None = None,
        method: str | None = None,
        body: str | None = None,
    ) -> None:
        """The next `times` requests (to `path`/`method` if given) answer `status` instead of being served."""
        with self.lock:
            self._failures.append(_Failure(status, retry_after, body, path, method, times))

    def delay_next(self, seconds: float, *, times: int = 1, path: str | None = None) -> None:
        """The next `times` requests are served normally but only after `seconds`."""
        with self.lock:
            self._failures.append(_Failure(0, path=path, times=times, delay=seconds))

    def requests(self, method: str | None = None, path: str | None = None) -> list[LoggedRequest]:
        """Logged requests, optionally by method and path (a trailing `*` matches a prefix)."""
        with self.lock:
            found = []
            for entry in self.log:
                if method and entry.method != method:
                    continue
                if path and not (entry.path.startswith(path[:-1]) if path.endswith("*") else entry.path == path):
                    continue
                found.append(entry)
            return found

    def add_template(
        self,
        *,
        title: str,
        type: str = "weight_reps",
        primary_muscle_group: str = "other",
        secondary_muscle_groups: list[str] | None = None,
        equipment_category: str = "none",
        is_custom: bool = True,
        id: str | None = None,
    ) -> dict:
        with self.lock:
            template_id = id or (str(uuid.uuid4()) if is_custom else uuid.uuid4().hex[:8].upper())
            self.templates[template_id] = {
                "id": template_id,
                "title": title,
                "type": type,
                "primary_muscle_group": primary_muscle_group,
                "secondary_muscle_groups": list(secondary_muscle_groups or []),
                "equipment_category": equipment_category,
                "is_custom": is_custom,
            }
            return dict(self.templates[template_id])

    def add_workout(
        self,
        *,
        title: str = "Morning workout",
        description: str = "",
        start_time: datetime | None = None,
        duration: timedelta = timedelta(hours=1),
        exercises: list[dict] | None = None,
        routine_id: str | None = None,
        id: str | None = None,
    ) -> dict:
        """Store a workout (as if logged in the Hevy app) and record its "updated" event; the API form."""
        with self.lock:
            now = self.clock()
            start = start_time or now - duration
            if exercises is None:
                exercises = [
                    {
                        "exercise_template_id": "79D0BB3A",
                        "sets": [{"type": "normal", "weight_kg": 100, "reps": 5} for _ in range(3)],
                    }
                ]
            workout = {
                "id": id or str(uuid.uuid4()),
                "title": title,
                "description": description,
                "start_time": start,
                "end_time": start + duration,
                "created_at": now,
                "updated_at": now,
                "routine_id": routine_id,
                "is_private": False,
                "exercises": [self._exercise(e) for e in exercises],
                "style": self._next_seq(),
            }
            self.workouts[workout["id"]] = workout
            self._event_updated(workout)
            return self._render_workout(workout)

    def add_workouts(self, count: int, *, exercises: int = 5, sets: int = 5, start: datetime | None = None) -> None:
        """Bulk workouts of `exercises` x `sets` on the built-in templates, one a day back from `start`."""
        start = start or self.clock() - timedelta(days=count + 1)
        template_ids = [t[0] for t in BUILTIN_TEMPLATES if t[2] == "weight_reps"]
        for n in range(count):
            self.add_workout(
                title=f"Workout {n + 1}",
                start_time=start + timedelta(days=n),
                exercises=[
                    {
                        "exercise_template_id": template_ids[(n + e) % len(template_ids)],
                        "sets": [
                            {"type": "normal", "weight_kg": 40 + 2.5 * (s + e), "reps": 5 + s % 4} for s in range(sets)
                        ],
                    }
                    for e in range(exercises)
                ],
            )

    def update_workout(self, workout_id: str, **changes: Any) -> dict:
        """Change fields (title, description, start_time, end_time, exercises) and record an "updated" event."""
        with self.lock:
            workout = self.workouts[workout_id]
            for key, value in changes.items():
                workout[key] = [self._exercise(e) for e in value] if key == "exercises" else value
            workout["updated_at"] = self.clock()
            self._event_updated(workout)
            return self._render_workout(workout)

    def delete_workout(self, workout_id: str) -> None:
        with self.lock:
            del self.workouts[workout_id]
            self.events.append({"at": self.clock(), "seq": self._next_seq(), "type": "deleted", "id": workout_id})

    def rendered_workout(self, workout_id: str) -> dict:
        with self.lock:
            return self._render_workout(self.workouts[workout_id])

    # --- internals ---------------------------------------------------------------------------------------------

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    @staticmethod
    def _exercise(data: dict) -> dict:
        return {
            "exercise_template_id": data["exercise_template_id"],
            "superset_id": data.get("superset_id"),
            "notes": data.get("notes") or "",
            "rest_seconds": data.get("rest_seconds"),
            "sets": [
                {
                    "type": s.get("type", "normal"),
                    "weight_kg": s.get("weight_kg"),
                    "reps": s.get("reps"),
                    "distance_meters": s.get("distance_meters"),
                    "duration_seconds": s.get("duration_seconds"),
                    "custom_metric": s.get("custom_metric"),
                    "rpe": s.get("rpe"),
                    "rep_range": s.get("rep_range"),
                }
                for s in data.get("sets") or []
            ],
        }

    def _event_updated(self, workout: dict) -> None:
        self.events.append(
            {"at": workout["updated_at"], "seq": self._next_seq(), "type": "updated", "workout": copy.deepcopy(workout)}
        )

    def _template_title(self, template_id: str) -> str:
        template = self.templates.get(template_id)
        return template["title"] if template else ""

    def _render_exercises(self, exercises: list[dict], *, routine: bool) -> list[dict]:
        rendered = []
        for index, exercise in enumerate(exercises):
            sets = []
            for set_index, s in enumerate(exercise["sets"]):
                item = {"index": set_index, "type": s["type"]}
                for key in ("weight_kg", "reps", "distance_meters", "duration_seconds", "custom_metric"):
                    item[key] = s[key]
                if routine:
                    if s.get("rep_range") is not None:
                        item["rep_range"] = s["rep_range"]
                else:
                    item["rpe"] = s["rpe"]
                sets.append(item)
            item = {
                "index": index,
                "title": self._template_title(exercise["exercise_template_id"]),
                "notes": exercise["notes"],
                "exercise_template_id": exercise["exercise_template_id"],
                "supersets_id": exercise["superset_id"],  # plural in responses, as Hevy answers
                "sets": sets,
            }
            if routine:
                item["rest_seconds"] = exercise.get("rest_seconds")
            rendered.append(item)
        return rendered

    def _render_workout(self, workout: dict) -> dict:
        style = workout["style"]
        return {
            "id": workout["id"],
            "title": workout["title"],
            "routine_id": workout["routine_id"],
            "description": workout["description"],
            "start_time": _time(workout["start_time"], style),
            "end_time": _time(workout["end_time"], style + 1),
            "updated_at": _time(workout["updated_at"], style + 2),
            "created_at": _time(workout["created_at"], style),
            "exercises": self._render_exercises(workout["exercises"], routine=False),
        }

    def _render_routine(self, routine: dict) -> dict:
        return {
            "id": routine["id"],
            "title": routine["title"],
            "folder_id": routine["folder_id"],
            "notes": routine["notes"],
            "updated_at": _time(routine["updated_at"], routine["style"]),
            "created_at": _time(routine["created_at"], routine["style"] + 1),
            "exercises": self._render_exercises(routine["exercises"], routine=True),
        }

    def _render_folder(self, folder: dict) -> dict:
        return {
            "id": folder["id"],
            "index": folder["index"],
            "title": folder["title"],
            "updated_at": _time(folder["updated_at"], 0),
            "created_at": _time(folder["created_at"], 1),
        }

    # --- request handling ----------------------------------------------------------------------------------

    def handle(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> tuple[_Answer, float]:
        """Serve one request; the answer and how long to wait before sending it."""
        parts = urlsplit(target)
        path = parts.path.rstrip("/") or "/"
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        with self.lock:
            entry = LoggedRequest(method, path, query, headers, body)
            self.log.append(entry)
            delay = 0.0
            answer = None
            for failure in list(self._failures):
                if (failure.path and failure.path != path) or (failure.method and failure.method != method):
                    continue
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                if failure.delay:
                    delay += failure.delay
                    continue
                answer = self._failure_answer(failure)
                break
            if answer is None:
                if headers.get("api-key") != self.api_key:
                    answer = _Answer(401, "InvalidApiKey")
                elif isinstance(body, str):
                    answer = _Answer(400, {"error": "Invalid JSON body"})
                else:
                    try:
                        answer = self._route(method, path, query, body)
                    except BadRequest as exc:
                        answer = _Answer(exc.status, {"error": exc.message})
            entry.status = answer.status
            return answer, delay

    @staticmethod
    def _failure_answer(failure: _Failure) -> _Answer:
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = str(failure.retry_after)
        if failure.status == 401:
            return _Answer(401, "InvalidApiKey", headers)
        default = {429: {"error": "Too Many Requests"}, 408: "Request Timeout"}.get(
            failure.status, {"error": "Internal Server Error"}
        )
        return _Answer(failure.status, failure.body if failure.body is not None else default, headers)

    def _route(self, method: str, path: str, query: dict[str, str], body: Any) -> _Answer:
        for route_method, pattern, handler in _ROUTES:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                return handler(self, query, body, *match.groups())
        if any(pattern.fullmatch(path) for _, pattern, _ in _ROUTES):
            return _Answer(405, {"error": "Method not allowed"})
        return _Answer(404, {"error": "Not found"})

    def _page(self, items: list, key: str, query: dict[str, str], render, *, max_size: int = 10) -> _Answer:
        """One page of `items` (rendered by `render`, only the page's slice), Hevy's paging rules applied."""
        try:
            size = int(query.get("pageSize", "5"))
        except ValueError:
            size = 0
        if not 1 <= size <= max_size:
            raise BadRequest("Invalid page size")
        try:
            page = int(query.get("page", "1"))
        except ValueError:
            page = 0
        if page < 1:
            raise BadRequest("Invalid page")
        page_count = math.ceil(len(items) / size)
        if page > page_count:
            return _Answer(404, {"error": "Page not found"})
        chunk = items[(page - 1) * size : page * size]
        return _Answer(200, {"page": page, "page_count": page_count, key: [render(item) for item in chunk]})

    def _check_templates(self, exercises: list[dict], label: str) -> None:
        for i, exercise in enumerate(exercises):
            if exercise["exercise_template_id"] not in self.templates:
                raise BadRequest(f'"{label}.exercises[{i}].exercise_template_id" is not a known exercise template')

    # handlers: (self, query, body, *path groups) -> _Answer

    def _user_info(self, query, body):
        return _Answer(200, {"data": dict(self.user)})

    def _workouts_count(self, query, body):
        return _Answer(200, {"workout_count": len(self.workouts)})

    def _workouts_list(self, query, body):
        ordered = sorted(self.workouts.values(), key=lambda w: w["start_time"], reverse=True)
        return self._page(ordered, "workouts", query, self._render_workout)

    def _events(self, query, body):
        since = _parse_time(query.get("since", "1970-01-01T00:00:00Z"))
        if since is None:
            raise BadRequest("Invalid since date")
        events = sorted((e for e in self.events if e["at"] >= since), key=lambda e: (e["at"], e["seq"]), reverse=True)
        return self._page(events, "events", query, self._render_event)

    def _render_event(self, event: dict) -> dict:
        if event["type"] == "deleted":
            return {"type": "deleted", "id": event["id"], "deleted_at": _time(event["at"], event["seq"])}
        return {"type": "updated", "workout": self._render_workout(event["workout"])}

    def _workout_get(self, query, body, workout_id):
        workout = self.workouts.get(workout_id)
        if workout is None:
            return _Answer(404, {"error": "Workout not found"})
        return _Answer(200, self._render_workout(workout))

    def _workout_answer(self, workout: dict) -> _Answer:
        rendered = self._render_workout(workout)
        if self.workout_answer == "object":
            return _Answer(200, rendered)
        return _Answer(200, {"workout": [rendered]})

    def _workout_post(self, query, body):
        data = _envelope(body, "workout", WORKOUT)
        self._check_templates(data["exercises"], "workout")
        now = self.clock()
        workout = {
            "id": str(uuid.uuid4()),
            "title": data["title"],
            "description": data.get("description") or "",
            "start_time": _parse_time(data["start_time"]),
            "end_time": _parse_time(data["end_time"]),
            "created_at": now,
            "updated_at": now,
            "routine_id": None,
            "is_private": data.get("is_private", False),
            "exercises": [self._exercise(e) for e in data["exercises"]],
            "style": self._next_seq(),
        }
        self.workouts[workout["id"]] = workout
        self._event_updated(workout)
        return self._workout_answer(workout)

    def _workout_put(self, query, body, workout_id):
        data = _envelope(body, "workout", WORKOUT)
        if "is_private" not in data:
            return _Answer(500, {"error": "Internal server error"})  # Hevy's own quirk, kept on purpose
        workout = self.workouts.get(workout_id)
        if workout is None:
            return _Answer(404, {"error": "Workout not found"})
        self._check_templates(data["exercises"], "workout")
        workout.update(
            title=data["title"],
            description=data.get("description") or "",
            start_time=_parse_time(data["start_time"]),
            end_time=_parse_time(data["end_time"]),
            is_private=data["is_private"],
            exercises=[self._exercise(e) for e in data["exercises"]],
            updated_at=self.clock(),
        )
        self._event_updated(workout)
        return self._workout_answer(workout)

    def _templates_list(self, query, body):
        return self._page(list(self.templates.values()), "exercise_templates", query, dict, max_size=100)

    def _template_get(self, query, body, template_id):
        template = self.templates.get(template_id)
        if template is None:
            return _Answer(404, {"error": "Exercise template not found"})
        return _Answer(200, dict(template))

    def _template_post(self, query, body):
        data = _envelope(body, "exercise", CUSTOM_EXERCISE)
        customs = sum(1 for t in self.templates.values() if t["is_custom"])
        if self.custom_template_limit is not None and customs >= self.custom_template_limit:
            return _Answer(403, {"error": "Custom exercise limit exceeded"})
        template = self.add_template(
            title=data["title"],
            type=data["exercise_type"],
            primary_muscle_group=data["muscle_group"],
            secondary_muscle_groups=data.get("other_muscles") or [],
            equipment_category=data["equipment_category"],
        )
        if self.template_answer == "text":
            return _Answer(200, template["id"])
        return _Answer(200, {"id": template["id"]})

    def _folders_list(self, query, body):
        folders = sorted(self.folders.values(), key=lambda f: f["index"])
        return self._page(folders, "routine_folders", query, self._render_folder)

    def _folder_get(self, query, body, folder_id):
        folder = self.folders.get(int(folder_id))
        if folder is None:
            return _Answer(404, {"error": "Routine folder not found"})
        return _Answer(200, self._render_folder(folder))

    def _folder_post(self, query, body):
        data = _envelope(body, "routine_folder", FOLDER)
        now = self.clock()
        self._next_folder_id += 1
        folder = {"id": self._next_folder_id, "index": 0, "title": data["title"], "created_at": now, "updated_at": now}
        for other in self.folders.values():
            other["index"] += 1  # new folders go first, as in the app
        self.folders[folder["id"]] = folder
        return _Answer(200, {"routine_folder": self._render_folder(folder)})

    def _routines_list(self, query, body):
        routines = sorted(self.routines.values(), key=lambda r: r["updated_at"], reverse=True)
        return self._page(routines, "routines", query, self._render_routine)

    def _routine_get(self, query, body, routine_id):
        routine = self.routines.get(routine_id)
        if routine is None:
            return _Answer(404, {"error": "Routine not found"})
        return _Answer(200, {"routine": self._render_routine(routine)})

    def _routine_answer(self, routine: dict) -> _Answer:
        rendered = self._render_routine(routine)
        if self.routine_answer == "empty":
            return _Answer(200, None)
        if self.routine_answer == "idless":
            return _Answer(200, {"routine": [{k: v for k, v in rendered.items() if k != "id"}]})
        if self.routine_answer == "object":
            return _Answer(200, {"routine": rendered})
        return _Answer(200, {"routine": [rendered]})

    def _routine_post(self, query, body):
        data = _envelope(body, "routine", ROUTINE_POST)
        if "folder_id" not in data:
            raise BadRequest("[public-post-routine] Invalid routine folder id: undefined")
        folder_id = data["folder_id"]
        if folder_id is not None and int(folder_id) not in self.folders:
            raise BadRequest(f"[public-post-routine] Invalid routine folder id: {folder_id}")
        self._check_templates(data["exercises"], "routine")
        if self.routine_limit is not None and len(self.routines) >= self.routine_limit:
            return _Answer(403, {"error": "Routine limit exceeded"})
        now = self.clock()
        routine = {
            "id": str(uuid.uuid4()),
            "title": data["title"],
            "folder_id": None if folder_id is None else int(folder_id),
            "notes": data.get("notes") or "",
            "exercises": [self._exercise(e) for e in data["exercises"]],
            "created_at": now,
            "updated_at": now,
            "style": self._next_seq(),
        }
        self.routines[routine["id"]] = routine
        return self._routine_answer(routine)

    def _routine_put(self, query, body, routine_id):
        data = _envelope(body, "routine", ROUTINE_PUT)
        routine = self.routines.get(routine_id)
        if routine is None:
            return _Answer(404, {"error": "Routine not found"})
        self._check_templates(data["exercises"], "routine")
        routine.update(
            title=data["title"],
            notes=data.get("notes") or "",
            exercises=[self._exercise(e) for e in data["exercises"]],
            updated_at=self.clock(),
        )
        return self._routine_answer(routine)


_ID = r"([^/]+)"
_ROUTES = [
    ("GET", re.compile(r"/v1/user/info"), FakeHevy._user_info),
    ("GET", re.compile(r"/v1/workouts/count"), FakeHevy._workouts_count),
    ("GET", re.compile(r"/v1/workouts/events"), FakeHevy._events),
    ("GET", re.compile(r"/v1/workouts"), FakeHevy._workouts_list),
    ("POST", re.compile(r"/v1/workouts"), FakeHevy._workout_post),
    ("GET", re.compile(rf"/v1/workouts/{_ID}"), FakeHevy._workout_get),
    ("PUT", re.compile(rf"/v1/workouts/{_ID}"), FakeHevy._workout_put),
    ("GET", re.compile(r"/v1/exercise_templates"), FakeHevy._templates_list),
    ("POST", re.compile(r"/v1/exercise_templates"), FakeHevy._template_post),
    ("GET", re.compile(rf"/v1/exercise_templates/{_ID}"), FakeHevy._template_get),
    ("GET", re.compile(r"/v1/routine_folders"), FakeHevy._folders_list),
    ("POST", re.compile(r"/v1/routine_folders"), FakeHevy._folder_post),
    ("GET", re.compile(r"/v1/routine_folders/(\d+)"), FakeHevy._folder_get),
    ("GET", re.compile(r"/v1/routines"), FakeHevy._routines_list),
    ("POST", re.compile(r"/v1/routines"), FakeHevy._routine_post),
    ("GET", re.compile(rf"/v1/routines/{_ID}"), FakeHevy._routine_get),
    ("PUT", re.compile(rf"/v1/routines/{_ID}"), FakeHevy._routine_put),
]


def _handler_for(fake: FakeHevy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # idle keep-alive connections end instead of holding a thread
        disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms delayed-ACK stall

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            answer, delay = fake.handle(self.command, self.path, headers, raw)
            if delay:
                time.sleep(delay)
            if answer.body is None:
                payload, content_type = b"", "text/plain"
            elif isinstance(answer.body, str):
                payload, content_type = answer.body.encode(), "text/html; charset=utf-8"
            else:
                payload, content_type = json.dumps(answer.body).encode(), "application/json; charset=utf-8"
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def seed_demo(fake: FakeHevy, *, count: int = 8) -> None:
    """A few weeks of plausible training, plus one custom exercise (an unmapped template)."""
    sled = fake.add_template(title="Sled Push (Heavy)", type="weight_reps", equipment_category="other")
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for n in range(count):
        day = today - timedelta(days=2 * (count - n))
        heavy = 60 + 2.5 * n
        lower = n % 2 == 0
        fake.add_workout(
            title="Lower body" if lower else "Upper body",
            start_time=day,
            duration=timedelta(minutes=55 + n),
            exercises=[
                {
                    "exercise_template_id": "D04AC939" if lower else "79D0BB3A",
                    "sets": [{"type": "warmup", "weight_kg": 40, "reps": 10}]
                    + [{"type": "normal", "weight_kg": heavy, "reps": 5, "rpe": 8} for _ in range(3)],
                },
                {
                    "exercise_template_id": "C6272009" if lower else "37FCC2BB",
                    "superset_id": 0,
                    "sets": [{"type": "normal", "weight_kg": heavy / 2, "reps": 8} for _ in range(3)],
                },
                {
                    "exercise_template_id": sled["id"] if lower else "1B2B1E7C",
                    "superset_id": 0,
                    "sets": [{"type": "normal", "weight_kg": 80 if lower else None, "reps": 10} for _ in range(2)],
                },
            ],
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Hevy API with demo workouts.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--key", default=DEFAULT_KEY, help="the API key the fake accepts")
    parser.add_argument("--workouts", type=int, default=8, help="demo workouts to serve")
    args = parser.parse_args(argv)
    fake = FakeHevy(args.key, host=args.host, port=args.port)
    seed_demo(fake, count=args.workouts)
    fake.start()
    print(f"Fake Hevy on {fake.url} (api-key: {args.key}); Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
