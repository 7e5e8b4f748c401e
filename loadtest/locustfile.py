"""Locust users for FitnessPr: clients logging workouts, trainers coaching, and API clients syncing.

Every request comes from loadtest.scenario.KINDS (its path, its name in the report, the answers expected); any
other answer, a form sent back with errors, or a WebSocket that drops is a failure. Each simulated person waits
2 to 5 seconds between actions, logs in once with a seeded account of its own, and (in a browser) keeps the
notifications WebSocket open the whole time, reconnecting after a drop as static/js/realtime.js does.

Run through loadtest/run.py (`make load`), which starts the stack and seeds the accounts.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import random
import re
import time
from typing import Any

import gevent
import websocket
from locust import HttpUser, between, events, task
from locust.clients import LocustHttpAdapter
from urllib3.util.retry import Retry

from loadtest import scenario
from loadtest.scenario import KINDS, WS_CONNECT, WS_DROPPED, find_form, ids

_client_numbers = itertools.count()
_api_numbers = itertools.count()
_trainer_numbers = itertools.count()


def _cause(error: BaseException | None) -> str:
    """The innermost reason of a failed request, without what differs between occurrences (addresses, ports)."""
    for _ in range(10):
        inner = getattr(error, "reason", None) or (error.args[-1] if error is not None and error.args else None)
        if not isinstance(inner, BaseException):
            break
        error = inner
    return re.sub(r"0x[0-9a-f]+|\d{4,}", "…", repr(error))[:160]


class BrowserResend(Retry):
    """What browsers do when a kept-alive connection turns out closed under a request (the server dropped it as
    idle: Uvicorn's keep-alive is 5 s, and people pause 2 to 5 s): send the request again, once, on a new
    connection. Each resend is reported (`scenario.RESENT`); refused connections and a second failure are not
    resent, they are errors."""

    def increment(self, *args: Any, **kwargs: Any) -> Retry:
        retry = super().increment(*args, **kwargs)
        events.request.fire(
            request_type="RESENT", name=scenario.RESENT, response_time=0, response_length=0, exception=None, context={}
        )
        return retry


RESEND_ONCE = BrowserResend(total=1, connect=0, read=1, status=0, other=0, redirect=0, allowed_methods=None,
                            raise_on_redirect=False, raise_on_status=False)  # fmt: skip


class Person(HttpUser):
    abstract = True
    wait_time = between(*scenario.THINK_SECONDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client.mount("http://", LocustHttpAdapter(pool_manager=None, max_retries=RESEND_ONCE))

    # --- requests ---------------------------------------------------------------------------------

    def call(self, kind: str, *, data: Any = None, htmx: bool = False, json_body: Any = None, **values: Any):
        """One request of a kind; a failure unless the answer is one the kind expects (and has no form errors)."""
        spec = KINDS[kind]
        headers = dict(getattr(self, "auth_headers", {}))
        if spec.method == "POST" and json_body is None:
            headers |= {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Origin": self.host.rstrip("/")}
        if htmx:
            headers["HX-Request"] = "true"
        with self.client.request(
            spec.method,
            scenario.url(kind, **values),
            name=kind,
            data=data,
            json=json_body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 0:
                response.failure(f"no answer: {_cause(response.error)}")
            elif response.status_code not in spec.expect:
                where = response.headers.get("Location", "")
                response.failure(f"HTTP {response.status_code}" + (f" to {where.split('?')[0]}" if where else ""))
            elif spec.method == "POST" and "html" in response.headers.get("Content-Type", ""):
                if scenario.has_form_errors(response.text):
                    response.failure("form sent back with errors")
                else:
                    response.success()
            else:
                response.success()
        return response

    def event(self, name: str, started: float, error: Exception | None = None) -> None:
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )


class Browser(Person):
    """A person in a browser: logs in through the login page and keeps the notifications socket open."""

    abstract = True

    def account(self) -> str:
        raise NotImplementedError

    def on_start(self) -> None:
        self.stopping = False
        self.socket: websocket.WebSocket | None = None
        page = self.call("login: page")
        form = find_form(page.text, "/login/")
        data = form.data() if form else {}
        data |= {"username": self.account(), "password": scenario.PASSWORD}
        self.call("login: submit", data=data)
        self.socket_loop = gevent.spawn(self.keep_socket)

    def on_stop(self) -> None:
        self.stopping = True
        if getattr(self, "socket_loop", None) is not None:
            self.socket_loop.kill(block=True, timeout=5)
        if getattr(self, "socket", None) is not None:
            with contextlib.suppress(OSError, websocket.WebSocketException):
                self.socket.close(timeout=1)

    def keep_socket(self) -> None:
        address = re.sub(r"^http", "ws", self.host.rstrip("/")) + scenario.WS_PATH
        while not self.stopping:
            started = time.perf_counter()
            cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.client.cookies)
            try:
                socket = websocket.create_connection(address, timeout=10, cookie=cookies, origin=self.host.rstrip("/"))
                hello = json.loads(socket.recv())
                if hello.get("type") != "welcome":
                    raise ConnectionError(f"first message {hello.get('type')!r}, not 'welcome'")
            except (OSError, ValueError, websocket.WebSocketException) as error:
                self.event(WS_CONNECT, started, error)
                gevent.sleep(5)
                continue
            self.event(WS_CONNECT, started)
            self.socket = socket
            socket.settimeout(None)  # wait as long as it stays open; Uvicorn's pings are answered inside recv
            try:
                while True:
                    opcode, payload = socket.recv_data()
                    if opcode == websocket.ABNF.OPCODE_CLOSE:
                        code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else None
                        raise ConnectionError(f"closed by the server ({code})")
            except (OSError, ValueError, websocket.WebSocketException) as error:
                self.socket = None
                socket.shutdown()
                if self.stopping:
                    return
                self.event(WS_DROPPED, time.perf_counter(), error)
                gevent.sleep(random.uniform(1, 3))


class ClientUser(Browser):
    """A client at the gym: opens today's workout, logs sets one by one, finishes; reads history and charts."""

    weight = 7

    def account(self) -> str:
        return scenario.client_email(next(_client_numbers) % scenario.CLIENTS)

    def on_start(self) -> None:
        self.workout: str | None = None
        self.cards: dict[str, scenario.Form] = {}
        self.sets_left = 0
        self.logged = 0
        self.exercises: list[str] = []
        super().on_start()

    @task(6)
    def train(self) -> None:
        """One step of a workout: start today's (or go on with the one in progress), log a set, or finish."""
        if self.workout is None:
            self.begin()
        elif self.sets_left > 0 and self.cards:
            self.save_set()
        else:
            self.finish()

    def begin(self) -> None:
        today = self.call("client: today").text
        going_on = ids(today, r'href="/workouts/{id}/log/"')
        if going_on:
            self.workout = going_on[0]
        else:
            start = next((f for f in scenario.forms(today) if f.action == "/workouts/start/"), None)
            answer = self.call("client: start workout", data=start.data() if start else {})
            found = ids(answer.headers.get("Location", ""), r"/workouts/{id}/log/")
            if not found:
                return
            self.workout = found[0]
        self.open_logger()
        self.sets_left = random.randint(6, 12)
        self.logged = 0

    def open_logger(self) -> None:
        page = self.call("client: logger", workout=self.workout).text
        self.cards = {}
        for form in scenario.forms(page):
            entry = ids(form.action, rf"^/workouts/{self.workout}/exercises/{{id}}/sets/$")
            if entry:
                self.cards[entry[0]] = form

    def save_set(self) -> None:
        if random.random() < 0.15:
            self.open_logger()  # the phone reloads the page now and then
            if not self.cards:
                return
        entries = list(self.cards)
        entry = entries[(self.logged // 3) % len(entries)]
        data = scenario.set_values(self.cards[entry], reps=random.randint(5, 12), weight=random.choice((20, 40, 60)))
        answer = self.call("client: save set", data=data, htmx=True, workout=self.workout, entry=entry)
        card = find_form(answer.text, rf"/workouts/{self.workout}/exercises/{entry}/sets/") if answer.ok else None
        if card is not None:
            self.cards[entry] = card  # the next set's form, pre-filled from this one
        self.logged += 1
        self.sets_left -= 1

    def finish(self) -> None:
        answer = self.call("client: finish workout", data={"confirmed": "1"}, workout=self.workout)
        if answer.status_code == 302:
            self.call("client: workout", workout=self.workout)
        self.workout, self.cards = None, {}

    @task(2)
    def today(self) -> None:
        self.call("client: today")

    @task(1)
    def workouts(self) -> None:
        self.call("client: workouts")

    @task(1)
    def history(self) -> None:
        page = self.call("client: history").text
        self.exercises = ids(page, r'href="/history/exercises/{id}/') or self.exercises

    @task(1)
    def chart(self) -> None:
        if not self.exercises:
            self.history()
        if self.exercises:
            self.call("client: exercise chart", exercise=random.choice(self.exercises))


class TrainerUser(Browser):
    """A trainer: the clients list, a client's page and history, a workout; builds a template and assigns it."""

    weight = 1

    def account(self) -> str:
        return scenario.trainer_email(next(_trainer_numbers) % scenario.TRAINERS)

    def on_start(self) -> None:
        self.clients: list[str] = []
        self.workouts: list[str] = []
        self.plan: str | None = None
        self.days: list[str] = []
        self.sets: list[str] = []
        self.step = 0
        self.plans_made = 0
        super().on_start()
        self.clients_list()

    @task(3)
    def clients_list(self) -> None:
        self.clients = ids(self.call("trainer: clients").text, r'href="/clients/{id}/"') or self.clients

    @task(3)
    def client_page(self) -> None:
        if self.clients:
            page = self.call("trainer: client page", client=random.choice(self.clients)).text
            self.workouts = ids(page, r'href="/workouts/{id}/"') or self.workouts

    @task(2)
    def client_history(self) -> None:
        if self.clients:
            page = self.call("trainer: client history", client=random.choice(self.clients)).text
            self.workouts = ids(page, r'href="/workouts/{id}/"') or self.workouts

    @task(2)
    def client_workout(self) -> None:
        if self.workouts:
            self.call("trainer: client workout", workout=random.choice(self.workouts))

    @task(4)
    def build_plan(self) -> None:
        """One step of building a template: create, add a day, add exercises, edit a set, assign it."""
        steps = (self.create_plan, self.add_day, self.add_exercise, self.add_exercise, self.edit_set, self.assign)
        step = steps[self.step]
        self.step = (self.step + 1) % len(steps)
        if step != self.create_plan and self.plan is None:
            self.step = 0
            return
        step()

    def create_plan(self) -> None:
        self.plan, self.days, self.sets = None, [], []
        form = find_form(self.call("trainer: new plan form").text, "/plans/new/")
        self.plans_made += 1
        data = (form.data() if form else {}) | {"client": "template", "name": f"Load template {self.plans_made}"}
        answer = self.call("trainer: create plan", data=data)
        found = ids(answer.headers.get("Location", ""), r"/plans/{id}/edit/")
        if found:
            self.plan = found[0]
            self.call("trainer: builder", plan=self.plan)

    def add_day(self) -> None:
        answer = self.call(
            "trainer: add day", data={"name": "Day A", "weekday": "", "notes": ""}, htmx=True, plan=self.plan
        )
        self.days = ids(answer.text, r"/plans/days/{id}/exercises/add/") or self.days

    def add_exercise(self) -> None:
        if not self.days:
            return
        word = random.choice(scenario.SEARCH_WORDS)
        found = ids(self.call("trainer: exercise search", htmx=True, q=word).text, r'name="exercise" value="{id}"')
        if found:
            answer = self.call("trainer: add exercise", data={"exercise": found[0]}, htmx=True, day=self.days[-1])
            self.sets = ids(answer.text, r"/plans/sets/{id}/edit/") or self.sets
            self.last_day_html = answer.text

    def edit_set(self) -> None:
        if not self.sets:
            return
        plan_set = self.sets[0]
        form = find_form(getattr(self, "last_day_html", ""), rf"/plans/sets/{plan_set}/edit/")
        data = (form.data() if form else {"set_type": "normal"}) | {"reps_min": "6", "reps_max": "10"}
        self.call("trainer: edit set", data=data, htmx=True, set=plan_set)

    def assign(self) -> None:
        page = self.call("trainer: assign form", plan=self.plan).text
        form = find_form(page, rf"/plans/{self.plan}/assign/")
        choices = form.options.get("clients", []) if form else []
        if form and choices:
            data = [(name, value) for name, value in form.fields if name not in ("clients", "activate")]
            data.append(("clients", random.choice(choices)))  # assigned as a draft: their active plan stays
            self.call("trainer: assign plan", data=data, plan=self.plan)
        self.plan = None


class ApiUser(Person):
    """A phone app: a JWT once, then pages through the workouts and opens one now and then."""

    weight = 2

    def on_start(self) -> None:
        self.email = scenario.client_email(scenario.CLIENTS - 1 - next(_api_numbers) % scenario.CLIENTS)
        self.auth_headers: dict[str, str] = {}
        self.page = 1
        self.seen: list[str] = []
        self.log_in()

    def log_in(self) -> None:
        self.auth_headers = {}
        answer = self.call("api: token", json_body={"email": self.email, "password": scenario.PASSWORD})
        if answer.ok:
            self.auth_headers = {"Authorization": f"Bearer {answer.json()['access']}"}

    @task(5)
    def workouts_page(self) -> None:
        answer = self.call("api: workouts page", page=self.page)
        if answer.status_code == 401:
            self.log_in()
            return
        if answer.ok:
            body = answer.json()
            self.seen = [workout["id"] for workout in body.get("results", [])] or self.seen
            self.page = self.page + 1 if body.get("next") else 1

    @task(2)
    def workout(self) -> None:
        if self.seen:
            self.call("api: workout", workout=random.choice(self.seen))
