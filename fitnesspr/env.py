"""Read settings from the environment with django-environ, and fail loudly on bad values.

django-environ parses: the `.env` file (`Env.read_env`), booleans, integers and lists (`Env.parse_value`),
database URLs (`Env.db_url_config`) and email URLs (`Env.email_url_config`). This module is the thin layer
that the library does not provide:

- `VAR=` (empty or blank) means "not set", for every type. django-environ reads an empty boolean as False
  and fails on an empty integer with a bare ValueError.
- A bad value raises ImproperlyConfigured naming the variable. django-environ reads junk such as
  `DEBUG=maybe` as False, and a bad integer or port is a bare ValueError that names nothing.
- An error about a URL shows its scheme only: the rest may carry a password.
- A value starting with `$` is taken literally. `Env.get_value` would read it as the name of another
  variable (and print that "name", say a secret key, in its error), so the raw value is looked up here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

_env = environ.Env()

_TRUE = frozenset(environ.Env.BOOLEAN_TRUE_STRINGS)  # true, on, ok, y, yes, 1
_FALSE = frozenset({"false", "off", "no", "n", "0"})
_DOTENV_NAME = re.compile(r"[A-Za-z_0-9]+")  # the names Env.read_env accepts


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a `.env` file with `Env.read_env`; real environment variables win.

    read_env only logs (and skips) a line it cannot read, and wants `KEY=value` with no indentation and no
    spaces around `=`. The lines are tidied and checked here first, so a typo stops start-up instead.
    """
    if not path.is_file():
        return
    lines = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        key, sep, value = line.partition("=")
        if not sep or not _DOTENV_NAME.fullmatch(key.strip()):
            # The line itself is not shown: it may hold a secret.
            raise ImproperlyConfigured(f"{path}:{number}: expected KEY=VALUE, KEY made of letters, digits and _")
        lines.append(f"{key.strip()}={value.strip()}")
    # overwrite=False (the default, explicit here): a variable that is already set keeps its value.
    environ.Env.read_env(io.StringIO("\n".join(lines)), overwrite=False)


def _raw(name: str) -> str | None:
    """The variable as set, or None when it is unset or blank."""
    value = _env.ENVIRON.get(name)
    if value is None or value.strip() == "":
        return None
    return value


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None else _env.parse_value(value, str)


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:  # `VAR=` means "not set", never a silent False
        return default
    if value.strip().lower() not in _TRUE | _FALSE:  # django-environ would read any other word as False
        raise ImproperlyConfigured(f"{name} must be a boolean (true/false, yes/no, on/off, 1/0), got {value!r}")
    return _env.parse_value(value, bool)


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = _env.parse_value(value, int)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Comma-separated; items are stripped and blank items dropped."""
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item for item in _env.parse_value(value, [str.strip]) if item]


def _check_scheme(name: str, value: str, schemes: tuple[str, ...] | list[str], *, needs_rest: bool = True) -> str:
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in schemes or (needs_rest and not rest):
        allowed = ", ".join(f"{s}://" for s in schemes)
        # Only the scheme is shown: the rest may carry a password.
        shown = f"{scheme}://..." if sep else "a value without a scheme"
        raise ImproperlyConfigured(f"{name} must be a URL starting with one of {allowed}; got {shown}")
    return scheme


def env_url(name: str, default: str | None, *, schemes: tuple[str, ...]) -> str | None:
    """A URL (kept as a string) whose scheme must be one of `schemes`."""
    value = env_str(name, default)
    if value is None:
        return None
    _check_scheme(name, value, schemes)
    return value


def database_settings(name: str, url: str, *, engines: tuple[str, ...]) -> dict[str, object]:
    """`Env.db_url_config(url)`, for a URL whose scheme maps to one of `engines` in django-environ."""
    schemes = [scheme for scheme, engine in environ.Env.DB_SCHEMES.items() if engine in engines]
    # Checked before parsing: for a URL without a known scheme, django-environ warns with the whole
    # parsed dictionary, password included.
    scheme = _check_scheme(name, url, schemes, needs_rest=False)
    try:
        return environ.Env.db_url_config(url)
    except Exception:  # a bad port is a ValueError; urllib may raise others
        raise ImproperlyConfigured(f"{name} is not a valid database URL (scheme {scheme}://)") from None


# Our short names for the non-SMTP backends, as django-environ spells them.
_EMAIL_ALIASES = {"console": "consolemail", "locmem": "memorymail"}
_SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
EMAIL_SCHEMES = (*_EMAIL_ALIASES, *_SMTP_PORTS)


def email_settings(name: str, url: str) -> dict[str, object]:
    """`smtp+tls://user:password@host:587?timeout=10` -> EMAIL_BACKEND, EMAIL_HOST, ... via `Env.email_url_config`.

    console:// and locmem:// set EMAIL_BACKEND only. For SMTP, the port defaults by scheme (25, 587 for
    smtp+tls, 465 for smtp+ssl), TLS/SSL follow the scheme, and `?timeout=` (seconds, default 10) is the
    only query option read.
    """
    scheme, _, rest = url.partition("://")
    _check_scheme(name, url, EMAIL_SCHEMES, needs_rest=False)
    try:
        config = environ.Env.email_url_config(f"{_EMAIL_ALIASES.get(scheme, scheme)}://{rest}")
    except ValueError:  # urllib: a port that is not a number or out of range
        raise ImproperlyConfigured(f"{name} has a bad port (scheme {scheme}://)") from None
    result: dict[str, object] = {"EMAIL_BACKEND": config["EMAIL_BACKEND"]}
    if scheme not in _SMTP_PORTS:
        return result
    if not config["EMAIL_HOST"]:
        raise ImproperlyConfigured(f"{name} needs a host: {scheme}://user:password@host:port")
    timeout = config.get("OPTIONS", {}).get("TIMEOUT", 10)  # django-environ: int when all digits, else str
    if not isinstance(timeout, int) or timeout < 1:
        raise ImproperlyConfigured(f"{name} timeout must be a whole number of seconds, at least 1")
    result.update(
        EMAIL_HOST=config["EMAIL_HOST"],
        EMAIL_PORT=config["EMAIL_PORT"] or _SMTP_PORTS[scheme],
        EMAIL_HOST_USER=config["EMAIL_HOST_USER"] or "",
        EMAIL_HOST_PASSWORD=config["EMAIL_HOST_PASSWORD"] or "",
        # From the scheme alone: django-environ would also take `?email_use_tls=` as a string.
        EMAIL_USE_TLS=scheme == "smtp+tls",
        EMAIL_USE_SSL=scheme == "smtp+ssl",
        EMAIL_TIMEOUT=timeout,
    )
    return result
