"""The covering index of a map narrowed by a period, on SQLite only.

A map narrowed by a period is counted from the incidents (``raqib.incidents.queries.cells``; the
map's summary has no time). The period bounds the start of the incidents (``queries.overlapping``),
so SQLite reads them by their start; with (occurred_start, occurred_end, lon, lat, category) in
one index it has every column the count needs without reading the rows. Measured on a million
incidents, a 30-day map of all of Libya: 544 ms at the median by the time index and the rows,
178 ms from this index; the list's plans do not change (p95 9.5 ms either way). PostgreSQL
counts such a map in a parallel scan (0.23 s at p95) and does not get it. Not declared on the
model, being SQLite's alone (as ``0003``).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "incident_period_map_idx"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON incidents_incident "
                              "(occurred_start, occurred_end, lon, lat, category)")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0004_mapcell")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
