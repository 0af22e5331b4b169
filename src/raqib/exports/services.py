"""Exports: the incidents a user may see, in a registered format, streamed to a response or
written to a file with its signed manifest beside it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from raqib.core.errors import Invalid
from raqib.exports import registry
from raqib.exports.filters import ExportFilters, incidents_for
from raqib.exports.rows import CHUNK_SIZE, ExportContext, Row, iter_rows
from raqib.integrity import sign_files

ProgressFn = Callable[..., None]
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class Export:
    """A prepared export: access checked and filters applied, nothing read yet."""

    format: registry.ExportFormat
    context: ExportContext
    count: Callable[[], int]
    rows: Callable[[], Iterator[Row]]

    @property
    def filename(self) -> str:
        stamp = self.context.generated_at.strftime("%Y%m%d-%H%M%S")
        return f"raqib-incidents-{self.format.key}-{stamp}.{self.format.extension}"

    def chunks(self) -> Iterator[bytes]:
        return self.format.chunks(self.rows(), self.context)


def prepare(format_key: str, user: Any, filters: ExportFilters, *, chunk_size: int = CHUNK_SIZE,
            progress: ProgressFn | None = None) -> Export:
    """Check access and the format before anything is written, so a refusal is a clean error
    (an HTTP 4xx before the response starts, an exit 1 before the file exists)."""
    fmt = registry.get(format_key)
    qs = incidents_for(user, filters)
    context = ExportContext.for_user(user, filters.describe())

    def rows() -> Iterator[Row]:
        done = 0
        for row in iter_rows(qs, user, chunk_size):
            yield row
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(PROGRESS_EVERY)
        if progress is not None and done % PROGRESS_EVERY:
            progress(done % PROGRESS_EVERY)

    return Export(fmt, context, qs.count, rows)


@dataclass(frozen=True)
class Written:
    path: Path
    manifest: Path
    count: int
    bytes: int


def export_to_file(format_key: str, user: Any, filters: ExportFilters, path: Path, *,
                   progress: ProgressFn | None = None, chunk_size: int = CHUNK_SIZE) -> Written:
    """Write the export to ``path`` and sign it (``path.manifest.json``); returns what was written.

    The file appears only when complete (written beside it under a temporary name, then
    renamed), so a failure leaves no half-written export.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise Invalid(_("%(path)s is a folder; name the file to write.") % {"path": path})
    if not path.parent.is_dir():
        raise Invalid(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    counted = [0]

    def counting(advance: int = 1, *args: Any, **kwargs: Any) -> None:
        counted[0] += advance
        if progress is not None:
            progress(advance, *args, **kwargs)

    export = prepare(format_key, user, filters, chunk_size=chunk_size, progress=counting)
    if progress is not None:
        progress(0, export.count(), _("Exporting incidents (%(format)s)") % {"format": export.format.key})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".part")
    size = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in export.chunks():
                handle.write(chunk)
                size += len(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    manifest = sign_files([path])
    return Written(path, manifest, counted[0], size)
