"""First pages of the daily reports as PNG images, for a person to look at (CI keeps them).

``first_pages(day)`` renders the Arabic and the English daily report of ``day`` to PDF and the
first page of each to PNG with ``pdftoppm`` (poppler-utils), into ``RAQIB_REPORT_PREVIEW_DIR``
(default ``/tmp/raqib-report-previews``); it returns the PNG paths.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from raqib.reports import render
from raqib.reports.spec import ReportSpec

DEFAULT_DIR = "/tmp/raqib-report-previews"


def preview_dir() -> Path:
    return Path(os.environ.get("RAQIB_REPORT_PREVIEW_DIR") or DEFAULT_DIR)


def first_pages(day: dt.date, out_dir: Path | None = None, resolution: int = 80) -> list[Path]:
    folder = out_dir or preview_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RuntimeError("pdftoppm is not installed (apt-get install poppler-utils)")
    made = []
    for lang in ("ar", "en"):
        stem = folder / f"daily-{day.isoformat()}-{lang}"
        pdf = stem.with_suffix(".pdf")
        pdf.write_bytes(render.render(ReportSpec("daily", day, day, lang), "pdf"))
        subprocess.run([pdftoppm, "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(stem)], check=True, capture_output=True, timeout=120)
        made.append(stem.with_suffix(".png"))
    return made
