"""The load test cannot rot silently: its request kinds resolve to the routes they name, the locustfile asks only
for those kinds, and the seeded people can walk the scenario through the real pages and forms (loadtest/)."""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import subprocess
import sys
import uuid

import pytest
from django.test import Client
from django.urls import resolve

from accounts.models import User
from fitnesspr.routing import websocket_urlpatterns
from fitnesspr.tests.production_env import BASE_DIR
from loadtest import report, scenario, seed
from loadtest.run import parse_duration
from workouts.models import Plan, Workout, WorkoutSet

LOCUSTFILE = BASE_DIR / "loadtest" / "locustfile.py"
SAMPLE_IDS = {"page": 2, "q": "press"}


def test_every_request_kind_resolves_to_the_route_it_names():
    for kind, spec in scenario.KINDS.items():
        values = {**SAMPLE_IDS, **{name: uuid.uuid4() for name in ("workout", "entry", "exercise", "client")}}
        values |= {name: uuid.uuid4() for name in ("plan", "day", "set")}
        path = scenario.url(kind, **values).split("?")[0]
        assert resolve(path).view_name == spec.route, kind
        assert spec.method in ("GET", "POST"), kind


def test_the_socket_the_browsers_keep_open_is_routed():
    assert any(pattern.pattern.match(scenario.WS_PATH.lstrip("/")) for pattern in websocket_urlpatterns)


def _kinds_called(tree: ast.AST) -> set[str]:
    """The first argument of every `self.call("<kind>", ...)` in the locustfile."""
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "call"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_the_locustfile_asks_for_every_kind_and_only_those():
    called = _kinds_called(ast.parse(LOCUSTFILE.read_text()))

    assert called == set(scenario.KINDS)


