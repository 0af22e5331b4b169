from __future__ import annotations

import datetime as dt

import pytest

from raqib.core import audit
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.core.models import AuditEntry
from raqib.geo.models import Handover, Zone, ZoneReadiness
from raqib.geo.services import readiness, record_handover, set_readiness, transition_zone, unmet_readiness


def test_activation_is_refused_naming_every_unmet_item(jufra, meet, users):
    meet(jufra, "security", "logistics", "consent:gna")
    set_readiness(jufra, "medical", False, users["chief"], note="no casevac yet")

    with pytest.raises(IllegalTransition) as refused:
        transition_zone(jufra, "active", users["chief"])

    message = refused.value.message
    for unmet in ("medical", "operational", "consent of the party (Libyan National Army)"):
        assert unmet in message
    assert "security" not in message and "Government of National Accord" not in message
    jufra.refresh_from_db()
    assert jufra.status == "assessment"


def test_a_zone_never_assessed_lists_every_item_as_unmet(jufra):
    assert unmet_readiness(jufra) == [
        "security", "logistics", "medical", "operational",
        "consent of the party (Government of National Accord)", "consent of the party (Libyan National Army)"]


def test_activation_goes_through_once_every_item_and_both_consents_are_met(jufra, meet, users):
    meet(jufra, "security", "logistics", "medical", "operational", "consent:gna")
    with pytest.raises(IllegalTransition, match="Libyan National Army"):
        transition_zone(jufra, "active", users["chief"])

    meet(jufra, "consent:lna")
    transition_zone(jufra, "active", users["chief"])

    jufra.refresh_from_db()
    assert jufra.status == "active"


def test_a_suspended_zone_returns_to_active_without_the_checklist(zone, users):
    transition_zone(zone, "suspended", users["chief"])
    transition_zone(zone, "active", users["chief"])
    zone.refresh_from_db()
    assert zone.status == "active"


def test_a_reassessment_updates_the_one_current_row_and_the_chain_keeps_the_history(jufra, users, parties):
    set_readiness(jufra, "consent", False, users["chief"], party=parties["lna"], note="pending",
                  assessed_on=dt.date(2021, 1, 3))
    set_readiness(jufra, "consent", True, users["chief"], party=parties["lna"], note="given at the JMC",
                  assessed_on=dt.date(2021, 1, 9))

    row = ZoneReadiness.objects.get()
    assert (row.met, row.note, row.assessed_on, row.assessed_by) == (True, "given at the JMC", dt.date(2021, 1, 9),
                                                                      users["chief"])
    states = [(e.after or {}).get("met") for e in audit.history(row)]
    assert states == [False, True]
    assert list(audit.verify()) == []


def test_consent_is_recorded_for_a_signatory_party_only(jufra, users, parties):
    with pytest.raises(Invalid, match="name the party"):
        set_readiness(jufra, "consent", True, users["chief"])
    with pytest.raises(Invalid, match="not one"):
        set_readiness(jufra, "consent", True, users["chief"], party=parties["wagner"])
    with pytest.raises(Invalid, match="per party"):
        set_readiness(jufra, "security", True, users["chief"], party=parties["gna"])
    with pytest.raises(Invalid, match="Unknown readiness item"):
        set_readiness(jufra, "morale", True, users["chief"])
    assert not ZoneReadiness.objects.exists()


def test_an_assessment_cannot_be_dated_in_the_future(jufra, users):
    with pytest.raises(Invalid, match="future"):
        set_readiness(jufra, "security", True, users["chief"], assessed_on=dt.date(2200, 1, 1))


@pytest.mark.parametrize("who", ["monitor", "verifier", "liaison_gna", "public"])
def test_only_the_chief_or_an_admin_assesses_readiness(jufra, users, who):
    with pytest.raises(Forbidden):
        set_readiness(jufra, "security", True, users[who])
    set_readiness(jufra, "security", True, users["admin"])
    assert [r.met for r in readiness(jufra)][:1] == [True]


def test_a_handover_is_recorded_with_its_date_and_authority_and_moves_the_zone(zone, users):
    handover = record_handover(zone, dt.date(2021, 6, 1), "Joint Military Force", users["chief"],
                               receiving_authority_ar="القوة العسكرية المشتركة", note="Sirte handed over")

    zone.refresh_from_db()
    assert zone.status == "handed_over"
    stored = Handover.objects.get(zone=zone)
    assert (stored.handed_over_on, stored.receiving_authority_en, stored.receiving_authority_ar) == (
        dt.date(2021, 6, 1), "Joint Military Force", "القوة العسكرية المشتركة")
    created = AuditEntry.objects.get(model="geo.handover", object_id=str(handover.pk))
    moved = AuditEntry.objects.filter(model="geo.zone", object_id=str(zone.pk)).order_by("seq").last()
    assert created.actor_name == moved.actor_name == "chief"
    assert created.after["receiving_authority_en"] == "Joint Military Force"
    assert created.after["handed_over_on"] == "2021-06-01"
    assert (moved.before["status"], moved.after["status"]) == ("active", "handed_over")
    assert "Joint Military Force" in moved.note and moved.seq == created.seq + 1
    assert list(audit.verify()) == []


def test_a_zone_cannot_be_marked_handed_over_without_its_handover(zone, users):
    with pytest.raises(IllegalTransition, match="Record the handover"):
        transition_zone(zone, "handed_over", users["chief"])
    zone.refresh_from_db()
    assert zone.status == "active"


def test_a_zone_that_cannot_be_handed_over_gets_no_handover_record(jufra, users):
    with pytest.raises(IllegalTransition, match="cannot be handed over"):
        record_handover(jufra, dt.date(2021, 6, 1), "Joint Military Force", users["chief"])
    assert not Handover.objects.exists()
    jufra.refresh_from_db()
    assert jufra.status == "assessment"


def test_a_handover_is_recorded_once(zone, users):
    record_handover(zone, dt.date(2021, 6, 1), "Joint Military Force", users["chief"])
    with pytest.raises(Conflict, match="already recorded"):
        record_handover(zone, dt.date(2021, 6, 2), "Another", users["chief"])
    assert Handover.objects.count() == 1


def test_a_handover_names_its_authority_and_has_happened(zone, users):
    with pytest.raises(Invalid, match="authority"):
        record_handover(zone, dt.date(2021, 6, 1), "  ", users["chief"])
    with pytest.raises(Invalid, match="future"):
        record_handover(zone, dt.date(2200, 1, 1), "Joint Military Force", users["chief"])
    with pytest.raises(Forbidden):
        record_handover(zone, dt.date(2021, 6, 1), "Joint Military Force", users["verifier"])
    zone.refresh_from_db()
    assert zone.status == "active" and not Handover.objects.exists()


def test_a_handed_over_zone_is_no_longer_assessed(zone, users):
    record_handover(zone, dt.date(2021, 6, 1), "Joint Military Force", users["chief"])
    with pytest.raises(Conflict, match="no longer assessed"):
        set_readiness(zone, "security", True, users["chief"])
    assert Zone.objects.get(pk=zone.pk).status == "handed_over"
