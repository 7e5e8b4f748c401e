"""An httpx client for the Hevy public API that survives Hevy as it really behaves (shared/HEVY_API.md).

    client = HevyClient(api_key)                      # base URL from settings.HEVY_API_BASE_URL
    for events in client.iter_event_pages(since):     # one list of normalized events per page
        ...

- Explicit timeouts: 10 s to connect, settings.HEVY_TIMEOUT_SECONDS to read (large pages are slow).
- 408, 429 and 5xx answers, timeouts and network errors are retried with exponential backoff (1, 2, 4, 8 s...),
  honouring `Retry-After`; a Retry-After longer than `max_retry_after` is not waited for: HevyRateLimited carries
  it so a task can be rescheduled instead of holding a worker. A POST (no idempotency keys at Hevy) is retried only
  when Hevy certainly did not act on it (408, 429, 503, connection failures), never after a 500 or a read timeout,
  so a retry can never create a second workout or routine.
- Lists are read page by page with a short pause between pages (Hevy answers 429 to fast paging); the 404 Hevy
  answers past the last page ends the iteration.
- Every answer is normalized (integrations.hevy.normalize): wrapped or bare objects, one-element lists, plain-text
  bodies, `supersets_id`/`superset_id`, timestamp variants.

Tests pass `transport` (an httpx transport) or point `base_url` at the fake server, and inject `sleep`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import httpx
from django.conf import settings

from integrations.hevy import normalize
from integrations.hevy.errors import (
    HevyAuthError,
    HevyError,
    HevyLimitError,
    HevyNotFound,
    HevyRateLimited,
    HevyServerError,
    HevyValidationError,
)

PAGE_SIZE = 10
TEMPLATE_PAGE_SIZE = 100
CONNECT_TIMEOUT = 10.0
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses after which a POST was certainly not carried out, so sending it again cannot duplicate anything.
SAFE_POST_RETRY_STATUSES = frozenset({408, 429, 503})


def _pause(seconds: float) -> None:
    """The default sleep; a module function so the test fixture can record pauses instead of waiting."""
    time.sleep(seconds)


def _body(response: httpx.Response) -> Any:
    """The decoded JSON body, else the stripped text (Hevy answers some errors and ids as plain text)."""
    text = response.text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _message(response: httpx.Response) -> str:
    body = _body(response)
    if isinstance(body, dict) and body.get("error"):
        return str(body["error"])
    if isinstance(body, str):
        return body[:300]
    return response.reason_phrase or f"HTTP {response.status_code}"


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds from a `Retry-After` header given as seconds or as an HTTP date; None when absent or unreadable."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class HevyClient:
    """One user's Hevy API session. Use as a context manager or call close()."""

    def __init__(
        self,
        api_key: str,
        base_url: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        page_pause: float | None = None,
        max_retries: int = 4,
        sleep: Callable[[float], None] | None = None,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        max_retry_after: float = 60.0,
        timeout: float | None = None,
    ):
        if page_pause is None:
            page_pause = getattr(settings, "HEVY_PAGE_PAUSE_SECONDS", 0.2)
        self.page_pause = page_pause
        self.max_retries = max_retries
        self.sleep = sleep if sleep is not None else _pause
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.max_retry_after = max_retry_after
        read_timeout = float(timeout if timeout is not None else settings.HEVY_TIMEOUT_SECONDS)
        self._http = httpx.Client(
            base_url=(base_url or settings.HEVY_API_BASE_URL).rstrip("/"),
            headers={"api-key": api_key, "accept": "application/json"},
            timeout=httpx.Timeout(read_timeout, connect=CONNECT_TIMEOUT),
            transport=transport,
            follow_redirects=False,
        )

    def __enter__(self) -> HevyClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the request loop -------------------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        return min(self.backoff_max, self.backoff_base * 2**attempt)

    def _request(self, method: str, path: str, *, params: dict | None = None, json_body: Any = None) -> Any:
        """Send a request, retrying what is safe to retry; the decoded body of a 2xx answer, else a HevyError."""
        is_post = method == "POST"
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            try:
                response = self._http.request(method, path, params=params, json=json_body)
            except httpx.TransportError as exc:
                # A POST whose request may have reached Hevy (anything but a failed connection) is not resent.
                unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
                if last or (is_post and not unsent):
                    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
                    raise HevyError(f"Request to Hevy {kind}: {exc.__class__.__name__}") from exc
                self.sleep(self._backoff(attempt))
                continue

            status = response.status_code
            if status < 400:
                return _body(response)
            retryable = status in RETRY_STATUSES or status >= 500
            if is_post and status not in SAFE_POST_RETRY_STATUSES:
                retryable = False
            if not retryable or last:
                raise self._error(response)
            delay = _retry_after(response)
            if delay is not None and delay > self.max_retry_after:
                raise self._error(response)
            self.sleep(self._backoff(attempt) if delay is None else delay)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _error(response: httpx.Response) -> HevyError:
        status = response.status_code
        message = _message(response)
        retry_after = _retry_after(response)
        if status == 401:
            return HevyAuthError(message or "InvalidApiKey", status=status)
        if status == 400:
            return HevyValidationError(message, status=status)
        if status == 403:
            return HevyLimitError(message, status=status)
        if status == 404:
            return HevyNotFound(message, status=status)
        if status == 429:
            return HevyRateLimited(message, status=status, retry_after=retry_after)
        if status == 408 or status >= 500:
            return HevyServerError(message, status=status, retry_after=retry_after)
        return HevyError(message, status=status)

    def _iter_pages(self, path: str, key: str, *, page_size: int = PAGE_SIZE, params: dict | None = None):
        """The raw item list of each page, from page 1 to `page_count` or to the 404 past the last page."""
        page = 1
        while True:
            if page > 1 and self.page_pause:
                self.sleep(self.page_pause)
            try:
                body = self._request("GET", path, params={**(params or {}), "page": page, "pageSize": page_size})
            except HevyNotFound:
                return
            if not isinstance(body, dict):
                raise HevyError(f"Unexpected answer from Hevy for {path}", status=200)
            items = [item for item in body.get(key) or [] if isinstance(item, dict)]
            yield items
            page_count = body.get("page_count")
            if isinstance(page_count, int) and not isinstance(page_count, bool):
                if page >= page_count:
                    return
            elif len(items) < page_size:  # no page_count: a short page is the last one, else the 404 will say
                return
            page += 1

    @staticmethod
    def _id(value: object) -> str:
        return quote(str(value), safe="")

    # --- account ----------------------------------------------------------------------------------------------

    def user_info(self) -> dict:
        data = normalize.unwrap(self._request("GET", "/v1/user/info"), "data")
        if not isinstance(data, dict) or not data.get("id"):
            raise HevyError("Hevy answered no user", status=200)
        return {"id": str(data["id"]), "name": data.get("name") or "", "url": data.get("url") or ""}

    # --- workouts ---------------------------------------------------------------------------------------------

    def workouts_count(self) -> int:
        body = self._request("GET", "/v1/workouts/count")
        if isinstance(body, dict):
            body = body.get("workout_count")
        try:
            return int(body)
        except (TypeError, ValueError):
            raise HevyError("Hevy answered no workout count", status=200) from None

    def iter_event_pages(self, since: datetime) -> Iterator[list[dict]]:
        """Each page of the events feed since `since`, newest first, as normalized events."""
        params = {"since": normalize.format_time(since)}
        for items in self._iter_pages("/v1/workouts/events", "events", params=params):
            events = (normalize.normalize_event(item) for item in items)
            yield [event for event in events if event is not None]

    def iter_workouts(self) -> Iterator[dict]:
        for items in self._iter_pages("/v1/workouts", "workouts"):
            yield from (normalize.normalize_workout(item) for item in items)

    def get_workout(self, workout_id: str) -> dict:
        data = normalize.unwrap(self._request("GET", f"/v1/workouts/{self._id(workout_id)}"), "workout")
        return self._required(data, normalize.normalize_workout, "workout")

    def create_workout(self, body: dict) -> dict:
        data = normalize.unwrap(self._request("POST", "/v1/workouts", json_body={"workout": body}), "workout")
        return self._required(data, normalize.normalize_workout, "workout")

    def update_workout(self, workout_id: str, body: dict) -> dict:
        answer = self._request("PUT", f"/v1/workouts/{self._id(workout_id)}", json_body={"workout": body})
        return self._required(normalize.unwrap(answer, "workout"), normalize.normalize_workout, "workout")

    @staticmethod
    def _required(data: Any, normalizer: Callable[[dict], dict], what: str) -> dict:
        if not isinstance(data, dict) or not data.get("id"):
            raise HevyError(f"Hevy answered no {what}", status=200)
        return normalizer(data)

    # --- exercise templates -----------------------------------------------------------------------------------

    def iter_exercise_templates(self) -> Iterator[dict]:
        for items in self._iter_pages("/v1/exercise_templates", "exercise_templates", page_size=TEMPLATE_PAGE_SIZE):
            yield from (normalize.normalize_template(item) for item in items if item.get("id"))

    def get_exercise_template(self, template_id: str) -> dict:
        answer = self._request("GET", f"/v1/exercise_templates/{self._id(template_id)}")
        return self._required(normalize.unwrap(answer, "exercise_template"), normalize.normalize_template, "template")

    def create_exercise_template(
        self,
        *,
        title: str,
        exercise_type: str,
        equipment_category: str,
        muscle_group: str,
        other_muscles: list[str] | tuple[str, ...] = (),
    ) -> str:
        """Create a custom exercise; its id, whether Hevy answers `{"id": ...}`, a JSON string or plain text."""
        exercise = {
            "title": title,
            "exercise_type": exercise_type,
            "equipment_category": equipment_category,
            "muscle_group": muscle_group,
            "other_muscles": list(other_muscles),
        }
        body = self._request("POST", "/v1/exercise_templates", json_body={"exercise": exercise})
        if isinstance(body, dict):
            body = body.get("id") or (body.get("exercise_template") or {}).get("id")
        if isinstance(body, int | str) and not isinstance(body, bool) and str(body).strip():
            return str(body).strip()
        raise HevyError("Hevy answered no exercise template id", status=200)

    # --- routine folders --------------------------------------------------------------------------------------

    def create_routine_folder(self, title: str) -> dict:
        answer = self._request("POST", "/v1/routine_folders", json_body={"routine_folder": {"title": title}})
        return self._required(normalize.unwrap(answer, "routine_folder"), normalize.normalize_folder, "folder")

    def iter_routine_folders(self) -> Iterator[dict]:
        for items in self._iter_pages("/v1/routine_folders", "routine_folders"):
            yield from (normalize.normalize_folder(item) for item in items if item.get("id") is not None)

    # --- routines ---------------------------------------------------------------------------------------------

    def create_routine(self, body: dict) -> dict | None:
        """The created routine, or None when Hevy answers an empty or id-less success body."""
        return self._routine_or_none(self._request("POST", "/v1/routines", json_body={"routine": body}))

    def update_routine(self, routine_id: str, body: dict) -> dict | None:
        answer = self._request("PUT", f"/v1/routines/{self._id(routine_id)}", json_body={"routine": body})
        return self._routine_or_none(answer)

    @staticmethod
    def _routine_or_none(answer: Any) -> dict | None:
        data = normalize.unwrap(answer, "routine")
        if not isinstance(data, dict) or not data.get("id"):
            return None
        return normalize.normalize_routine(data)

    def get_routine(self, routine_id: str) -> dict:
        answer = self._request("GET", f"/v1/routines/{self._id(routine_id)}")
        return self._required(normalize.unwrap(answer, "routine"), normalize.normalize_routine, "routine")

    def iter_routines(self) -> Iterator[dict]:
        for items in self._iter_pages("/v1/routines", "routines"):
            yield from (normalize.normalize_routine(item) for item in items if item.get("id"))
