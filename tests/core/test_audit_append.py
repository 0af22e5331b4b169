"""Entries appended as plain rows (each state encoded once) are the chain verify() recomputes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from raqib.core import audit
from raqib.core.models import AuditEntry, AuditHead

pytestmark = pytest.mark.django_db


def changes(n: int = 6) -> list[audit.Change]:
    """Changes with what JSON encoding can trip on: non-ASCII text, quotes and newlines, nested
    objects with unsorted keys, floats, None on either side, a note too long to keep whole."""
    out = []
    for i in range(n):
        state: dict[str, Any] = {"zeta": i, "name": f"حادثة \"{i}\"\nline", "lat": 31.5 + i, "ratio": 2.0,
                                 "nested": {"b": [3, 1, {"y": None, "x": "é"}], "a": True}, "none": None}
        kind = i % 3
        out.append(audit.Change(
            [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE, "delete"][kind], "tests.thing", str(1000 + i),
            None if kind == 0 else {**state, "zeta": -i}, None if kind == 2 else state,
            "ملاحظة " * 100 if i == 1 else f"note {i}"))
    return out


def append(items: list[audit.Change], actor: Any = None) -> list[AuditEntry]:
    first = AuditHead.objects.get().seq + 1
    with transaction.atomic():
        assert audit.append(items, actor) == len(items)
    return list(AuditEntry.objects.filter(seq__gte=first).order_by("seq"))


def test_each_entry_hashes_its_appended_values_as_the_definition_says(users):
    head = AuditHead.objects.get()
    items = changes()
    entries = append(items, users["monitor"])
    prev = head.hash
    for change, entry in zip(items, entries, strict=True):
        # The definition, over the values handed in (not read back), with the entry's own time.
        expected = audit._entry_hash(prev, {
            "seq": entry.seq, "at": audit._json_value(entry.at), "actor_id": users["monitor"].pk,
            "actor_name": "monitor", "action": change.action, "model": change.model, "object_id": change.object_id,
            "before": change.before, "after": change.after, "note": change.note[:500]})
        assert (entry.prev_hash, entry.hash) == (prev, expected)
        assert (entry.before, entry.after, entry.note) == (change.before, change.after, change.note[:500])
        prev = entry.hash
    assert [e.seq for e in entries] == list(range(head.seq + 1, head.seq + 1 + len(items)))
    assert (AuditHead.objects.get().seq, AuditHead.objects.get().hash) == (entries[-1].seq, entries[-1].hash)
    assert list(audit.verify()) == []


def test_a_chain_written_entry_by_entry_through_the_model_still_verifies_after_appends(users):
    # Entries as they were written before append() wrote rows: model instances, the JSON column
    # encoded by Django's JSONField.
    head = AuditHead.objects.get()
    seq, prev = head.seq, head.hash
    for change in changes(4):
        seq += 1
        entry = AuditEntry(seq=seq, at=audit.timezone.now(), actor_id=None, actor_name=audit.SYSTEM,
                           action=change.action, model=change.model, object_id=change.object_id,
                           before=change.before, after=change.after, note=change.note[:500], prev_hash=prev)
        entry.hash = prev = audit._entry_hash(prev, audit._hashed_fields(entry))
        entry.save()
    AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    assert list(audit.verify()) == []
    append(changes(5), users["chief"])
    append(changes(1))
    assert list(audit.verify()) == []


def test_a_batch_too_long_for_one_statement_is_appended_whole_and_in_order(users):
    n = 2 * audit._ONE_STATEMENT + 7
    entries = append(changes(n), users["monitor"])
    assert len(entries) == n
    assert all(b.prev_hash == a.hash and b.seq == a.seq + 1 for a, b in zip(entries, entries[1:]))
    assert [e.object_id for e in entries] == [str(1000 + i) for i in range(n)]
    assert list(audit.verify()) == []


def test_an_edited_state_in_an_appended_entry_is_caught_by_its_hash(users):
    entry = append(changes(3), users["monitor"])[1]
    AuditEntry.objects.filter(pk=entry.pk).update(after={**entry.after, "zeta": 99})
    assert [str(p) for p in audit.verify()][0] == \
        f"entry {entry.seq}: its content does not match its hash (the entry was changed)"


def test_nothing_to_append_writes_nothing():
    head = AuditHead.objects.get()
    with transaction.atomic():
        assert audit.append([], None) == 0
    assert AuditHead.objects.get().seq == head.seq

