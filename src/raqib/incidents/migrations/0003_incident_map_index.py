"""The incident map's covering index, on SQLite only.

The map counts incidents per grid cell of a box (``raqib.incidents.queries.cells``). With
(lon, lat, category) in one index SQLite answers it from the index alone; with the (lon, lat)
index it reads every incident's row: measured on 925,000 incidents, a box over all of Libya
took 12 s that way and 0.8 s from this index. PostgreSQL scans the table in parallel and
aggregates by hash in 0.3 s either way, so it does not get the index (nor its cost on every
insert). The index is not declared on the model, being SQLite's alone.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEX = "incident_map_idx"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON incidents_incident (lon, lat, category)")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_allegation_message")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
