"""Plain multi-row INSERTs, with primary keys allocated up front when the caller needs them.

Django's ``bulk_create`` compiles every value of every row through the query compiler; for the
audit chain, which writes several entries per record, and for incidents filed a thousand at a
time, that compilation costs more than the database. Here the statement is built once and values
are adapted by field type only where the backend needs it (times, JSON, UUIDs, decimals, dates).

:func:`allocate_ids` reserves the primary keys of rows about to be inserted, so the caller can
link rows to each other and record them in the audit chain without reading them back;
:func:`stored_states` gives the audited state of such rows from the values in memory, equal to
what :func:`raqib.core.audit.snapshots` would read back from the database.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)

_ADAPTED = (models.DateTimeField, models.DateField, models.TimeField, models.JSONField, models.UUIDField,
            models.DecimalField)


def _converter(field: models.Field, conn: Any) -> Callable[[Any], Any] | None:
    """How a value of ``field`` is handed to the database (None: as it is)."""
    if isinstance(field, models.DateTimeField):
        if conn.vendor == "postgresql":  # psycopg takes an aware datetime as it is
            return lambda value: value if type(value) is dt.datetime and value.tzinfo is not None \
                else field.get_db_prep_save(value, conn)
        adapt: Callable[[dt.datetime], Any] = conn.ops.adapt_datetimefield_value
        if conn.vendor == "sqlite" and settings.USE_TZ:
            # What adapt_datetimefield_value makes of an aware datetime, without its settings lookup
            # per call: the naive time in the connection's zone, as text.
            zone = conn.timezone

            def adapt_sqlite(value: dt.datetime) -> str:
                return str(value.astimezone(zone).replace(tzinfo=None))

            adapt = adapt_sqlite
        # Rows written together share their timestamps (created_at, updated_at, an entry's time).
        seen: dict[dt.datetime, Any] = {}

        def moment(value: Any) -> Any:
            # An aware datetime needs no preparing (the common case, and a thousand per batch).
            if type(value) is dt.datetime and value.tzinfo is not None:
                adapted = seen.get(value)
                if adapted is None:
                    adapted = seen[value] = adapt(value)
                return adapted
            return field.get_db_prep_save(value, conn)

        return moment
    if isinstance(field, _ADAPTED):
        return lambda value: field.get_db_prep_save(value, conn)
    return None


def build(model: type[M], rows: Iterable[dict[str, Any]]) -> list[M]:
    """Unsaved instances of ``model``, one per dict of values by attribute name (``place_id``, not
    ``place``); a field not given takes its default. Much cheaper than ``Model(**values)`` (which
    resolves every keyword through the field descriptors): for rows inserted by :func:`insert`.
    """
    fields = model._meta.concrete_fields
    static = {f.attname: f.get_default() for f in fields if not (f.has_default() and callable(f.default))}
    dynamic = [f for f in fields if f.has_default() and callable(f.default)]
    out = []
    for values in rows:
        obj = model.__new__(model)
        obj._state = ModelState()
        attrs = obj.__dict__
        attrs.update(static)
        for f in dynamic:
            if f.attname not in values:
                attrs[f.attname] = f.get_default()
        attrs.update(values)
        out.append(obj)
    return out


def insert(objs: Sequence[models.Model], batch_size: int = 500, *, with_pk: bool = False) -> None:
    """INSERT ``objs`` (all of one model). The primary keys are left to the database unless
    ``with_pk`` (then each object's own, e.g. from :func:`allocate_ids`, is written)."""
    if not objs:
        return
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields
              if with_pk or not (f.primary_key and isinstance(f, models.AutoField))]
    # The connection itself, not the thread-local proxy: it is asked once per value.
    conn = connections[DEFAULT_DB_ALIAS]
    names = [f.attname for f in fields]
    # A row's values in one call (a 1-tuple when there is one field: itemgetter gives the value).
    values_of = operator.itemgetter(*names) if len(names) > 1 else lambda values: (values[names[0]],)
    converters = [(i, convert) for i, convert in enumerate(_converter(f, conn) for f in fields) if convert]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            rows: list[Sequence[Any]] = []
            for obj in objs[start:start + batch_size]:
                row = values_of(obj.__dict__)
                if converters:
                    row = list(row)
                    for i, convert in converters:
                        if row[i] is not None:
                            row[i] = convert(row[i])
                rows.append(row)
            cursor.executemany(sql, rows)
    alias = conn.alias
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` primary keys of ``model``'s table, ascending, in one query.

    PostgreSQL: ``nextval`` of the column's sequence (safe against any concurrent writer).
    SQLite: one past the highest key ever given (the table's ``sqlite_sequence`` row, which
    AUTOINCREMENT keeps even when the newest rows are deleted, or the highest key present);
    safe because Raqib's SQLite transactions begin IMMEDIATE, holding the write lock, so the
    caller must be inside ``transaction.atomic`` and insert the rows before it commits.
    """
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, column, count])
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor != "sqlite":
            raise NotImplementedError(connection.vendor)
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("ids are allocated inside the transaction that inserts the rows")
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                       f"COALESCE((SELECT MAX({connection.ops.quote_name(column)}) FROM {quoted}), 0))", [table])
        first = int(cursor.fetchone()[0]) + 1
        return list(range(first, first + count))


def stored_states(objs: Sequence[models.Model],
                  m2m: Mapping[str, Mapping[Any, Sequence[Any]]] | None = None) -> list[dict[str, Any]]:
    """The audited state of each of ``objs`` (of one model, not yet inserted), in order.

    Each value is first brought to the Python type the database gives back (and set on the
    object, so that what :func:`insert` then writes is exactly what is recorded); the result is
    what :func:`raqib.core.audit.snapshots` would read back after the insert. ``m2m`` gives, per
    many-to-many field name, the related primary keys of each object's primary key.
    """
    from raqib.core import audit

    if not objs:
        return []
    concrete, m2m_fields = audit._fields(type(objs[0]))
    # Per field, the one type whose values need no to_python (it gives them back as they are)
    # and whose JSON is known: an aware datetime of a DateTimeField, a float of a FloatField.
    plain = [(f.attname, f.to_python, dt.datetime if isinstance(f, models.DateTimeField)
              else float if isinstance(f, models.FloatField) else None) for f in concrete]
    json_value = audit._json_value
    # Values that are their own JSON and their own stored form (a float is not: 2.0 is 2).
    as_is = {str, int, bool, type(None)}
    # Rows written together share their timestamps (created_at, updated_at): each encoded once.
    moments: dict[dt.datetime, str] = {}
    related = m2m or {}
    out = []
    for obj in objs:
        state = {}
        values = obj.__dict__
        for name, to_python, known in plain:
            value = values[name]
            kind = type(value)
            if kind in as_is:
                pass
            elif kind is known is dt.datetime and value.tzinfo is not None:
                text = moments.get(value)
                if text is None:
                    text = moments[value] = json_value(value)
                value = text
            elif kind is known is float:
                if value.is_integer():
                    value = int(value)
            else:
                stored = to_python(value)
                if stored is not value:
                    values[name] = stored
                value = json_value(stored)
            state[name] = value
        for f in m2m_fields:
            state[f.name] = sorted(json_value(pk) for pk in related.get(f.name, {}).get(obj.pk, ()))
        out.append(state)
    return out
