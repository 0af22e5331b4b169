"""OpenRosa fixtures: phones signed in as each role, and the real forms published."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from raqib.accounts.models import User
from raqib.openrosa.models import XForm
from raqib.openrosa.services import upload_xlsform

from .support import GPS, PASSWORD, TUTORIAL, Phone


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def phone(users: dict[str, User]) -> Callable[..., Phone]:
    """``phone("monitor")``: a phone signed in as that user (None: no credentials at all)."""
    return lambda name="monitor", password=PASSWORD, **kw: Phone(name, password, **kw)


def publish(path: Path, actor: Any = None) -> XForm:
    return upload_xlsform(path.name, path.read_bytes(), actor).xform


@pytest.fixture
def tutorial(db: Any) -> XForm:
    return publish(TUTORIAL / "tutorial.xls")


@pytest.fixture
def gps(db: Any) -> XForm:
    return publish(GPS / "gps.xls")
