"""Where published reports are kept.

The files (PDF, HTML, signed manifest) go to Raqib's file store (:mod:`raqib.incidents.store`),
named by their SHA-256, written once and never overwritten: in the data dir, or in the object
store when ``RAQIB_STORAGE_URL`` names one. Each published report also gets a folder of its own in
the data dir (``DATA_DIR/reports/issued/REP-00001/``) holding its files under their human names,
where they are signed (the manifest names files beside it).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from django.conf import settings

from raqib.incidents import store as blobs

# A report's PDF with its maps and charts stays far below this.
MAX_BYTES = 200 * 1024 * 1024


def root() -> Path:
    return Path(settings.DATA_DIR) / "reports"


def put(data: bytes) -> tuple[str, int]:
    """Store ``data``; returns (sha256, size). Storing the same bytes twice is a no-op."""
    return blobs.put(io.BytesIO(data), max_bytes=MAX_BYTES)


def read(digest: str) -> bytes:
    with blobs.open_blob(digest) as handle:
        return handle.read()


def exists(digest: str) -> bool:
    return blobs.exists(digest)


def issue(folder_name: str, files: dict[str, bytes]) -> list[Path]:
    """Write ``{name: bytes}`` into the report's own folder (each file whole or not at all)."""
    folder = root() / "issued" / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    placed = []
    for name, data in files.items():
        target = folder / name
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        placed.append(target)
    return placed
