"""One demo user per role, with passwords kept in the data dir so every run shows the same ones."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from raqib.accounts.models import Role, User
from raqib.accounts.services import create_user
from raqib.actors.models import Party
from raqib.core.errors import Conflict, NotFound

CREDENTIALS_FILE = "demo-users.json"

# (username, role, key of the party a liaison officer speaks for)
DEMO_USERS: tuple[tuple[str, str, str | None], ...] = (
    ("monitor", Role.MONITOR.value, None),
    ("team_leader", Role.TEAM_LEADER.value, None),
    ("verifier", Role.VERIFIER.value, None),
    ("chief", Role.CHIEF.value, None),
    ("liaison_gna", Role.LIAISON.value, "gna"),
    ("liaison_lna", Role.LIAISON.value, "lna"),
    ("public", Role.PUBLIC.value, None),
    ("admin", Role.ADMIN.value, None),
)


def credentials_path() -> Path:
    return Path(settings.DATA_DIR) / CREDENTIALS_FILE


def _read(path: Path) -> dict[str, str]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise Conflict(_("%(file)s cannot be read (%(error)s); move it away to make new demo users.")
                       % {"file": path, "error": exc}) from None
    return {str(r["username"]): str(r["password"]) for r in rows if r.get("password")}


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Replace the file in one step, readable by its owner only (it holds passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([{"username": u, "role": r, "password": p} for u, r, p in rows], handle, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def ensure_users() -> list[tuple[str, str, str]]:
    """Create the demo users that do not exist yet; returns (username, role, password) rows.

    Passwords are random, written to ``DATA_DIR/demo-users.json`` (mode 0600) before the users
    are created and read back on later runs, so a second run shows the same passwords and
    creates nothing. A user of that name made outside the demo keeps its password, shown as "".
    """
    path = credentials_path()
    known = _read(path)
    existing = {u.username: u for u in User.objects.filter(username__in=[name for name, _r, _p in DEMO_USERS])}
    parties = {p.key: p for p in Party.objects.filter(key__in=[k for _n, _r, k in DEMO_USERS if k])}
    rows: list[tuple[str, str, str]] = []
    for username, role, party_key in DEMO_USERS:
        if party_key and party_key not in parties:
            raise NotFound(_("The demo's liaison officers need the party “%(key)s”: load the libya-2020 profile "
                             "first.") % {"key": party_key})
        user = existing.get(username)
        if user is not None and (user.role != role or (party_key and user.party_id != parties[party_key].pk)):
            raise Conflict(_("A user named “%(name)s” exists with another role or party; the demo cannot use it.")
                           % {"name": username})
        if user is not None and username not in known:
            rows.append((username, role, ""))
        else:
            rows.append((username, role, known.get(username) or secrets.token_urlsafe(15)))
    remembered = [row for row in rows if row[2]]
    if {u: p for u, _r, p in remembered} != known:
        _write(path, remembered)
    with transaction.atomic():
        for username, role, password in rows:
            if username not in existing:
                party_key = next(k for n, _r, k in DEMO_USERS if n == username)
                create_user(username, role, password, None, party=parties[party_key] if party_key else None)
    return rows
