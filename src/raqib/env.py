"""Small helpers that read ``RAQIB_*`` environment variables and fail loudly.

A malformed value stops the process at start-up with a message naming the
variable, instead of running with a silently different configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PREFIX = "RAQIB_"


def _raw(name: str) -> str | None:
    """The value of NAME, or of the file named by NAME_FILE (for secrets)."""
    value = os.environ.get(PREFIX + name)
    file_name = os.environ.get(PREFIX + name + "_FILE")
    if value is not None and file_name is not None:
        raise ImproperlyConfigured(f"Set {PREFIX}{name} or {PREFIX}{name}_FILE, not both.")
    if file_name is not None:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{PREFIX}{name}_FILE: cannot read {file_name}: {exc.strerror}") from exc
    return value


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be at least {minimum}, not {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be at most {maximum}, not {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value.strip() == "":
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfigured(f"{PREFIX}{name} is a comma-separated list with an empty item: {value!r}.")
    return items


def env_path(name: str, default: Path) -> Path:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default.resolve()
    if "\x00" in value:
        raise ImproperlyConfigured(f"{PREFIX}{name} is not a usable path.")
    return Path(value).expanduser().resolve()


def env_database(name: str, default_sqlite: Path) -> dict[str, object]:
    """A Django DATABASES entry from a database URL (SQLite file by default)."""
    import dj_database_url

    value = _raw(name)
    if value is None or value.strip() == "":
        config: dict[str, object] = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    else:
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in ("sqlite", "postgres", "postgresql", "pgsql"):
            raise ImproperlyConfigured(
                f"{PREFIX}{name} must be a sqlite:///PATH or postgresql://USER@HOST:PORT/NAME URL, not {value!r}."
            )
        try:
            config = dict(dj_database_url.parse(value))
        except (ValueError, KeyError) as exc:
            raise ImproperlyConfigured(f"{PREFIX}{name} is not a valid database URL: {exc}") from exc
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{PREFIX}{name} names no database: {value!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE transactions take the
        # write lock up front so two writers queue on the busy timeout instead of failing
        # with "database is locked" when a read lock cannot be upgraded.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    else:
        # Persistent connections (dj_database_url's parse() gives CONN_MAX_AGE=0, which would open
        # a new connection for every request).
        config["CONN_MAX_AGE"] = config.get("CONN_MAX_AGE") or 60
        config["CONN_HEALTH_CHECKS"] = True
    return config


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_url(name: str, default: str, schemes: tuple[str, ...]) -> str:
    """An address whose scheme is one of ``schemes`` and that names a host (or a socket path).
    Errors do not repeat the value: it may hold a password."""
    from urllib.parse import urlsplit

    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError:
        raise ImproperlyConfigured(f"{PREFIX}{name} is not a valid address.") from None
    if parts.scheme not in schemes or not (parts.hostname or (parts.scheme == "unix" and parts.path)):
        raise ImproperlyConfigured(
            f"{PREFIX}{name} must be a {' or '.join(s + '://' for s in schemes)} address with a host.")
    return value
