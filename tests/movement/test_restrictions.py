"""Restrictions: the zone found from the point, the state machine, counts per party equal to
hand counts, and what a liaison officer may see."""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.core import access
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.movement.models import Restriction
from raqib.movement.services import counts_by_party, transition_restriction

pytestmark = pytest.mark.django_db


def test_the_zone_is_found_from_the_point_or_the_place(make_restriction, zone, sirte):
    assert make_restriction(lat=31.2089, lon=16.5887).zone == zone
    assert make_restriction(place=sirte).zone == zone
    assert make_restriction(lat=29.0, lon=16.0).zone is None


def test_it_needs_a_party_or_a_description_of_who(make_restriction):
    with pytest.raises(Invalid, match="actor_description"):
        make_restriction(party=None, actor_description="  ")


def test_it_refuses_half_a_point_and_an_unknown_kind(make_restriction):
    with pytest.raises(Invalid):
        make_restriction(lat=31.0)
    with pytest.raises(Invalid):
        make_restriction(kind="roadblock")


def test_raising_it_with_the_jmc_records_the_day_and_shares_it(make_restriction, users):
    restriction = make_restriction()
    transition_restriction(restriction, "raised_with_jmc", users["chief"], on=dt.date(2021, 1, 7))
    restriction.refresh_from_db()
    assert (restriction.state, restriction.raised_with_jmc_on, restriction.shared_with_jmc) == (
        "raised_with_jmc", dt.date(2021, 1, 7), True)
    transition_restriction(restriction, "resolved", users["verifier"])
    transition_restriction(restriction, "recurring", users["verifier"])
    transition_restriction(restriction, "raised_with_jmc", users["verifier"], on=dt.date(2021, 1, 20))
    restriction.refresh_from_db()
    assert (restriction.state, restriction.raised_with_jmc_on) == ("raised_with_jmc", dt.date(2021, 1, 20))


@pytest.mark.parametrize(("path", "target"), [
    ([], "reported"), (["resolved"], "raised_with_jmc"), (["resolved"], "resolved"),
    (["raised_with_jmc"], "reported"), (["recurring"], "recurring"), (["resolved"], "reported"),
])
def test_it_refuses_an_illegal_transition(make_restriction, users, path, target):
    restriction = make_restriction()
    for state in path:
        transition_restriction(restriction, state, users["chief"])
    with pytest.raises(IllegalTransition):
        transition_restriction(restriction, target, users["chief"])
    restriction.refresh_from_db()
    assert restriction.state == (path[-1] if path else "reported")


def test_only_analysts_move_a_restriction_and_a_day_only_goes_with_raising(make_restriction, users):
    restriction = make_restriction()
    for name in ("monitor", "team_leader", "liaison_lna", "public"):
        with pytest.raises(Forbidden):
            transition_restriction(restriction, "resolved", users[name])
    with pytest.raises(Invalid):
        transition_restriction(restriction, "resolved", users["chief"], on=dt.date(2021, 1, 7))
    assert Restriction.objects.get().state == "reported"


def test_liaison_officers_and_the_public_may_not_record(make_restriction):
    for name in ("liaison_gna", "public"):
        with pytest.raises(Forbidden):
            make_restriction(actor=name)


def test_counts_per_party_equal_the_hand_counts(make_restriction):
    # In January: LNA 3 (2 denials, 1 delay), GNA 2 (delays), Wagner 1 (UAV), unattributed 1.
    for day, party, kind in [(2, "lna", "denial"), (9, "lna", "denial"), (15, "lna", "delay"),
                             (4, "gna", "delay"), (31, "gna", "delay"), (20, "wagner", "uav_interference"),
                             (11, None, "threat_or_violence")]:
        make_restriction(party=party, day=day, kind=kind)
    make_restriction(party="lna", day=40)  # 9 February: outside the period
    rows = counts_by_party(dt.date(2021, 1, 1), dt.date(2021, 1, 31))
    assert [(r.party.key if r.party else None, r.total) for r in rows] == [
        ("lna", 3), ("gna", 2), ("wagner", 1), (None, 1)]
    lna = rows[0].by_kind
    assert (lna["denial"], lna["delay"], lna["uav_interference"]) == (2, 1, 0)
    assert rows[1].by_kind["delay"] == 2 and rows[2].by_kind["uav_interference"] == 1
    assert counts_by_party(dt.date(2021, 1, 31), dt.date(2021, 1, 31))[0].total == 1
    assert sum(r.total for r in counts_by_party(None, None)) == 8
    with pytest.raises(Invalid):
        counts_by_party(dt.date(2021, 2, 1), dt.date(2021, 1, 1))


def test_a_liaison_sees_only_their_own_partys_and_the_shared_restrictions(make_restriction, users):
    own = make_restriction(party="gna")
    other = make_restriction(party="lna")
    shared = make_restriction(party="lna", shared_with_jmc=True)
    wagner = make_restriction(party="wagner")
    raised = make_restriction(party="wagner")
    transition_restriction(raised, "raised_with_jmc", users["chief"])
    seen = set(access.visible(Restriction.objects.all(), users["liaison_gna"]).values_list("pk", flat=True))
    assert seen == {own.pk, shared.pk, raised.pk}
    assert other.pk not in seen and wagner.pk not in seen
    assert access.visible(Restriction.objects.all(), users["public"]).count() == 0
    assert access.visible(Restriction.objects.all(), users["monitor"]).count() == 5
    counted = {(r.party.key if r.party else None): r.total for r in counts_by_party(None, None, users["liaison_gna"])}
    assert counted == {"gna": 1, "lna": 1, "wagner": 1}
