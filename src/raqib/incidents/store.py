"""The evidence store: files named by their SHA-256, written once, never overwritten."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.EVIDENCE_DIR)


def path_for(digest: str) -> Path:
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError("not a SHA-256 hex digest")
    return root() / digest[:2] / digest


def put(stream: BinaryIO, *, max_bytes: int) -> tuple[str, int]:
    """Store the bytes of ``stream``; returns (sha256, size).

    The file is written to a temporary name, flushed to disk and then linked into place, so a
    crash leaves either no file or the whole file, and an existing file is never replaced.
    """
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=base, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Invalid(_("The file is larger than the limit of %(n)d bytes.") % {"n": max_bytes})
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        final = path_for(digest.hexdigest())
        final.parent.mkdir(exist_ok=True)
        try:
            os.link(tmp_name, final)
        except FileExistsError:
            pass  # same content already stored: content addressing makes this a no-op
    finally:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
    return digest.hexdigest(), size


def open_blob(digest: str) -> BinaryIO:
    return path_for(digest).open("rb")


def exists(digest: str) -> bool:
    return path_for(digest).exists()
