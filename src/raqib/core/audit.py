"""The tamper-evident audit chain.

Services call :func:`created`, :func:`updated` and :func:`deleted` inside the transaction that
changes a record. :func:`verify` re-computes the chain and compares every audited record with
its last audited state, so a change made behind Raqib's back (a direct SQL UPDATE, a deleted
row, an edited or removed entry) is named.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import bulk
from raqib.core.models import AuditedModel, AuditEntry, AuditHead

GENESIS = "0" * 64
SYSTEM = "system"


def audited_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, AuditedModel)]


def label(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _fields(model: type[models.Model]) -> tuple[list[models.Field], list[models.ManyToManyField]]:
    exclude = set(getattr(model, "audit_exclude", ()))
    concrete = [f for f in model._meta.concrete_fields if f.name not in exclude]
    m2m = [f for f in model._meta.many_to_many if f.name not in exclude]
    return concrete, m2m


def snapshots(objs: Sequence[models.Model]) -> dict[Any, dict[str, Any]]:
    """The audited state of each object, read back from the database (pk -> state).

    Reading back (rather than using the objects in memory) means the state recorded is the
    state stored, with the database's own rounding and time zone, so verification compares
    like with like. Plain value queries, one per many-to-many field: no model instances.
    """
    if not objs:
        return {}
    model = type(objs[0])
    concrete, m2m = _fields(model)
    pks = [o.pk for o in objs]
    out: dict[Any, dict[str, Any]] = {}
    names = [f.attname for f in concrete]
    pk_name = model._meta.pk.attname
    for start in range(0, len(pks), 2000):
        chunk = pks[start:start + 2000]
        for row in model._default_manager.filter(pk__in=chunk).values(*names):
            out[row[pk_name]] = {k: _json_value(v) for k, v in row.items()}
        for f in m2m:
            through = f.remote_field.through
            assert through is not None  # resolved once the app registry is ready
            source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
            related: dict[Any, list[Any]] = {pk: [] for pk in chunk}
            pairs = through._default_manager.filter(**{f"{source}__in": chunk}).values_list(
                f"{source}_id", f"{target}_id")
            for pk, other in pairs:
                related[pk].append(other)
            for pk, others in related.items():
                if pk in out:
                    out[pk][f.name] = sorted(_json_value(o) for o in others)
    return out


def _state(obj: models.Model, concrete: list[models.Field], m2m: list[models.ManyToManyField]) -> dict[str, Any]:
    state = {f.attname: _json_value(getattr(obj, f.attname)) for f in concrete}
    for f in m2m:
        state[f.name] = sorted(_json_value(r.pk) for r in getattr(obj, f.name).all())
    return state


def snapshot(obj: models.Model) -> dict[str, Any]:
    return snapshots([obj])[obj.pk]


def _actor(user: Any) -> tuple[int | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, SYSTEM
    return user.pk, user.get_username()


def _entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical_json(fields)).encode("utf-8")).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": _json_value(entry.at),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "model": entry.model,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


@dataclass
class Change:
    action: str
    model: str
    object_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str = ""


def append(changes: Iterable[Change], actor: Any) -> list[AuditEntry]:
    """Append entries for ``changes`` to the chain; the caller's transaction must be open."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("audit entries must be appended inside the transaction that made the change")
    seq, prev = _lock_head(conn)
    actor_id, actor_name = _actor(actor)
    now = timezone.now()
    entries = []
    for change in changes:
        seq += 1
        entry = AuditEntry(
            seq=seq,
            at=now,
            actor_id=actor_id,
            actor_name=actor_name,
            action=change.action,
            model=change.model,
            object_id=change.object_id,
            before=change.before,
            after=change.after,
            note=change.note[:500],
            prev_hash=prev,
        )
        entry.hash = _entry_hash(prev, _hashed_fields(entry))
        prev = entry.hash
        entries.append(entry)
    if not entries:
        return []
    head_update = f"UPDATE {conn.ops.quote_name(AuditHead._meta.db_table)} SET seq = %s, hash = %s WHERE id = 1"
    if conn.vendor == "postgresql" and len(entries) <= _ONE_STATEMENT:
        # One round trip fewer while the head is locked (every writer waits for that lock): the
        # entries and the head's move in one statement. PostgreSQL runs a data-modifying WITH
        # to completion whether or not the outer statement reads it.
        insert, params = _entry_insert(conn, entries)
        with conn.cursor() as cursor:
            cursor.execute(f"WITH entries AS ({insert}) {head_update}", [*params, seq, prev])
        for entry in entries:
            entry._state.adding = False
            entry._state.db = conn.alias
        return entries
    bulk.insert(entries)
    with conn.cursor() as cursor:
        cursor.execute(head_update, [seq, prev])
    return entries


