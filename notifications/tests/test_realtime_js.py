"""static/js/realtime.js, run by Node against a fake DOM and a fake WebSocket."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "realtime.js"

# Runs the script in a sandbox, replays a conversation on the socket and prints what the page saw.
HARNESS = r"""
const vm = require("vm");
const fs = require("fs");

class Element {
  constructor(tag) { this.tagName = tag; this.children = []; this.attributes = {}; this.listeners = {};
                     this.textContent = ""; this.className = ""; this.parentNode = null; }
  appendChild(child) { child.parentNode = this; this.children.push(child); return child; }
  removeChild(child) { this.children.splice(this.children.indexOf(child), 1); child.parentNode = null; return child; }
  get firstElementChild() { return this.children[0] || null; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
}
const toasts = new Element("div");
const dispatched = [];
const document = {
  getElementById: (id) => (id === "toasts" ? toasts : null),
  createElement: (tag) => new Element(tag),
  dispatchEvent: (event) => { dispatched.push({ type: event.type, detail: event.detail }); return true; },
};
class CustomEvent { constructor(type, init) { this.type = type; this.detail = init && init.detail; } }
const sockets = [];
class FakeWebSocket {
  constructor(url) { this.url = url; this.listeners = {}; this.sent = []; this.readyState = 0; sockets.push(this); }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  send(data) { this.sent.push(data); }
  fire(type, event) { (this.listeners[type] || []).forEach((listener) => listener(event || {})); }
}
FakeWebSocket.OPEN = 1;
const timeouts = [];
const window = {
  location: { protocol: "https:", host: "coach.example.com" },
  setTimeout: (fn, ms) => { timeouts.push({ fn, ms }); return timeouts.length; },
  clearTimeout: () => {},
  setInterval: () => 1,
  clearInterval: () => {},
  addEventListener: () => {},
  WebSocket: FakeWebSocket,
};
const context = vm.createContext({ window, document, CustomEvent, WebSocket: FakeWebSocket });
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);

const send = (socket, event) =>
  socket.fire("message", { data: typeof event === "string" ? event : JSON.stringify(event) });
const first = sockets[0];
first.readyState = 1;
first.fire("open");
send(first, { type: "welcome", data: { user: "u1" } });
send(first, { type: "pong", data: {} });
send(first, "{not json");
send(first, { type: "plan_request.progress", data: { percent: 40 } });
send(first, { type: "coaching.client_joined", data: {} });
send(first, { type: "message.created", data: { message: "<b>See you at 6</b>" } });
const toastTexts = toasts.children.map((toast) => [toast.className, toast.children[0].textContent]);
const timeoutsBeforeClose = timeouts.length;
first.fire("close", { code: 1006 });
const reconnect = timeouts.slice(timeoutsBeforeClose);
reconnect.forEach((timeout) => timeout.fn());
const second = sockets[1];
second.fire("close", { code: 4401 });
const afterUnauthenticated = timeouts.length;

console.log(JSON.stringify({
  urls: sockets.map((socket) => socket.url),
  dispatched,
  toastTexts,
  reconnectDelays: reconnect.map((timeout) => timeout.ms),
  timeoutsAfter4401: timeouts.length - afterUnauthenticated,
  socketCount: sockets.length,
  hasToastApi: typeof window.FitnessPr.toast === "function",
}));
"""


@pytest.fixture(scope="module")
def page_saw() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js (installed by the set-up step for npm)")
    result = subprocess.run([node, "-e", HARNESS, str(SCRIPT)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_connects_to_the_notifications_socket_over_tls_on_https_pages(page_saw):
    assert page_saw["urls"][0] == "wss://coach.example.com/ws/notifications/"


def test_each_event_becomes_a_namespaced_dom_event_and_pong_or_garbage_do_not(page_saw):
    assert page_saw["dispatched"][:4] == [
        {"type": "fitnesspr:welcome", "detail": {"user": "u1"}},
        {"type": "fitnesspr:plan_request.progress", "detail": {"percent": 40}},
        {"type": "fitnesspr:coaching.client_joined", "detail": {}},
        {"type": "fitnesspr:message.created", "detail": {"message": "<b>See you at 6</b>"}},
    ]


def test_toasts_for_coaching_events_and_messages_as_plain_text(page_saw):
    assert page_saw["toastTexts"] == [
        ["toast", "A new client joined you."],
        ["toast", "<b>See you at 6</b>"],
    ]
    assert page_saw["hasToastApi"]


def test_a_dropped_socket_reconnects_after_a_short_jittered_delay(page_saw):
    assert len(page_saw["reconnectDelays"]) == 1
    assert 500 <= page_saw["reconnectDelays"][0] <= 1000
    assert page_saw["socketCount"] == 2
    assert page_saw["dispatched"][4] == {"type": "fitnesspr:disconnected", "detail": {"code": 1006}}


def test_a_4401_close_stops_reconnecting(page_saw):
    assert page_saw["timeoutsAfter4401"] == 0
    assert page_saw["dispatched"][-1] == {"type": "fitnesspr:disconnected", "detail": {"code": 4401}}
