from __future__ import annotations

import datetime as dt

import pytest

from raqib.core import access
from raqib.core.errors import Forbidden
from raqib.incidents.models import Allegation, Incident, Observation, Source
from raqib.incidents.services import add_source, create_allegation, update_incident
from raqib.mission.models import Monitor

T0 = dt.datetime(2021, 1, 5, 6, 0, tzinfo=dt.UTC)


def allegation_by(user, **extra):
    values = {"received_at": T0, "claimed_start": T0, "claimed_end": T0, "category": "ceasefire_violation",
              "summary": "Shelling of our positions near Abu Grein.", "language": "en", **extra}
    return create_allegation(values, user)


def test_a_liaison_sees_only_their_own_partys_allegations(users):
    own = allegation_by(users["liaison_gna"])
    other = allegation_by(users["liaison_lna"])
    seen = set(access.visible(Allegation.objects.all(), users["liaison_gna"]))
    assert own in seen and other not in seen


def test_a_liaison_files_for_their_own_party_whatever_they_claim(users, parties):
    allegation = allegation_by(users["liaison_gna"], filer_kind="media", filing_party=parties["lna"])
    assert (allegation.filer_kind, allegation.filing_party) == ("party", parties["gna"])


def test_a_liaison_sees_shared_incidents_and_those_of_their_allegations_only(make_incident, users):
    shared = make_incident(shared_with_jmc=True)
    private = make_incident()
    linked = make_incident()
    Allegation.objects.none()
    allegation = allegation_by(users["liaison_lna"])
    from raqib.incidents.services import update_allegation

    update_allegation(allegation, {"incident": linked}, users["verifier"])
    lna_sees = set(access.visible(Incident.objects.all(), users["liaison_lna"]))
    gna_sees = set(access.visible(Incident.objects.all(), users["liaison_gna"]))
    assert lna_sees == {shared, linked}
    assert gna_sees == {shared}
    assert private not in lna_sees | gna_sees


@pytest.mark.parametrize("who", ["liaison_gna", "public"])
def test_outsiders_see_no_sources_observations_or_monitors(make_incident, users, who):
    incident = make_incident(shared_with_jmc=True)
    add_source(incident, {"kind": "testimony", "identity": "Witness A", "contact": "+218 91 000 0000"},
               users["verifier"])
    for model in (Source, Observation, Monitor):
        assert not access.visible(model.objects.all(), users[who]).exists()


def test_only_analysts_read_protected_source_fields(users):
    readers = {name for name, user in users.items() if access.can_read_protected(user)}
    assert readers == {"verifier", "chief", "admin"}


def test_the_public_sees_no_incident(make_incident, users):
    make_incident(shared_with_jmc=True)
    assert not access.visible(Incident.objects.all(), users["public"]).exists()


def test_a_monitor_corrects_their_own_incident_until_it_is_under_verification(make_incident, users):
    from raqib.verification.services import transition

    incident = make_incident(actor=users["monitor"])
    update_incident(incident, {"killed_max": 2}, users["monitor"])
    transition(incident.verification, "triaged", users["verifier"])
    transition(incident.verification, "under_verification", users["verifier"])
    incident.refresh_from_db()
    with pytest.raises(Forbidden):
        update_incident(incident, {"killed_max": 3}, users["monitor"])


def test_a_monitor_cannot_change_another_monitors_incident(make_incident, users):
    incident = make_incident(actor=users["team_leader"])
    with pytest.raises(Forbidden):
        update_incident(incident, {"killed_max": 2}, users["monitor"])


def test_an_inactive_user_can_do_nothing(make_incident, users):
    users["chief"].is_active = False
    assert not access.can(users["chief"], "incident.create")
    assert not access.visible(Incident.objects.all(), users["chief"]).exists()
