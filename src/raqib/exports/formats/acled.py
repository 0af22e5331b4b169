"""ACLED-compatible CSV: the codebook's columns in the codebook's order, one row per incident."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from raqib.exports.formats import common
from raqib.exports.registry import ExportFormat, register
from raqib.exports.rows import ExportContext, Row

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def acled_row(row: Row, ctx: ExportContext) -> list[Any]:
    event_type, sub_event_type = common.acled_types(row)
    first, second = common.split_actors(row["parties"])
    inter1 = first[0].inter if first else None
    inter2 = second[0].inter if second else None
    civilian = event_type == common.VAC or any(p.inter == common.CIVILIANS for p in second)
    day = ctx.local_date(row["occurred_start"])
    return [
        common.event_id(row, ctx),
        day.isoformat(),
        day.year,
        common.TIME_PRECISION.get(row["time_precision"], 1),
        common.DISORDER[event_type],
        event_type,
        sub_event_type,
        first[0].name_en if first else "",
        common.names(first[1:]),
        inter1 or "",
        second[0].name_en if second else "",
        common.names(second[1:]),
        inter2 or "",
        common.interaction(inter1, inter2),
        "Civilian targeting" if civilian else "",
        ctx.iso or "",
        ctx.region,
        ctx.country,
        row["place__admin_area"] or "",
        "",
        "",
        common.location(row),
        common.coordinate(row["lat"]),
        common.coordinate(row["lon"]),
        common.GEO_PRECISION.get(row["location_precision"], 2),
        "; ".join(row["sources"]),
        "Other" if row["sources"] else "",
        common.notes(row),
        # ACLED records the most conservative estimate.
        row["killed_min"],
        common.tags(row),
        int(row["updated_at"].timestamp()),
    ]


@register
class AcledCsv(ExportFormat):
    key = "acled"
    label = _("ACLED-compatible CSV")
    extension = "csv"
    media_type = "text/csv; charset=utf-8"

    def chunks(self, rows: Iterable[Row], ctx: ExportContext) -> Iterator[bytes]:
        return common.csv_chunks([COLUMNS], (acled_row(row, ctx) for row in rows))
