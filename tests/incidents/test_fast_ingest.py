"""Bulk ingest's fast path records exactly what a record-by-record write records."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from django.db import connection

from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.core import audit, bulk
from raqib.core.models import AuditEntry
from raqib.geo.services import upsert_place
from raqib.incidents.models import Incident, IncidentParty
from raqib.incidents.services import IncidentData, create_incidents
from raqib.verification.models import Verification

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2021, 1, 10, 8, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture
def refs(parties):
    place, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city"}, [], None)
    agreement, _ = upsert_agreement("geneva-2020", {"title_en": "Ceasefire", "title_ar": "وقف إطلاق النار",
                                                    "signed_on": dt.date(2020, 10, 23), "timezone": "UTC"}, None)
    one, _ = upsert_provision(agreement, "1", {"text_en": "Ceasefire.", "text_ar": "وقف.", "category": "ceasefire"},
                              [parties["gna"]], None)
    two, _ = upsert_provision(agreement, "2", {"text_en": "Withdraw.", "text_ar": "انسحاب.", "category": "withdrawal"},
                              [parties["gna"]], None)
    return {"place": place, "provisions": [two, one]}


def items(parties, refs, n=4):
    out = []
    for i in range(n):
        out.append(IncidentData(
            category="ceasefire_violation", subtype="shelling", occurred_start=T0 + dt.timedelta(minutes=i),
            occurred_end=T0 + dt.timedelta(hours=1, minutes=i),
            # An integral latitude, a decimal longitude: stored as floats, audited as the database gives them back.
            lat=31 if i % 2 else 31.2089 + i / 1000, lon=decimal.Decimal("16.5887") if i == 2 else 16.5887,
            place=refs["place"] if i % 2 else None,
            parties=[(parties["gna"], "target"), (parties["lna"], "alleged_perpetrator"), (parties["gna"], "target")],
            provisions=refs["provisions"] if i != 1 else [], killed_max=i, severity=1 + i % 4,
            description_en=f"Incident {i}", description_ar="حادثة", shared_with_jmc=bool(i % 2)))
    return out


def test_the_audited_state_of_every_record_is_the_state_read_back(parties, refs, users):
    made = create_incidents(items(parties, refs), users["monitor"])
    records = {("incidents.incident", str(i.pk)): i for i in made}
    records.update({("incidents.incidentparty", str(r.pk)): r for r in IncidentParty.objects.all()})
    records.update({("verification.verification", str(v.pk)): v for v in Verification.objects.all()})
    entries = list(AuditEntry.objects.filter(model__in=["incidents.incident", "incidents.incidentparty",
                                                        "verification.verification"]).order_by("seq"))
    assert len(entries) == len(records) == 4 + 8 + 4
    # Incidents first, then party roles, then verifications, each in the order given.
    assert [e.model for e in entries] == ["incidents.incident"] * 4 + ["incidents.incidentparty"] * 8 + \
        ["verification.verification"] * 4
    for entry in entries:
        stored = records[(entry.model, entry.object_id)]
        read_back = audit.snapshot(type(stored)._default_manager.get(pk=stored.pk))
        assert audit.canonical_json(entry.after) == audit.canonical_json(read_back)
        if connection.vendor == "sqlite":  # PostgreSQL's jsonb keeps a text of its own
            with connection.cursor() as cursor:  # the column holds the canonical JSON the hash covers
                cursor.execute("SELECT after FROM core_auditentry WHERE seq = %s", [entry.seq])
                assert cursor.fetchone()[0] == audit.canonical_json(read_back)
    assert list(audit.verify()) == []


def test_the_returned_incidents_are_the_stored_ones(parties, refs, users):
    made = create_incidents(items(parties, refs), users["monitor"])
    for incident in made:
        stored = Incident.objects.get(pk=incident.pk)
        assert audit.snapshot(stored) == {**audit.snapshot(incident)}
        assert incident.reference == stored.reference and not incident._state.adding
    assert made[1].place == refs["place"] and made[1].verification.state == "received"
    assert sorted(made[0].provisions.values_list("number", flat=True)) == ["1", "2"]
    assert made[0].party_roles.count() == 2


def test_ids_are_never_given_twice_even_after_the_newest_incident_is_removed(parties, refs, users):
    first = create_incidents(items(parties, refs, 2), users["monitor"])
    newest = first[-1].pk
    Incident.objects.filter(pk=newest).delete()
    again = create_incidents(items(parties, refs, 1), users["monitor"])
    assert again[0].pk > newest


def test_ids_allocated_up_front_are_ascending_and_unused(parties, refs, users):
    from django.db import transaction

    made = create_incidents(items(parties, refs, 2), users["monitor"])
    with transaction.atomic():
        ids = bulk.allocate_ids(Incident, 5)
    assert ids == sorted(ids) and len(set(ids)) == 5 and min(ids) > max(i.pk for i in made)


def test_one_refused_incident_writes_nothing(parties, refs, users):
    batch = items(parties, refs)
    batch[2].occurred_end = batch[2].occurred_start - dt.timedelta(hours=1)
    head = AuditEntry.objects.count()
    with pytest.raises(Exception, match="Incident 2"):
        create_incidents(batch, users["monitor"])
    assert not Incident.objects.exists() and AuditEntry.objects.count() == head
