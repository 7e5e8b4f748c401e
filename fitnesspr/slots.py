"""Slots: places in a domain page that another app fills (an integration's button or badge), so the domain's
templates never name an integration's URLs and its views never import it.

The app that fills a slot registers a template for it in its `AppConfig.ready()`, and optionally a loader
that reads what the template needs for a whole list of objects in one query. The page's view calls
`slots.load(name, objects)` for a list slot and puts the result in its context as `slots`; the template writes
`{% load slots %}{% slot "accounts.client_row" link.client %}`. The filler's template gets the page's context,
plus `object` (the object the slot is about) and `data` (what its loader read for that object).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Filler:
    template: str
    loader: Callable[[list[Any]], dict[Any, Any]] | None = None


_fillers: dict[str, list[Filler]] = defaultdict(list)


def fill(slot: str, template: str, loader: Callable[[list[Any]], dict[Any, Any]] | None = None) -> None:
    filler = Filler(template, loader)
    if filler not in _fillers[slot]:
        _fillers[slot].append(filler)


def fillers(slot: str) -> list[Filler]:
    return list(_fillers.get(slot, ()))


def load(slot: str, objects: Iterable[Any], into: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the loaders of `slot` for `objects` (one query each, whatever their number): `{slot: [data...]}`."""
    objects = list(objects)
    result = dict(into or {})
    result[slot] = [filler.loader(objects) if filler.loader and objects else {} for filler in fillers(slot)]
    return result
