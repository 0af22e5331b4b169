"""First pages of the Arabic and English daily reports as PNG, for a person to look at.

CI keeps the folder (RAQIB_REPORT_PREVIEW_DIR, default /tmp/raqib-report-previews); the paths
are printed whether or not pytest captures output.
"""

from __future__ import annotations

from typing import Any

import pytest

from raqib.reports.preview import first_pages, preview_dir

from .conftest import DAY

pytestmark = pytest.mark.usefixtures("mission_data", "db")


def test_the_first_pages_of_the_daily_reports_render_to_png(capsys: Any) -> None:
    paths = first_pages(DAY)

    assert [p.name for p in paths] == [f"daily-{DAY.isoformat()}-ar.png", f"daily-{DAY.isoformat()}-en.png"]
    for path in paths:
        assert path.parent == preview_dir()
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 10_000
    with capsys.disabled():
        print("\nReport previews:", *paths, sep="\n  ")
