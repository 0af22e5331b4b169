"""The map's summary table and the triggers that keep it (``raqib.incidents.mapcells``).

The levels are written here, not read from the module, so that this migration does what it did
when it was written; a change of levels comes with a migration of its own calling ``install``.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

LEVELS = tuple(range(1, 12))


def install(apps: Any, schema_editor: Any) -> None:
    from raqib.incidents import mapcells

    mapcells.install(schema_editor.connection, LEVELS)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from raqib.incidents import mapcells

    mapcells.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_incident_map_index"),
        ("verification", "0001_initial"),
        ("core", "0002_audit_head"),
    ]

    operations = [
        migrations.CreateModel(
            name="MapCell",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("level", models.PositiveSmallIntegerField()),
                ("cx", models.BigIntegerField()),
                ("cy", models.BigIntegerField()),
                ("category", models.CharField(max_length=30)),
                ("state", models.CharField(max_length=30)),
                ("n", models.IntegerField(default=0)),
                ("lat_sum", models.FloatField(default=0.0)),
                ("lon_sum", models.FloatField(default=0.0)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("level", "cx", "cy", "category", "state"),
                                                        name="mapcell_key")],
            },
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
