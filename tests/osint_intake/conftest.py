"""News intake tests: tasks run immediately here (the one place that says so; the tests of the
database and RQ backends choose theirs), invented articles, and a gazetteer place for Sirte."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from raqib.geo.models import Place
from raqib.geo.services import upsert_place
from raqib.osint import services
from raqib.osint.models import NewsSource

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def sirte(db: Any) -> Place:
    place, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city", "precision": "town"}, ["Surt"], None)
    return place


@pytest.fixture
def wire(db: Any) -> NewsSource:
    return services.upsert_source("Test wire", {"kind": "json", "reliability": "C"}, None)[0]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, Any], Path]:
    """Write a file under tmp_path: bytes as they are, str as UTF-8, anything else as JSON."""

    def make(name: str, content: Any) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return make