def test_the_locustfile_loads_under_locust_when_it_is_installed():
    """Locust patches the standard library (gevent) as it loads, so it is imported in a process of its own."""
    if importlib.util.find_spec("locust") is None:  # `make load` installs it; `make test` does not need it
        source = LOCUSTFILE.read_text()
        assert "class ClientUser(Browser)" in source and "class ApiUser(Person)" in source
        return
    done = subprocess.run(
        [sys.executable, "-c", LOCUST_PROBE], cwd=BASE_DIR, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["weights"] == {"ClientUser": 7, "TrainerUser": 1, "ApiUser": 2}
    # a kept-alive connection closed under a request: sent again once, on a new connection, and reported
    assert seen["resent"] == [200, 200, [scenario.RESENT]]


LOCUST_PROBE = """
import json, socket, threading
import loadtest.locustfile as f
from locust import events
import requests
from requests.adapters import HTTPAdapter

fired = []
events.request.add_listener(lambda **event: fired.append(event["name"]))
server = socket.create_server(("127.0.0.1", 0))
OK = b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok"

def serve():
    first, _ = server.accept()
    first.recv(4096); first.sendall(OK); first.recv(4096); first.close()  # the second request: closed unanswered
    second, _ = server.accept()
    second.recv(4096); second.sendall(OK); second.close()

threading.Thread(target=serve, daemon=True).start()
session = requests.Session()
session.mount("http://", HTTPAdapter(max_retries=f.RESEND_ONCE))
url = "http://127.0.0.1:%d/" % server.getsockname()[1]
codes = [session.get(url, timeout=10).status_code, session.post(url, data={"a": 1}, timeout=10).status_code]
print(json.dumps({
    "weights": {c.__name__: c.weight for c in (f.ClientUser, f.TrainerUser, f.ApiUser)},
    "resent": [*codes, fired],
}))
"""


# --- The scenario through the real pages ------------------------------------------------------------------


def _send(browser: Client, kind: str, data: dict | list | None = None, *, htmx: bool = False, **ids):
    """As loadtest/locustfile.py sends it: the CSRF cookie as X-CSRFToken, htmx's header, no redirects followed."""
    spec = scenario.KINDS[kind]
    headers = {"HX-Request": "true"} if htmx else {}
    if spec.method == "GET":
        answer = browser.get(scenario.url(kind, **ids), headers=headers)
    else:
        headers["X-CSRFToken"] = browser.cookies["csrftoken"].value
        if isinstance(data, list):  # repeated fields, as requests sends a list of pairs
            pairs, data = data, {}
            for name, value in pairs:
                data.setdefault(name, []).append(value)
        answer = browser.post(scenario.url(kind, **ids), data or {}, headers=headers)
    assert answer.status_code in spec.expect, (kind, answer.status_code)
    if spec.method == "POST":
        assert not scenario.has_form_errors(answer.content.decode()), kind
    return answer


def _logged_in(email: str) -> Client:
    browser = Client(enforce_csrf_checks=True)
    form = scenario.find_form(_send(browser, "login: page").content.decode(), "/login/")
    _send(browser, "login: submit", form.data() | {"username": email, "password": scenario.PASSWORD})
    return browser


@pytest.fixture
def seeded(db):
    return seed.seed(clients=3, trainers=1, weeks=2)


def test_the_seed_makes_coached_clients_with_plans_and_history_once(seeded):
    counts = (User.objects.count(), Plan.objects.count(), Workout.objects.count())
    assert counts[0] == 4 and counts[1] == 3 and counts[2] >= 3

    seed.seed(clients=3, trainers=1, weeks=2)

    assert (User.objects.count(), Plan.objects.count(), Workout.objects.count()) == counts
    trainer = User.objects.get(email=scenario.trainer_email(0))
    assert trainer.client_links.filter(ended_at__isnull=True).count() == 3


def test_a_client_starts_todays_workout_logs_a_set_finishes_and_reads_a_chart(seeded):
    browser = _logged_in(scenario.client_email(0))
    today = _send(browser, "client: today").content.decode()
    start = next(form for form in scenario.forms(today) if form.action == "/workouts/start/")
    assert start.data().get("plan_day")
    workout = scenario.ids(_send(browser, "client: start workout", start.data())["Location"], r"/workouts/{id}/log/")[0]
    logger = _send(browser, "client: logger", workout=workout).content.decode()
    entry = scenario.ids(logger, rf'action="/workouts/{workout}/exercises/{{id}}/sets/"')[0]
    card = scenario.find_form(logger, rf"/workouts/{workout}/exercises/{entry}/sets/")

    answer = _send(browser, "client: save set", scenario.set_values(card, reps=8, weight=40), htmx=True,
                   workout=workout, entry=entry)  # fmt: skip

    assert WorkoutSet.objects.filter(workout_exercise__workout_id=workout).count() == 1
    assert scenario.find_form(answer.content.decode(), rf"/workouts/{workout}/exercises/{entry}/sets/")
    _send(browser, "client: finish workout", {"confirmed": "1"}, workout=workout)
    assert Workout.objects.get(pk=workout).ended_at is not None
    exercises = scenario.ids(_send(browser, "client: history").content.decode(), r'href="/history/exercises/{id}/')
    _send(browser, "client: exercise chart", exercise=exercises[0])


def test_a_trainer_reads_a_client_builds_a_template_and_assigns_it(seeded):
    browser = _logged_in(scenario.trainer_email(0))
    clients = scenario.ids(_send(browser, "trainer: clients").content.decode(), r'href="/clients/{id}/"')
    assert len(clients) == 3
    _send(browser, "trainer: client page", client=clients[0])
    _send(browser, "trainer: client history", client=clients[0])
    form = scenario.find_form(_send(browser, "trainer: new plan form").content.decode(), "/plans/new/")
    created = _send(browser, "trainer: create plan", form.data() | {"client": "template", "name": "Load template"})
    plan = scenario.ids(created["Location"], r"/plans/{id}/edit/")[0]
    _send(browser, "trainer: builder", plan=plan)
    days = _send(browser, "trainer: add day", {"name": "Day A"}, htmx=True, plan=plan).content.decode()
    day = scenario.ids(days, r"/plans/days/{id}/exercises/add/")[0]
    found = _send(browser, "trainer: exercise search", htmx=True, q="press").content.decode()
    exercise = scenario.ids(found, r'name="exercise" value="{id}"')[0]
    day_html = _send(browser, "trainer: add exercise", {"exercise": exercise}, htmx=True, day=day).content.decode()
    plan_set = scenario.ids(day_html, r"/plans/sets/{id}/edit/")[0]
    set_form = scenario.find_form(day_html, rf"/plans/sets/{plan_set}/edit/")
    _send(browser, "trainer: edit set", set_form.data() | {"reps_min": "6"}, htmx=True, set=plan_set)
    assign_page = _send(browser, "trainer: assign form", plan=plan).content.decode()
    assign = scenario.find_form(assign_page, rf"/plans/{plan}/assign/")
    data = [(name, value) for name, value in assign.fields if name not in ("clients", "activate")]

    _send(browser, "trainer: assign plan", [*data, ("clients", assign.options["clients"][0])], plan=plan)

    assert Plan.objects.filter(client_id=assign.options["clients"][0], name="Load template").exists()


def test_an_api_client_gets_a_token_and_pages_through_its_workouts(seeded):
    api = Client()
    credentials = {"email": scenario.client_email(1), "password": scenario.PASSWORD}
    token = api.post(scenario.url("api: token"), credentials, content_type="application/json").json()["access"]

    page = api.get(scenario.url("api: workouts page", page=1), headers={"Authorization": f"Bearer {token}"})

    assert page.status_code == 200 and page.json()["results"]


# --- The report's arithmetic ------------------------------------------------------------------------------


def test_durations_read_as_locust_writes_them():
    assert [parse_duration(text) for text in ("90", "90s", "5m", "1h30m")] == [90, 90, 300, 5400]
    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration("five minutes")


def test_locust_figures_are_read_per_kind_and_the_slowest_found(tmp_path):
    stats = tmp_path / "locust_stats.csv"
    header = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%"
    stats.write_text(
        f"{header}\nGET,client: today,10,0,1.5,40,120,200\nPOST,client: save set,20,1,3.0,60,340,500\n"
        "POST,login: submit,20,0,0.2,300,900,900\n"
        "WS,ws: connect,5,0,0.1,50,900,900\n,Aggregated,35,1,4.6,50,340,900\n"
    )

    rows = report.read_stats(stats)

    assert [row.kind for row in rows] == ["client: today", "client: save set", "login: submit", "ws: connect"]
    # the socket is not an HTTP request kind, and logins happen during the ramp-up only
    assert report.slowest(rows).kind == "client: save set"
    assert any("> target" in line for line in report.stats_table(rows) if "save set" in line)


def test_the_profile_keeps_the_samples_inside_the_view():
    view = "set_add (/app/workouts/views/logging/logger.py:190)"
    raw = [
        f"process 1;run (/venv/asgiref/sync.py:10);{view};execute (/venv/psycopg/cursor.py:5) 30",
        f"process 1;run (/venv/asgiref/sync.py:10);{view};render (/venv/django/template/base.py:9) 10",
        "process 1;today (/app/workouts/views/today.py:20);execute (/venv/psycopg/cursor.py:5) 99",
    ]

    inside = report.view_frame("/app/workouts/views/logging/logger.py", "set_add")

    lines = report.profile_summary(raw, start_at=inside)

    assert lines[0].strip().startswith("40 samples")
    assert any("75.0 %" in line and "PostgreSQL" in line for line in lines)
    assert any("25.0 %" in line and "template" in line for line in lines)
    per_view = report.profile_summary(raw, start_at=lambda frame: "asgiref" in frame, views={"save set": inside})
    assert "    100.0 %  save set" in per_view  # the third stack never reaches Django's handling here
