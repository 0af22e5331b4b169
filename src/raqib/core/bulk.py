"""Plain multi-row INSERTs for rows whose primary key the caller does not need back.

Django's ``bulk_create`` compiles every value of every row through the query compiler; for the
audit chain, which writes several entries per record, that compilation costs more than the
database. Here the statement is built once and values are adapted by field type only where the
backend needs it (times, JSON, UUIDs, decimals, dates).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

_ADAPTED = (models.DateTimeField, models.DateField, models.TimeField, models.JSONField, models.UUIDField,
            models.DecimalField)


def _converter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, _ADAPTED):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value


def insert(objs: Sequence[models.Model], batch_size: int = 500) -> None:
    """INSERT ``objs`` (all of one model, primary keys left to the database)."""
    if not objs:
        return
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    converters = [(f.attname, _converter(f)) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            rows = [tuple(conv(getattr(obj, name)) for name, conv in converters) for obj in objs[start:start + batch_size]]
            cursor.executemany(sql, rows)
