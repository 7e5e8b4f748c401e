"""The load test's scenario without Locust: the request kinds (name, method, path, the route it must reach, the
answers expected), the seeded accounts, the think time, and the small HTML readers the simulated people use.

loadtest/locustfile.py builds every request from `KINDS`, and the test suite checks that each path still resolves
to its route (fitnesspr/tests/test_loadtest.py), so a renamed URL breaks a test rather than the load test.
Importing this module needs neither Locust nor Django.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

PASSWORD = "fitnesspr-load-2026"
EMAIL_DOMAIN = "load.fitnesspr.test"
THINK_SECONDS = (2, 5)  # between two actions of one simulated person
WS_PATH = "/ws/notifications/"
# How many accounts the seed made (run.py passes them on); each simulated person takes one of their own.
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "200"))
TRAINERS = int(os.environ.get("LOAD_TRAINERS", "20"))


def client_email(number: int) -> str:
    return f"client{number:04d}@{EMAIL_DOMAIN}"


def trainer_email(number: int) -> str:
    return f"trainer{number:03d}@{EMAIL_DOMAIN}"


@dataclass(frozen=True)
class Kind:
    """One kind of request: what the report names it, and what it must reach."""

    method: str
    path: str  # {placeholders} for ids; a query string is allowed
    route: str  # the URL name the path resolves to
    expect: tuple[int, ...] = (200,)


KINDS: dict[str, Kind] = {
    # signing in, as every browser user does once
    "login: page": Kind("GET", "/login/", "accounts:login"),
    "login: submit": Kind("POST", "/login/", "accounts:login", (302,)),
    # clients at the gym
    "client: today": Kind("GET", "/today/", "workouts:today"),
    "client: start workout": Kind("POST", "/workouts/start/", "workouts:workout_start", (302,)),
    "client: logger": Kind("GET", "/workouts/{workout}/log/", "workouts:workout_logger"),
    "client: save set": Kind("POST", "/workouts/{workout}/exercises/{entry}/sets/", "workouts:set_add"),
    "client: finish workout": Kind("POST", "/workouts/{workout}/finish/", "workouts:workout_finish", (302,)),
    "client: workout": Kind("GET", "/workouts/{workout}/", "workouts:workout_detail"),
    "client: workouts": Kind("GET", "/workouts/", "workouts:workout_list"),
    "client: history": Kind("GET", "/history/", "workouts:history"),
    "client: exercise chart": Kind("GET", "/history/exercises/{exercise}/", "workouts:exercise_history"),
    # trainers at their desk
    "trainer: clients": Kind("GET", "/clients/", "accounts:clients"),
    "trainer: client page": Kind("GET", "/clients/{client}/", "accounts:client_detail"),
    "trainer: client history": Kind("GET", "/history/?client={client}", "workouts:history"),
    "trainer: client workout": Kind("GET", "/workouts/{workout}/", "workouts:workout_detail"),
    "trainer: new plan form": Kind("GET", "/plans/new/", "workouts:plan_create"),
    "trainer: create plan": Kind("POST", "/plans/new/", "workouts:plan_create", (302,)),
    "trainer: builder": Kind("GET", "/plans/{plan}/edit/", "workouts:plan_builder"),
    "trainer: add day": Kind("POST", "/plans/{plan}/days/add/", "workouts:plan_day_add"),
    "trainer: exercise search": Kind("GET", "/exercises/picker/?q={q}", "workouts:exercise_picker"),
    "trainer: add exercise": Kind("POST", "/plans/days/{day}/exercises/add/", "workouts:plan_exercise_add"),
    "trainer: edit set": Kind("POST", "/plans/sets/{set}/edit/", "workouts:plan_set_update"),
    "trainer: assign form": Kind("GET", "/plans/{plan}/assign/", "workouts:plan_assign"),
    "trainer: assign plan": Kind("POST", "/plans/{plan}/assign/", "workouts:plan_assign", (302,)),
    # a phone app syncing through the API
    "api: token": Kind("POST", "/api/v1/auth/token/", "api:auth-token"),
    "api: workouts page": Kind("GET", "/api/v1/workouts/?page={page}&page_size=5", "api:workout-list"),
    "api: workout": Kind("GET", "/api/v1/workouts/{workout}/", "api:workout-detail"),
}
# Made once per person, as it starts (so during the ramp-up only).
AT_START = ("login: page", "login: submit", "api: token")
# Not HTTP: the WebSocket each browser user keeps open, reported beside the requests.
WS_CONNECT = "ws: connect"
WS_DROPPED = "ws: dropped"
# A request sent again on a new connection because the kept-alive one was closed under it (as browsers do).
RESENT = "http: resent on a new connection"
SEARCH_WORDS = ("press", "squat", "row", "curl", "deadlift", "raise", "pull")


def url(kind: str, **ids: object) -> str:
    return KINDS[kind].path.format(**ids)


# --- Reading pages ---------------------------------------------------------------------------------------

UUID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
FORM_ERROR_MARKERS = ('aria-invalid="true"', 'class="form-errors"')


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # choices of selects, checkboxes and radios

    def data(self) -> dict[str, str]:
        return dict(self.fields)


class _FormReader(HTMLParser):
    """Forms as a browser would submit them untouched: inputs with their values, checked boxes, selected options."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(action=a.get("hx-post") or a.get("action", ""))
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                self._form.options.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "file"):
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_value = a["name"], None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            choices = self._form.options.setdefault(self._select, [])
            choices.append(value)
            if "selected" in a or len(choices) == 1:  # the selected option, or else the first
                self._select_value = value
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "select" and self._select:
            self._form.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._form.fields.append((self._textarea, self._text.strip("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[Form]:
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    return reader.forms


def find_form(html: str, action: str) -> Form | None:
    """The first form whose action (or hx-post) matches the regular expression `action` in full."""
    pattern = re.compile(action)
    return next((form for form in forms(html) if pattern.fullmatch(form.action)), None)


def ids(html: str, pattern: str) -> list[str]:
    """The distinct ids captured by `pattern` (a regex with one group, `{id}` standing for a uuid), in order."""
    found = re.findall(pattern.replace("{id}", f"({UUID_PATTERN})"), html)
    return list(dict.fromkeys(found))


def has_form_errors(html: str) -> bool:
    return any(marker in html for marker in FORM_ERROR_MARKERS)


def set_values(form: Form, *, reps: int, weight: float) -> dict[str, str]:
    """What a person types in the logger's set form: the pre-filled values, blanks filled in."""
    data = form.data()
    for name, value in list(data.items()):
        if value:
            continue
        if name.endswith("-reps"):
            data[name] = str(reps)
        elif name.endswith("-weight"):
            data[name] = f"{weight:g}"
        elif name.endswith("-duration_0"):
            data[name] = "1"
        elif name.endswith("-duration_1"):
            data[name] = "30"
        elif name.endswith("-distance"):
            data[name] = "1"
    return data
