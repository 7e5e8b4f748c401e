"""The beat schedule of the integrations app, merged into CELERY_BEAT_SCHEDULE by settings.py.

django_celery_beat's DatabaseScheduler copies it into its tables when beat starts. `hevy_sync_all_due`
runs every HEVY_SYNC_INTERVAL_MINUTES and spreads the connections over that interval. This module is
imported by the settings, so it must not import Django.
"""

from __future__ import annotations

from datetime import timedelta


def beat_schedule(interval_minutes: int) -> dict:
    return {
        "hevy-sync-all-due": {
            "task": "integrations.tasks.hevy_sync_all_due",
            "schedule": timedelta(minutes=interval_minutes),
            "options": {"expires": interval_minutes * 60},
        }
    }
