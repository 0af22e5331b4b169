from raqib.core import audit


def test_the_base_fixtures_write_through_the_audit_chain(make_incident, zone):
    incident = make_incident()
    assert incident.zone_id == zone.pk
    assert incident.verification.state == "received"
    assert list(audit.verify()) == []
