"""The full incident table that the HXL CSV and the XLSX share: one column per fact, each with
a header for people and an HXL hashtag (HXL 1.1 core hashtags and attributes) for machines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from raqib.exports.formats import common
from raqib.exports.rows import ExportContext, Row


@dataclass(frozen=True)
class Column:
    header: str
    hashtag: str
    value: Callable[[Row, ExportContext], Any]


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    # Naive UTC: spreadsheets know no time zones; the header says UTC.
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment is not None else None


def _one_line(text: str) -> str:
    # HXL tools flag line breaks and doubled spaces in a cell; a description reads the same without.
    return " ".join((text or "").split())


def _side(index: int) -> Callable[[Row, ExportContext], str]:
    return lambda row, ctx: common.names(common.split_actors(row["parties"])[index])


def _others(row: Row, ctx: ExportContext) -> str:
    first, second = common.split_actors(row["parties"])
    shown = {id(p) for p in first + second}
    return common.names(p for p in row["parties"] if id(p) not in shown)


COLUMNS: tuple[Column, ...] = (
    Column("Event ID", "#event+id", lambda r, c: common.event_id(r, c)),
    Column("Reference", "#event+code", lambda r, c: f"INC-{r['id']:06d}"),
    Column("Date", "#date+occurred", lambda r, c: c.local_date(r["occurred_start"])),
    Column("Start (UTC)", "#date+start", lambda r, c: _utc(r["occurred_start"])),
    Column("End (UTC)", "#date+end", lambda r, c: _utc(r["occurred_end"])),
    Column("Time precision", "#meta+precision+time", lambda r, c: r["time_precision"]),
    Column("Event type (ACLED)", "#event+type", lambda r, c: common.acled_types(r)[0]),
    Column("Sub-event type (ACLED)", "#event+type+sub", lambda r, c: common.acled_types(r)[1]),
    Column("Category", "#event+category+code", lambda r, c: r["category"]),
    Column("Subtype", "#event+subcategory+code", lambda r, c: r["subtype"]),
    Column("Country", "#country+name", lambda r, c: c.country),
    Column("Country code", "#country+code", lambda r, c: c.iso3),
    Column("Admin 1", "#adm1+name", lambda r, c: r["place__admin_area"] or ""),
    Column("Location", "#loc+name", lambda r, c: common.location(r)),
    Column("Place code", "#loc+code", lambda r, c: r["place__key"] or ""),
    Column("Zone", "#loc+zone+code", lambda r, c: r["zone__key"] or ""),
    Column("Latitude", "#geo+lat", lambda r, c: common.coordinate(r["lat"])),
    Column("Longitude", "#geo+lon", lambda r, c: common.coordinate(r["lon"])),
    Column("Location precision", "#geo+precision", lambda r, c: r["location_precision"]),
    Column("Actor (perpetrator)", "#org+name+perpetrator", _side(0)),
    Column("Target", "#org+name+target", _side(1)),
    Column("Other parties involved", "#org+name+involved", _others),
    Column("Killed (at least)", "#affected+killed+min", lambda r, c: r["killed_min"]),
    Column("Killed (at most)", "#affected+killed+max", lambda r, c: r["killed_max"]),
    Column("Injured (at least)", "#affected+injured+min", lambda r, c: r["injured_min"]),
    Column("Injured (at most)", "#affected+injured+max", lambda r, c: r["injured_max"]),
    Column("Severity (1-4)", "#severity+code", lambda r, c: r["severity"]),
    Column("Verification state", "#status+verification", lambda r, c: r["verification__state"] or ""),
    Column("Outcome", "#status+outcome", lambda r, c: r["verification__outcome"] or ""),
    Column("Confidence", "#status+confidence", lambda r, c: r["verification__confidence"] or ""),
    Column("Description (English)", "#description+i_en", lambda r, c: _one_line(r["description_en"])),
    Column("Description (Arabic)", "#description+i_ar", lambda r, c: _one_line(r["description_ar"])),
    Column("Sources", "#meta+source", lambda r, c: "; ".join(r["sources"])),
    Column("Synthetic (demo data)", "#meta+synthetic", lambda r, c: "yes" if r["synthetic"] else ""),
    Column("Updated (UTC)", "#date+updated", lambda r, c: _utc(r["updated_at"])),
)


def values(row: Row, ctx: ExportContext) -> list[Any]:
    return [column.value(row, ctx) for column in COLUMNS]
