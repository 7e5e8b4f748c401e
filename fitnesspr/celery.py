"""The Celery app. Without REDIS_URL, tasks run in-process (see settings)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitnesspr.settings")

app = Celery("fitnesspr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["fitnesspr"])
