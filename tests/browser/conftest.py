"""Browser tests: Playwright (sync API) driving the system Chromium against pytest-django's live server.

Run them with `make test-browser` (or `pytest -m browser tests/browser`). Set FITNESSPR_SCREENSHOTS=<folder>
to save a phone-sized screenshot of each page the tests visit.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("FITNESSPR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
# pytest-django's live server speaks WSGI, so the page's WebSocket to /ws/notifications/ answers 404 there and
# realtime.js falls back to polling. The socket itself is tested in notifications/tests against the ASGI app.
ALWAYS_EXPECTED = ("/ws/notifications/' failed: Error during WebSocket handshake: Unexpected response code: 404",)


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server's WSGI server, running the application for one request at a time.

    With the in-memory SQLite test database, every thread of the live server uses the test's one connection
    (pytest-django passes it to them). Two requests at once on it (an htmx save still in flight when the next
    click posts, a page's WebSocket retry) interleave their transactions and fail at random with "database table
    is locked" (a 500, so htmx swaps nothing and the test times out waiting for it). Each connection still has a
    thread of its own (a browser keeps idle connections open, which would stall a server without threads); only
    the application, response body included, runs under a lock.
    """

    def set_app(self, application: Callable[..., Any]) -> None:
        lock = threading.Lock()

        def one_at_a_time(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
            with lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()  # request_finished: Django's end of request, still under the lock

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server (same address options), serving one request at a time (see above)."""
    addr = request.config.getvalue("liveserver") or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    original = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATimeServer  # read when the server thread starts, just below
    try:
        server = LiveServer(addr)
    finally:
        LiveServerThread.server_class = original
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("FITNESSPR_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread, which makes Django refuse the (synchronous)
    # ORM calls of the tests and the live server; allow them only while browser tests run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser: Browser, live_server, request) -> Iterator[Callable[..., Page]]:
    """`new_page(**context_options)`: a page in a fresh browser context (its own cookies), phone-sized unless
    the options say otherwise (e.g. `viewport={"width": 1280, "height": 800}, is_mobile=False`).

    Every page records the Content-Security-Policy violations it reports, in `page.csp_violations`, and its
    console errors in `page.console_errors`; any console error fails the test at teardown (unless the test
    sets `request.node.expected_console_errors` to fragments of the errors it provokes on purpose).
    """
    contexts = []

    def _new_page(**options) -> Page:
        options = {"viewport": PHONE, "is_mobile": True, **options}  # a test may ask for a laptop instead
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.console_errors = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
        )
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
        # The console says "Failed to load resource" without the URL: name it.
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and page.console_errors.append(f"{response.status} {response.request.method} {response.url}")
            ),
        )
        pages.append(page)
        return page

    pages: list[Page] = []
    yield _new_page
    for context in contexts:
        context.close()
    # Every browser test fails on a console error: a script error, a blocked resource, a failed request the page
    # did not expect. A test that provokes an error answer on purpose (a 4xx form) lists it in `expected_errors`.
    expected = (*getattr(request.node, "expected_console_errors", ()), *ALWAYS_EXPECTED)
    errors = [
        error for page in pages for error in page.console_errors if not any(fragment in error for fragment in expected)
    ]
    assert errors == [], f"console errors: {errors}"


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    folder = os.environ.get("FITNESSPR_SCREENSHOTS")

    def _screenshot(page: Page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            # caret="initial": hiding the caret leaves style="" on inputs, which htmx copies when it swaps them
            # later (a CSP violation of style-src-attr that only the screenshots cause).
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True, caret="initial")

    return _screenshot
