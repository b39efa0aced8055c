"""Typed readers for settings taken from the environment.

Each refuses a bad value loudly at start-up rather than letting a typo turn
into a silently wrong setting.
"""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value: use 1 or 0, true or false.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """Django's SECURE_PROXY_SSL_HEADER from the header's own name, e.g. `X-Forwarded-Proto`.

    A TLS-terminating proxy sets that header to `https` on requests that reached it over TLS.
    Unset means no proxy is trusted: the header could then be forged by any client.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z0-9-]+", raw):
        raise ImproperlyConfigured(f"{name}={raw!r} is not an HTTP header name: use e.g. X-Forwarded-Proto.")
    return "HTTP_" + raw.upper().replace("-", "_"), "https"


def _sqlite(path) -> dict:
    # Each transaction takes SQLite's write lock when it begins and waits up to 20 s for it: with the
    # default (deferred) transactions, two saves at once both read, then one fails to upgrade its lock
    # at once with "database is locked" (a 500) instead of waiting and being told someone saved first.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }


def database_from_url(url: str, *, default_sqlite: Path) -> dict:
    """Django DATABASES["default"] from `sqlite:///path` or `postgres://user:pass@host:port/name?options`."""
    if not url:
        return _sqlite(default_sqlite)
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as in SQLAlchemy
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ImproperlyConfigured("DATABASE_URL: a sqlite URL needs a file path, e.g. sqlite:///var/db.sqlite3")
        return _sqlite(path)
    if parts.scheme in {"postgres", "postgresql"}:
        if not unquote(parts.path.lstrip("/")):
            raise ImproperlyConfigured("DATABASE_URL: a postgres URL needs a database name after the host.")
        try:
            parts.port  # noqa: B018 (reading it is the check)
        except ValueError:
            raise ImproperlyConfigured("DATABASE_URL: the port is not a number.") from None
        # dj-database-url keeps the query string as OPTIONS (?sslmode=require, ?connect_timeout=5).
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        config["PORT"] = str(config["PORT"] or "")
        return config
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported: use sqlite:///path or postgres://..."
    )


def env_port(name: str, default: int) -> int:
    port = env_int(name, default)
    if not 1 <= port <= 65535:
        raise ImproperlyConfigured(f"{name}={port} is not a port number: use 1 to 65535, e.g. 8001.")
    return port


EMAIL_ADDRESS = re.compile(r"[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+|[^@\s:/]+@localhost")


def env_link(name: str, default: str) -> str:
    """A link people follow: an http(s) address as given, or an email address as a mailto: link."""
    raw = os.environ.get(name, default).strip()
    if not raw:
        return ""
    address = raw.removeprefix("mailto:")
    if EMAIL_ADDRESS.fullmatch(address):
        return f"mailto:{address}"
    parts = urlsplit(raw)
    if parts.scheme in {"https", "http"} and parts.netloc and not any(c.isspace() for c in raw):
        return raw
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a web address or an email address: use e.g. https://forms.example.org/feedback "
        "or feedback@example.org."
    )
