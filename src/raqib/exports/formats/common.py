"""What several formats share: CSV streaming, the ACLED coding of a row, text helpers."""

from __future__ import annotations

import csv
import functools
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from raqib.core import taxonomy
from raqib.exports.rows import ExportContext, PartyRole, Row

FLUSH_ROWS = 500

BATTLES, REMOTE, VAC, STRATEGIC, PROTESTS, RIOTS = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments", "Protests",
    "Riots")
DISORDER = {BATTLES: "Political violence", REMOTE: "Political violence", VAC: "Political violence",
            RIOTS: "Demonstrations", PROTESTS: "Demonstrations", STRATEGIC: "Strategic developments"}
# ACLED time_precision: 1 the day is known, 2 the week, 3 the month.
TIME_PRECISION = {"exact": 1, "hour": 1, "day": 1, "week": 2, "month": 3}
# ACLED geo_precision: 1 the town or exact spot, 2 near a town or part of a region, 3 a larger region.
GEO_PRECISION = {"exact": 1, "town": 1, "near": 2, "approximate": 2, "district": 3, "region": 3}
PERPETRATORS = ("perpetrator", "alleged_perpetrator")
CIVILIANS = 7


def csv_chunks(header_rows: Sequence[Sequence[Any]], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8, flushed every few hundred rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(header_rows)
    pending = 0
    for row in rows:
        writer.writerow(row)
        pending += 1
        if pending >= FLUSH_ROWS:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def acled_types(row: Row) -> tuple[str, str]:
    """ACLED event and sub-event type; what ACLED does not code (ceasefire mechanics such as an
    access denial) is a strategic development of type Other, its own kind kept in the tags."""
    return _acled_types(row["category"], row["subtype"])


@functools.lru_cache(maxsize=256)
def _acled_types(category: str, subtype: str) -> tuple[str, str]:
    event, sub = taxonomy.acled_types(category, subtype)
    return (event or STRATEGIC, sub or "Other")


def iso_utc(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    # isoformat, not strftime: several times faster, and this runs for every row.
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def coordinate(value: float) -> float:
    # 5 decimals: about a metre, more than any incident's precision.
    return round(float(value), 5)


def names(parties: Iterable[PartyRole]) -> str:
    return "; ".join(p.name_en for p in parties)


def split_actors(parties: list[PartyRole]) -> tuple[list[PartyRole], list[PartyRole]]:
    """(side 1, side 2): who acted, and who it was aimed at. With no named perpetrator, the
    parties merely involved stand on side 1."""
    first = [p for p in parties if p.role in PERPETRATORS]
    second = [p for p in parties if p.role == "target"]
    if not first:
        first = [p for p in parties if p.role == "involved"]
    return first, second


def interaction(inter1: int | None, inter2: int | None) -> str:
    if not inter1 and not inter2:
        return ""
    if inter1 and inter2:
        low, high = sorted((inter1, inter2))
        return f"{low}{high}"
    return f"{inter1 or inter2}0"


def location(row: Row) -> str:
    return row["place__name_en"] or row["zone__name_en"] or ""


def notes(row: Row) -> str:
    text = (row["description_en"] or row["description_ar"] or "").strip()
    return " ".join(text.split())


def tags(row: Row) -> str:
    parts = [f"raqib category: {row['category']}", f"raqib subtype: {row['subtype']}"]
    if row["verification__state"]:
        parts.append(f"verification: {row['verification__state']}")
    if row["verification__outcome"]:
        parts.append(f"outcome: {row['verification__outcome']}")
    if row["verification__confidence"]:
        parts.append(f"confidence: {row['verification__confidence']}")
    if row["synthetic"]:
        parts.append("synthetic")
    return "; ".join(parts)


def event_id(row: Row, ctx: ExportContext) -> str:
    return f"{ctx.iso3 or 'RAQ'}{row['id']}"
