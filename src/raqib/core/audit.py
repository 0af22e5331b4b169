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


_canonical = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
"""One encoder for every call: ``json.dumps`` given options builds one per call."""


def canonical_json(data: Any) -> str:
    return _canonical(data)


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
    """An entry's hash, by definition (:func:`verify` checks every entry by it)."""
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


def append(changes: Iterable[Change], actor: Any) -> int:
    """Append entries for ``changes`` to the chain; the caller's transaction must be open.
    Returns how many entries were appended.

    The entries are written as plain rows, not model instances: each state is encoded once, as
    its canonical JSON, which is both what the hash covers (spliced into the entry's canonical
    text, see :func:`_entry_text`) and what the JSON column stores. The chain is the one
    :func:`verify` recomputes from the stored entries (``_entry_hash(prev, _hashed_fields(e))``).
    """
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        raise RuntimeError("audit entries must be appended inside the transaction that made the change")
    seq, prev = _lock_head(conn)
    actor_id, actor_name = _actor(actor)
    now = timezone.now()
    # Per batch, not per entry: the encoded actor and time, the stored time, the JSON adapter.
    actor_text = f'"actor_id":{_canonical(actor_id)},"actor_name":{_canonical(actor_name)}'
    at_text = _canonical(_json_value(now))
    at = AuditEntry._meta.get_field("at").get_db_prep_save(now, conn)
    stored = _stored_json(conn)
    encode, text, sha256 = _canonical, _entry_text, hashlib.sha256
    rows = []
    for change in changes:
        seq += 1
        before, after, note = change.before, change.after, change.note[:500]
        before_json = None if before is None else encode(before)
        after_json = None if after is None else encode(after)
        entry = text(seq, at_text, actor_text, change.action, change.model, change.object_id,
                     before_json, after_json, note)
        digest = sha256(f"{prev}\n{entry}".encode()).hexdigest()
        rows.append((seq, at, actor_id, actor_name, change.action, change.model, change.object_id,
                     None if before_json is None else stored(before_json),
                     None if after_json is None else stored(after_json), note, prev, digest))
        prev = digest
    if not rows:
        return 0
    head_update = f"UPDATE {conn.ops.quote_name(AuditHead._meta.db_table)} SET seq = %s, hash = %s WHERE id = 1"
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql" and len(rows) <= _ONE_STATEMENT:
            # One round trip fewer while the head is locked (every writer waits for that lock): the
            # entries and the head's move in one statement. PostgreSQL runs a data-modifying WITH
            # to completion whether or not the outer statement reads it.
            cursor.execute(f"WITH entries AS ({_entry_insert(conn, len(rows))}) {head_update}",
                           [*(value for row in rows for value in row), seq, prev])
        else:
            # More rows: executemany (psycopg pipelines it), faster than long multi-row statements.
            cursor.executemany(_entry_insert(conn, 1), rows)
            cursor.execute(head_update, [seq, prev])
    return len(rows)


_ONE_STATEMENT = 100
"""At most this many entries are appended with the head's move in one statement."""

_COLUMNS = ("seq", "at", "actor_id", "actor_name", "action", "model", "object_id", "before", "after", "note",
            "prev_hash", "hash")
"""The columns of an entry row as :func:`append` builds it, in order."""


def _entry_text(seq: int, at: str, actor: str, action: str, model: str, object_id: str, before: str | None,
                after: str | None, note: str) -> str:
    """``canonical_json(_hashed_fields(entry))`` from the entry's parts, the states and the actor
    and time (``at``: its canonical JSON) already encoded: the keys in sorted order, each value
    encoded as ``canonical_json`` encodes it (JSON encodes a value alike wherever it is nested)."""
    s = _string
    return (f'{{"action":{s(action)},{actor},"after":{"null" if after is None else after},"at":{at},'
            f'"before":{"null" if before is None else before},"model":{s(model)},"note":{s(note)},'
            f'"object_id":{s(object_id)},"seq":{seq}}}')


_string = json.encoder.encode_basestring
"""How the canonical encoder (``ensure_ascii=False``) encodes a string; a TypeError for anything else."""


def _stored_json(conn: Any) -> Any:
    """How the canonical JSON text of a state is handed to the database for a JSON column: the
    text itself for SQLite (the column is text, read back by ``json.loads``); for PostgreSQL a
    jsonb parameter whose text is the one already encoded."""
    if conn.vendor == "sqlite":
        return _same
    if conn.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return lambda text: Jsonb(text, dumps=_same)
    field = AuditEntry._meta.get_field("after")
    return lambda text: field.get_db_prep_save(json.loads(text), conn)


def _same(text: str) -> str:
    return text


def _entry_insert(conn: Any, rows: int) -> str:
    """An INSERT of ``rows`` entries, their values in :data:`_COLUMNS` order."""
    meta = AuditEntry._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    if _COLUMNS != tuple(f.attname for f in fields):
        raise RuntimeError("the audit entry's fields changed: update raqib.core.audit._COLUMNS")
    columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    return f"INSERT INTO {conn.ops.quote_name(meta.db_table)} ({columns}) VALUES " + ", ".join([row] * rows)


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
