"""The best current estimate, worked out by hand from the fixture ``ledger`` (conftest.py):

wagner:  estimate 1 Dec 2000-3000; +100-200 arrived 15 Dec (verified); 500-700 left 20 Dec
         (unverified: ignored); count 2500 on 10 Jan beats the 1000-4000 estimate of that day;
         300 left 15 Jan (verified); a relocation on 20 Jan changes nothing.
turks:   estimate 1 Nov 500-800; 600-900 left 10 Dec (verified): [500-900, 800-600] -> [0, 200];
         50 arrived 5 Jan (only reported: ignored); 10-20 arrived 6 Jan (verified) -> [10, 220].
syrians: estimate 12 Jan 3000-5000, nothing before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.forces.models import ForceMovement
from raqib.forces.services import (add_estimate, add_movement, current_estimate, series, total_estimate,
                                   transition_movement)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(("day", "wagner", "turks", "syrians", "total"), [
    (D(2020, 10, 1), None, None, None, (0, 0)),
    (D(2020, 11, 15), None, (500, 800), None, (500, 800)),
    (D(2020, 12, 1), (2000, 3000), (500, 800), None, (2500, 3800)),
    (D(2020, 12, 16), (2100, 3200), (0, 200), None, (2100, 3400)),
    (D(2020, 12, 31), (2100, 3200), (0, 200), None, (2100, 3400)),
    (D(2021, 1, 10), (2500, 2500), (10, 220), None, (2510, 2720)),
    (D(2021, 1, 20), (2200, 2200), (10, 220), (3000, 5000), (5210, 7420)),
])
def test_the_estimates_equal_the_figures_worked_out_by_hand(ledger, day, wagner, turks, syrians, total):
    assert current_estimate(ledger["wagner"], day) == wagner
    assert current_estimate(ledger["turks"], day) == turks
    assert current_estimate(ledger["syrians"], day) == syrians
    assert total_estimate(day) == total


def test_a_movement_counts_once_it_is_verified(ledger):
    transition_movement(ledger["unverified"], "verified", None)
    # 20 Dec: wagner [2100-700, 3200-500] = [1400, 2700]; turks [0, 200].
    assert current_estimate(ledger["wagner"], D(2020, 12, 31)) == (1400, 2700)
    assert total_estimate(D(2020, 12, 31)) == (1400, 2900)
    # A later estimate starts afresh: the count of 10 Jan is unchanged.
    assert current_estimate(ledger["wagner"], D(2021, 1, 10)) == (2500, 2500)


def test_the_series_gives_the_total_at_each_step_and_on_the_last_day(ledger):
    assert series(D(2020, 12, 1), D(2020, 12, 31), 15) == [
        {"date": D(2020, 12, 1), "minimum": 2500, "maximum": 3800},
        {"date": D(2020, 12, 16), "minimum": 2100, "maximum": 3400},
        {"date": D(2020, 12, 31), "minimum": 2100, "maximum": 3400},
    ]
    assert [p["date"] for p in series(D(2021, 1, 1), D(2021, 1, 10), 4)] == [
        D(2021, 1, 1), D(2021, 1, 5), D(2021, 1, 9), D(2021, 1, 10)]


def test_the_series_refuses_a_backward_or_endless_window(db):
    with pytest.raises(Invalid):
        series(D(2021, 1, 2), D(2021, 1, 1), 1)
    with pytest.raises(Invalid):
        series(D(2021, 1, 1), D(2021, 1, 2), 0)
    with pytest.raises(Invalid):
        series(D(1900, 1, 1), D(2200, 1, 1), 1)


def test_departures_never_take_a_contingent_below_zero(ledger):
    add_movement(ledger["syrians"], {"kind": "departure", "occurred_on": D(2021, 1, 21), "personnel_min": 4000,
                                     "personnel_max": 9000}, None)
    movement = ForceMovement.objects.get(occurred_on=D(2021, 1, 21))
    transition_movement(movement, "verified", None)
    assert current_estimate(ledger["syrians"], D(2021, 1, 22)) == (0, 1000)


@pytest.mark.parametrize(("start", "to"), [
    ("reported", "reported"), ("verified", "unverified"), ("verified", "reported"), ("unverified", "reported"),
])
def test_it_refuses_an_illegal_movement_transition(ledger, start, to):
    movement = add_movement(ledger["wagner"], {"kind": "arrival", "occurred_on": D(2021, 1, 3), "personnel_min": 1,
                                               "personnel_max": 1}, None)
    if start != "reported":
        transition_movement(movement, start, None)
    with pytest.raises(IllegalTransition):
        transition_movement(movement, to, None)
    movement.refresh_from_db()
    assert movement.state == start


def test_it_refuses_an_unknown_state_and_a_new_movement_starts_reported(ledger):
    movement = add_movement(ledger["wagner"], {"kind": "arrival", "occurred_on": D(2021, 1, 3), "personnel_min": 1,
                                               "personnel_max": 2, "state": "verified"}, None)
    assert movement.state == "reported"
    with pytest.raises(Invalid):
        transition_movement(movement, "confirmed", None)


def test_it_refuses_a_range_upside_down(ledger):
    with pytest.raises(Invalid):
        add_estimate(ledger["wagner"], {"as_of": D(2021, 1, 1), "minimum": 10, "maximum": 5, "source": "x"}, None)
    with pytest.raises(Invalid):
        add_movement(ledger["wagner"], {"kind": "arrival", "occurred_on": D(2021, 1, 1), "personnel_min": 10,
                                        "personnel_max": 5}, None)


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_only_analysts_and_the_chief_write_the_ledger(ledger, users, role):
    with pytest.raises(Forbidden):
        add_estimate(ledger["wagner"], {"as_of": D(2021, 1, 1), "minimum": 1, "maximum": 5, "source": "x"},
                     users[role])
    with pytest.raises(Forbidden):
        transition_movement(ledger["unverified"], "verified", users[role])


@pytest.mark.parametrize("role", ["verifier", "chief"])
def test_analysts_and_the_chief_write_the_ledger(ledger, users, role):
    estimate = add_estimate(ledger["wagner"], {"as_of": D(2021, 1, 25), "minimum": 1, "maximum": 5,
                                               "source": "x"}, users[role])
    assert estimate.pk
    transition_movement(ledger["unverified"], "disputed", users[role])
    ledger["unverified"].refresh_from_db()
    assert ledger["unverified"].state == "disputed"
