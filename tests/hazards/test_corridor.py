"""The coastal road opens only when no confirmed hazard on it remains open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from raqib.core.errors import IllegalTransition
from raqib.geo.models import Zone
from raqib.geo.services import transition_zone
from raqib.hazards.models import HazardArea
from raqib.hazards.services import active_confirmed_hazards_on, transition_hazard

from .conftest import OFF_ROAD, ON_ROAD, square

MakeHazard = Callable[..., HazardArea]


def test_the_coastal_road_refuses_to_open_while_a_confirmed_hazard_on_it_is_active(
        ready_corridor: Zone, make_hazard: MakeHazard, users: dict[str, Any]) -> None:
    hazard = make_hazard(code="LBY-SRT-0007", status="confirmed", geometry=ON_ROAD)

    with pytest.raises(IllegalTransition, match="LBY-SRT-0007"):
        transition_zone(ready_corridor, "active", users["chief"])
    ready_corridor.refresh_from_db()
    assert ready_corridor.status == "assessment"

    transition_hazard(hazard, "closed", users["chief"], note="cleared by LibMAC")
    transition_zone(ready_corridor, "active", users["chief"])
    ready_corridor.refresh_from_db()
    assert ready_corridor.status == "active"


def test_a_hazard_being_worked_on_still_blocks(ready_corridor: Zone, make_hazard: MakeHazard) -> None:
    hazard = make_hazard(status="confirmed")
    transition_hazard(hazard, "worked_on", None)
    with pytest.raises(IllegalTransition):
        transition_zone(ready_corridor, "active", None)


def test_a_suspected_hazard_on_the_road_does_not_block(ready_corridor: Zone, make_hazard: MakeHazard) -> None:
    make_hazard(status="suspected", geometry=ON_ROAD)
    transition_zone(ready_corridor, "active", None)
    assert ready_corridor.status == "active"


def test_a_confirmed_hazard_elsewhere_does_not_block(ready_corridor: Zone, make_hazard: MakeHazard) -> None:
    make_hazard(status="confirmed", geometry=OFF_ROAD)
    transition_zone(ready_corridor, "active", None)
    assert ready_corridor.status == "active"


def test_the_line_is_widened_by_about_half_a_kilometre(corridor: Zone, make_hazard: MakeHazard) -> None:
    # West of Sirte the road crosses 16.5°E at about 31.2082°N. A 110 m square whose southern edge
    # is 340 m north of it is caught; one 1.4 km north is not.
    near = make_hazard(geometry=square(16.5, 31.2082 + 0.0036, 0.0005))
    make_hazard(geometry=square(16.5, 31.2082 + 0.0135, 0.0005))

    assert list(active_confirmed_hazards_on(corridor)) == [near]


def test_a_closed_hazard_does_not_count(corridor: Zone, make_hazard: MakeHazard) -> None:
    hazard = make_hazard()
    transition_hazard(hazard, "closed", None)
    assert not active_confirmed_hazards_on(corridor).exists()


def test_zones_other_than_corridors_are_not_held_back(zone: Zone, make_hazard: MakeHazard) -> None:
    # The Sirte triangle (a monitoring area, already active) can be suspended and reopened with hazards in it.
    make_hazard(geometry=square(16.5887, 31.2089))
    assert active_confirmed_hazards_on(zone).count() == 1
    transition_zone(zone, "suspended", None)
    transition_zone(zone, "active", None)
    assert zone.status == "active"
