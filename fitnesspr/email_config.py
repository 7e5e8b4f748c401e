"""Turn `EMAIL_URL` into Django's email settings."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
}


def email_settings_from_url(url: str) -> dict[str, object]:
    """`smtp+tls://user:password@host:587` -> EMAIL_BACKEND, EMAIL_HOST, ... (console:// by default)."""
    parts = urlsplit(url)
    if parts.scheme not in _BACKENDS:
        raise ImproperlyConfigured(f"EMAIL_URL scheme must be one of {', '.join(_BACKENDS)}; got {url!r}")
    result: dict[str, object] = {"EMAIL_BACKEND": _BACKENDS[parts.scheme]}
    if not parts.scheme.startswith("smtp"):
        return result
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL needs a host, got {url!r}")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has a bad port: {url!r}") from None
    options = parse_qs(parts.query)
    result.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if parts.scheme == "smtp+ssl" else 587 if parts.scheme == "smtp+tls" else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=parts.scheme == "smtp+tls",
        EMAIL_USE_SSL=parts.scheme == "smtp+ssl",
        EMAIL_TIMEOUT=int(options.get("timeout", ["10"])[0]),
    )
    return result
