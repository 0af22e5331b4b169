"""Arms-embargo events: identifiers validated, the state machine forward only."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.embargo.models import EmbargoEvent, imo_is_valid
from raqib.embargo.services import create_event, transition_event

pytestmark = pytest.mark.django_db
WHEN = dt.datetime(2021, 1, 10, 6, 0, tzinfo=dt.UTC)


def make(actor, **values):
    return create_event({"vector": "air", "occurred_at": WHEN, **values}, actor)


def test_the_imo_check_digit_is_checked():
    assert imo_is_valid("9074729")
    assert not imo_is_valid("9074728")
    assert not imo_is_valid("907472")


@pytest.mark.parametrize(("values", "field"), [
    ({"icao24": "89645g"}, "icao24"),
    ({"icao24": "8964501"}, "icao24"),
    ({"vector": "sea", "imo": "9074728"}, "imo"),
    ({"vector": "sea", "mmsi": "63601234"}, "mmsi"),
    ({"flag": "TUR"}, "flag"),
    ({"vector": "air", "mmsi": "636012345"}, "mmsi"),
    ({"vector": "sea", "callsign": "LYW101"}, "callsign"),
])
def test_it_refuses_a_wrong_identifier(users, values, field):
    with pytest.raises(Invalid, match=field):
        make(users["verifier"], **values)


def test_identifiers_are_normalised(users):
    event = make(users["verifier"], icao24=" 89645A ", flag="tr", callsign="lyw101")
    assert (event.icao24, event.flag, event.callsign) == ("89645a", "TR", "LYW101")
    vessel = make(users["verifier"], vector="sea", imo="IMO 9074729", mmsi="636012345", vessel_name="Ankara")
    assert vessel.imo == "9074729"


def test_it_moves_forward_through_its_states(users):
    event = make(users["verifier"])
    for state in ("documented", "referred_to_panel", "panel_finding"):
        transition_event(event, state, users["chief"])
        event.refresh_from_db()
        assert event.state == state


@pytest.mark.parametrize(("start", "target"), [
    ("suspected", "referred_to_panel"), ("suspected", "panel_finding"), ("documented", "suspected"),
    ("referred_to_panel", "documented"), ("panel_finding", "referred_to_panel"), ("suspected", "suspected"),
])
def test_it_refuses_an_illegal_transition(users, start, target):
    event = make(users["verifier"], state=start)
    with pytest.raises(IllegalTransition):
        transition_event(event, target, users["chief"])
    event.refresh_from_db()
    assert event.state == start


def test_it_refuses_an_unknown_state(users):
    with pytest.raises(Invalid):
        transition_event(make(users["verifier"]), "dismissed", users["chief"])


def test_monitors_may_not_record_or_move_events(users):
    with pytest.raises(Forbidden):
        make(users["monitor"])
    event = make(users["verifier"])
    with pytest.raises(Forbidden):
        transition_event(event, "documented", users["monitor"])
    assert EmbargoEvent.objects.get().state == "suspected"
