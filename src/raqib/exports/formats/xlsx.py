"""XLSX through openpyxl's write-only mode: rows go to a temporary file as they come, so memory
stays flat; the finished workbook is then read back in blocks."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from raqib.exports.formats.table import COLUMNS, values
from raqib.exports.registry import ExportFormat, register
from raqib.exports.rows import ExportContext, Row

BLOCK = 1024 * 1024
# Characters XML 1.0 refuses (openpyxl raises on them): a description pasted from elsewhere may
# carry one.
_ILLEGAL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


# A worksheet holds at most 1,048,576 rows: beyond, the incidents go on in "Incidents 2", ...
MAX_ROWS = 1_048_575


def _incident_sheet(book: Workbook, number: int) -> Any:
    sheet = book.create_sheet("Incidents" if number == 1 else f"Incidents {number}")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _clean(value: object) -> object:
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


@register
class Xlsx(ExportFormat):
    key = "xlsx"
    label = _("Excel workbook (XLSX)")
    extension = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def chunks(self, rows: Iterable[Row], ctx: ExportContext) -> Iterator[bytes]:
        book = Workbook(write_only=True)
        sheet = _incident_sheet(book, 1)
        in_sheet = 0
        for row in rows:
            if in_sheet == MAX_ROWS:
                sheet = _incident_sheet(book, len(book.worksheets) + 1)
                in_sheet = 0
            sheet.append([_clean(v) for v in values(row, ctx)])
            in_sheet += 1
        about = book.create_sheet("About")
        about.append(["Generated (UTC)", ctx.generated_at.strftime("%Y-%m-%d %H:%M:%S")])
        for name, value in ctx.filters.items():
            about.append([f"Filter: {name}", value])
        about.append(["Columns", "HXL hashtag"])
        for column in COLUMNS:
            about.append([column.header, column.hashtag])
        with tempfile.TemporaryFile() as handle:
            book.save(handle)
            handle.seek(0)
            while block := handle.read(BLOCK):
                yield block
