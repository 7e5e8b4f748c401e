"""Background tasks shared by every app."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import send_mail


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    time_limit=60,
    soft_time_limit=50,
)
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email; SMTP failures are retried with backoff."""
    return send_mail(subject, body, None, to)


# Both limits: a task's own time_limit below the global soft limit (settings) is refused by apply_async.
@shared_task(time_limit=10, soft_time_limit=5)
def ping() -> str:
    """Answers 'pong': proves a worker is consuming the broker (used by tests and `readyz`-style checks)."""
    return "pong"