_ONE_STATEMENT = 100
"""At most this many entries are appended with the head's move in one statement."""


def _entry_insert(conn: Any, entries: Sequence[AuditEntry]) -> tuple[str, list[Any]]:
    """A multi-row INSERT of ``entries`` and its parameters, values prepared as
    :func:`raqib.core.bulk.insert` prepares them."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    converters = [bulk._converter(f, conn) for f in fields]
    params: list[Any] = []
    for entry in entries:
        values = entry.__dict__
        for f, convert in zip(fields, converters, strict=True):
            value = values[f.attname]
            params.append(convert(value) if convert is not None and value is not None else value)
    columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (f"INSERT INTO {conn.ops.quote_name(AuditEntry._meta.db_table)} ({columns}) VALUES "
           + ", ".join([row] * len(entries)))
    return sql, params


def _lock_head(conn: Any) -> tuple[int, str]:
    """The chain head's (seq, hash), its row locked until the transaction ends. Plain SQL: this
    runs for every change of every record, and the ORM's query building costs more than the
    query (the same statement as ``AuditHead.objects.select_for_update().get(pk=1)``)."""
    table = conn.ops.quote_name(AuditHead._meta.db_table)
    lock = " FOR UPDATE" if conn.features.has_select_for_update else ""
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT seq, hash FROM {table} WHERE id = 1{lock}")
        row = cursor.fetchone()
    if row is None:
        raise AuditHead.DoesNotExist("the audit chain has no head row (run the migrations)")
    return int(row[0]), str(row[1])


def creations(objs: Sequence[models.Model], note: str = "", *, read_back: bool = True) -> list[Change]:
    """The changes recording that ``objs`` (of one model) were created, to :func:`append`.

    ``read_back=False`` takes the states from the objects as saved instead of reading them back
    (see :func:`raqib.core.services.create`); a model with many-to-many fields is read back anyway.
    """
    if not objs:
        return []
    if read_back or _fields(type(objs[0]))[1]:
        states = snapshots(objs)
    else:
        # What snapshots() would read back, from the values in memory (see bulk.stored_states).
        states = {o.pk: state for o, state in zip(objs, bulk.stored_states(objs), strict=True)}
    return [Change(AuditEntry.Action.CREATE, label(o), str(o.pk), None, states[o.pk], note) for o in objs]


def created(objs: models.Model | Sequence[models.Model], actor: Any, note: str = "", *,
            read_back: bool = True) -> None:
    items = [objs] if isinstance(objs, models.Model) else list(objs)
    append(creations(items, note, read_back=read_back), actor)


def updated(obj: models.Model, before: dict[str, Any], actor: Any, note: str = "") -> bool:
    """Record an update; returns False (and records nothing) when nothing changed."""
    after = snapshot(obj)
    if after == before:
        return False
    append([Change(AuditEntry.Action.UPDATE, label(obj), str(obj.pk), before, after, note)], actor)
    return True


def deleted(model: type[models.Model], pk: Any, before: dict[str, Any], actor: Any, note: str = "") -> None:
    append([Change(AuditEntry.Action.DELETE, label(model), str(pk), before, None, note)], actor)


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(model=label(obj), object_id=str(obj.pk)).order_by("seq")


# --- verification -----------------------------------------------------------------------


@dataclass
class Problem:
    seq: int | None
    message: str

    def __str__(self) -> str:
        where = _("entry %(seq)d") % {"seq": self.seq} if self.seq is not None else _("chain")
        return f"{where}: {self.message}"


def _digest(state: dict[str, Any] | None) -> bytes | None:
    if state is None:
        return None
    return hashlib.sha256(canonical_json(state).encode("utf-8")).digest()


def _diff(expected: dict[str, Any] | None, actual: dict[str, Any]) -> list[str]:
    if expected is None:
        return sorted(actual)
    keys = set(expected) | set(actual)
    return sorted(k for k in keys if expected.get(k) != actual.get(k))


def verify(progress: Any = None) -> Iterator[Problem]:
    """Yield every problem found, chain first (in order), then records.

    ``progress`` is an optional callable taking the number of items just checked.
    """
    expected_seq, prev = 1, GENESIS
    # model label -> object id -> (seq of last entry, digest of its after-state)
    last: dict[str, dict[str, tuple[int, bytes | None]]] = {}
    chain_ok = True
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            yield Problem(entry.seq, _("entries %(first)d to %(last)d are missing") % {"first": expected_seq, "last": entry.seq - 1})
            chain_ok = False
        if entry.prev_hash != prev:
            yield Problem(entry.seq, _("does not link to the entry before it (an entry was removed or changed)"))
            chain_ok = False
        if _entry_hash(entry.prev_hash, _hashed_fields(entry)) != entry.hash:
            yield Problem(entry.seq, _("its content does not match its hash (the entry was changed)"))
            chain_ok = False
        prev, expected_seq = entry.hash, entry.seq + 1
        last.setdefault(entry.model, {})[entry.object_id] = (entry.seq, _digest(entry.after))
        if progress:
            progress(1)
    head = AuditHead.objects.get(pk=1)
    if head.seq != expected_seq - 1 or head.hash != prev:
        yield Problem(head.seq, _("the chain head names entry %(head)d but the chain ends at entry %(last)d"
                        " (entries were removed from its end)") % {"head": head.seq, "last": expected_seq - 1})
        chain_ok = False
    if not chain_ok:
        return
    for model in audited_models():
        key = label(model)
        known = last.get(key, {})
        seen: set[str] = set()
        concrete, m2m = _fields(model)
        qs = model._default_manager.order_by("pk").prefetch_related(*[f.name for f in m2m])
        for obj in qs.iterator(chunk_size=2000):
            oid = str(obj.pk)
            seen.add(oid)
            state = _state(obj, concrete, m2m)
            record = known.get(oid)
            if record is None:
                yield Problem(None, _("%(record)s exists but was never recorded in the chain (written behind Raqib's back)")
                              % {"record": f"{key} {oid}"})
            elif record[1] is None:
                yield Problem(record[0], _("%(record)s was recorded as deleted but exists") % {"record": f"{key} {oid}"})
            elif record[1] != _digest(state):
                expected = AuditEntry.objects.get(seq=record[0]).after
                fields = ", ".join(_diff(expected, state))
                yield Problem(record[0], _("%(record)s differs from its last audited state (fields: %(fields)s)")
                              % {"record": f"{key} {oid}", "fields": fields})
            if progress:
                progress(1)
        for oid, (seq, digest) in known.items():
            if digest is not None and oid not in seen:
                yield Problem(seq, _("%(record)s was removed behind Raqib's back") % {"record": f"{key} {oid}"})


def count_items() -> int:
    """How many items :func:`verify` walks (entries plus records), for a progress bar."""
    return AuditEntry.objects.count() + sum(m._default_manager.count() for m in audited_models())
