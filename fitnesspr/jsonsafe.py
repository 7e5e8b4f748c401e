"""Reading untrusted JSON: every JSON body (API, pages) and every WebSocket message goes through `loads`.

The standard library's parser recurses once per nesting level and raises RecursionError (not ValueError)
on a body of 100,000 `[`; it also accepts NUL characters and lone surrogates, which PostgreSQL refuses
to store. `loads` turns all of these into a ValueError with a message a client can act on, and caps
the nesting depth at `settings.JSON_MAX_DEPTH`.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings


class UnsafeJSONError(ValueError):
    """JSON that parses but that the application refuses (too deep, NUL, lone surrogate)."""


def loads(text: str | bytes, *, max_depth: int | None = None) -> Any:
    max_depth = settings.JSON_MAX_DEPTH if max_depth is None else max_depth
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise UnsafeJSONError(f"The JSON is nested too deeply (at most {max_depth} levels).") from None
    check(value, max_depth=max_depth)
    return value


def check(value: Any, *, max_depth: int) -> None:
    """Walk a parsed value without recursion: depth, and text that a database can store."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict | list):
            if depth >= max_depth:
                raise UnsafeJSONError(f"The JSON is nested too deeply (at most {max_depth} levels).")
            if isinstance(item, dict):
                for key, inner in item.items():
                    _check_text(key)
                    stack.append((inner, depth + 1))
            else:
                stack.extend((inner, depth + 1) for inner in item)


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise UnsafeJSONError("Text may not contain NUL (\\u0000) characters.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeJSONError("Text may not contain unpaired surrogate characters.") from None


def _refuse_constant(name: str) -> Any:
    raise UnsafeJSONError(f"{name} is not valid JSON.")
