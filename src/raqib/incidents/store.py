"""The file store: evidence, form attachments and report files, named by their SHA-256,
written once, never overwritten.

By default the files live in the data dir (``RAQIB_DATA_DIR/evidence/ab/abcdef...``). With
``RAQIB_STORAGE_URL=s3://BUCKET/PREFIX`` they live in an S3-compatible object store through
django-storages (MinIO, Ceph, a cloud store), under the same names, so several application
machines share them. Either way a name is the hash of its content: storing the same bytes twice
is a no-op, and no stored file is ever replaced by other bytes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid

CHUNK = 1024 * 1024
REMOTE = "blobs"  # the STORAGES alias settings.py defines when RAQIB_STORAGE_URL is set
HEX = frozenset("0123456789abcdef")


def root() -> Path:
    return Path(settings.EVIDENCE_DIR)


def remote() -> Storage | None:
    """The object store, or None when files live in the data dir."""
    return storages[REMOTE] if getattr(settings, "RAQIB_STORAGE_URL", "") else None


def _check(digest: str) -> str:
    if len(digest) != 64 or not set(digest) <= HEX:
        raise ValueError("not a SHA-256 hex digest")
    return digest


def name_for(digest: str) -> str:
    """The file's name inside the store (a path below the data dir's store, or an object key)."""
    return f"{_check(digest)[:2]}/{digest}"


def path_for(digest: str) -> Path:
    """Where the file is on local disk (only meaningful without an object store)."""
    return root() / name_for(digest)


def put(stream: BinaryIO, *, max_bytes: int) -> tuple[str, int]:
    """Store the bytes of ``stream``; returns (sha256, size).

    The bytes are first written to a temporary file while they are hashed and counted (refused
    past ``max_bytes``), flushed to disk, and only then linked (or uploaded) under their name, so
    a crash leaves either no file or the whole file, and an existing file is never replaced.
    """
    storage = remote()
    spool_dir = root() if storage is None else Path(settings.DATA_DIR) / "tmp"
    spool_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=spool_dir, prefix=".incoming-")
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
        name = name_for(digest.hexdigest())
        if storage is None:
            final = root() / name
            final.parent.mkdir(exist_ok=True)
            try:
                os.link(tmp_name, final)
            except FileExistsError:
                pass  # same content already stored: content addressing makes this a no-op
        elif not storage.exists(name):
            with open(tmp_name, "rb") as spooled:
                saved = storage.save(name, File(spooled))
            if saved != name:  # a store that renames instead of writing the name asked for
                raise RuntimeError(f"the object store saved {name} as {saved}")
    finally:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
    return digest.hexdigest(), size


def open_blob(digest: str) -> BinaryIO:
    """The stored file, open for reading; FileNotFoundError when it is not there."""
    storage = remote()
    if storage is None:
        return path_for(digest).open("rb")
    name = name_for(digest)
    if not storage.exists(name):
        raise FileNotFoundError(name)
    return cast(BinaryIO, storage.open(name, "rb"))


def exists(digest: str) -> bool:
    storage = remote()
    return path_for(digest).exists() if storage is None else storage.exists(name_for(digest))


def size(digest: str) -> int:
    storage = remote()
    return path_for(digest).stat().st_size if storage is None else storage.size(name_for(digest))


def digests() -> Iterator[str]:
    """Every file in the store, by name, in no set order."""
    storage = remote()
    if storage is None:
        base = root()
        if not base.is_dir():
            return
        for folder in base.iterdir():
            if folder.is_dir() and len(folder.name) == 2:
                yield from (f.name for f in folder.iterdir() if len(f.name) == 64 and set(f.name) <= HEX)
        return
    top, _files = storage.listdir("")
    for name in top:
        if len(name) == 2:
            yield from (f for f in storage.listdir(name)[1] if len(f) == 64 and set(f) <= HEX)
