"""The beat schedule of the integrations app, composed into CELERY_BEAT_SCHEDULE by fitnesspr/schedule.py.

django_celery_beat's DatabaseScheduler copies it into its tables when beat starts. `hevy_sync_all_due`
runs every HEVY_SYNC_INTERVAL_MINUTES and spreads the connections over that interval. This module is
imported by the settings, so it must not import Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any


def beat_schedule(settings: Mapping[str, Any]) -> dict:
    interval_minutes = settings["HEVY_SYNC_INTERVAL_MINUTES"]
    return {
        "hevy-sync-all-due": {
            "task": "integrations.tasks.hevy_sync_all_due",
            "schedule": timedelta(minutes=interval_minutes),
            "options": {"expires": interval_minutes * 60},
        }
    }
