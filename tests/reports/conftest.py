"""Report fixtures: the libya-2020 profile and a short synthetic mission, made once per module
and rolled back after it (each test still runs in a savepoint of its own)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from raqib import demo, profiles

DEMO_DAYS = 10
DAY = dt.date(2021, 1, 6)
PERIOD = (dt.date(2021, 1, 1), dt.date(2021, 1, 10))
# The direction marks pdftotext wraps right-to-left runs in (RLE, LRE, PDF, RLM, LRM, isolates).
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def mission_data(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[dict[str, int]]:
    data_dir = tmp_path_factory.mktemp("reports-demo") / "data"
    with override_settings(DATA_DIR=data_dir, EVIDENCE_DIR=data_dir / "evidence"), \
            django_db_blocker.unblock(), transaction.atomic():
        profiles.load("libya-2020")
        counts = demo.generate(days=DEMO_DAYS)
        yield counts
        transaction.set_rollback(True)


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The text pdftotext extracts, without the direction marks it adds around RTL runs."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    args = [shutil.which("pdftotext") or "pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, check=True, capture_output=True, timeout=120).stdout.decode("utf-8")
    return BIDI_MARKS.sub("", out)
