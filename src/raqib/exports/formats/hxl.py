"""CSV with an HXL hashtag row under the header, for humanitarian tools (HDX, HXL Proxy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from raqib.exports.formats import common
from raqib.exports.formats.table import COLUMNS, values
from raqib.exports.registry import ExportFormat, register
from raqib.exports.rows import ExportContext, Row


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"  # naive UTC from the table
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@register
class HxlCsv(ExportFormat):
    key = "hxl"
    label = _("CSV with HXL hashtags")
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def chunks(self, rows: Iterable[Row], ctx: ExportContext) -> Iterator[bytes]:
        header = [[c.header for c in COLUMNS], [c.hashtag for c in COLUMNS]]
        return common.csv_chunks(header, ([_text(v) for v in values(row, ctx)] for row in rows))
