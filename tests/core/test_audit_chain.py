from __future__ import annotations

from django.db import connection

from raqib.core import audit
from raqib.core.models import AuditEntry, AuditHead
from raqib.incidents.services import update_incident


def problems() -> list[str]:
    return [str(p) for p in audit.verify()]


def test_an_untouched_chain_verifies(make_incident):
    make_incident()
    assert problems() == []


def test_every_write_appends_one_linked_entry(make_incident, users):
    before = AuditEntry.objects.count()
    incident = make_incident()
    update_incident(incident, {"description_en": "Four impacts, not three."}, users["verifier"])
    entries = list(AuditEntry.objects.filter(model="incidents.incident", object_id=str(incident.pk)))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].before["description_en"] == "Three impacts heard south of Sirte."
    assert entries[1].after["description_en"] == "Four impacts, not three."
    assert entries[1].actor_name == "verifier"
    assert AuditEntry.objects.count() > before
    chain = list(AuditEntry.objects.order_by("seq"))
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:]))


def test_an_update_that_changes_nothing_records_nothing(make_incident, users):
    incident = make_incident()
    count = AuditEntry.objects.count()
    update_incident(incident, {"description_en": incident.description_en}, users["verifier"])
    assert AuditEntry.objects.count() == count


def test_a_direct_sql_update_of_an_incident_is_caught(make_incident):
    incident = make_incident()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET description_en = %s WHERE id = %s", ["nothing happened", incident.pk])
    found = problems()
    assert len(found) == 1
    assert f"incidents.incident {incident.pk} differs from its last audited state" in found[0]
    assert "description_en" in found[0]
    last = AuditEntry.objects.filter(model="incidents.incident", object_id=str(incident.pk)).last()
    assert found[0].startswith(f"entry {last.seq}:")


def test_a_row_deleted_behind_raqibs_back_is_caught(make_incident):
    incident = make_incident()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM verification_verification WHERE incident_id = %s", [incident.pk])
    assert any("verification.verification" in p and "removed behind Raqib's back" in p for p in problems())


def test_a_row_inserted_behind_raqibs_back_is_caught(make_incident, parties):
    make_incident()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO actors_alias (party_id, name, lang, normalized) VALUES (%s, 'x', 'en', 'x')",
                       [parties["gna"].pk])
    assert any("actors.alias" in p and "never recorded" in p for p in problems())


def test_an_edited_entry_is_caught_by_its_hash(make_incident):
    make_incident()
    entry = AuditEntry.objects.order_by("seq")[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET actor_name = 'someone else' WHERE seq = %s", [entry.seq])
    assert problems()[0] == f"entry {entry.seq}: its content does not match its hash (the entry was changed)"


def test_a_removed_entry_is_caught(make_incident):
    make_incident()
    entry = AuditEntry.objects.order_by("seq")[3]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [entry.seq])
    first = problems()[0]
    assert first.startswith(f"entry {entry.seq + 1}:")
    assert "missing" in first


def test_entries_cut_from_the_end_of_the_chain_are_caught(make_incident):
    make_incident()
    last = AuditEntry.objects.order_by("seq").last()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [last.seq])
    found = problems()
    assert found and "chain head names entry" in found[0]
    assert AuditHead.objects.get().seq == last.seq


def test_an_update_from_a_stale_copy_keeps_the_other_writers_change(make_incident, users):
    incident = make_incident()
    stale = type(incident).objects.get(pk=incident.pk)
    update_incident(incident, {"killed_max": 4}, users["verifier"])
    update_incident(stale, {"description_ar": "ثلاث قذائف جنوب سرت"}, users["chief"])
    incident.refresh_from_db()
    assert (incident.killed_max, incident.description_ar) == (4, "ثلاث قذائف جنوب سرت")
    assert stale.killed_max == 4
    assert problems() == []
