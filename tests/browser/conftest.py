"""Browser tests: Playwright (sync API) driving the system Chromium against pytest-django's live server.

Run them with `make test-browser` (or `pytest -m browser tests/browser`). Set FITNESSPR_SCREENSHOTS=<folder>
to save a phone-sized screenshot of each page the tests visit.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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
def new_page(browser: Browser, live_server) -> Iterator[Callable[..., Page]]:
    """`new_page(**context_options)`: a page in a fresh browser context (its own cookies), phone-sized unless
    the options say otherwise (e.g. `viewport={"width": 1280, "height": 800}, is_mobile=False`).

    Every page records the Content-Security-Policy violations it reports, in `page.csp_violations`.
    """
    contexts = []

    def _new_page(**options) -> Page:
        options = {"viewport": PHONE, "is_mobile": True, **options}  # a test may ask for a laptop instead
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
        )
        return page

    yield _new_page
    for context in contexts:
        context.close()


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
