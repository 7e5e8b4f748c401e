"""Celery beat's schedule, composed from each app's `schedule.py`; settings.py sets CELERY_BEAT_SCHEDULE from it.

Each app's module has `beat_schedule(settings) -> dict`, reading its knobs from the settings being built (a
mapping: this runs while settings.py is imported, so neither side may import Django's settings).
django_celery_beat's DatabaseScheduler copies the entries into its tables when beat starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def beat_schedule(settings: Mapping[str, Any]) -> dict[str, Any]:
    from integrations import schedule as integrations

    schedule: dict[str, Any] = {}
    for app in (integrations,):
        schedule.update(app.beat_schedule(settings))
    return schedule
