"""The explosive hazard report form (``raqib_hazard_report``): each submission records a suspected
hazardous area (SHA) through ``raqib.hazards.services.create_hazard``. The monitor gives the centre
and an approximate radius; the area is kept as a polygon approximating that circle, and its zone
is the one its centre falls in. It gets the code ``FLD-<submission number>``. A photo stays with
the submission (hazardous areas keep no evidence of their own).

An edit on the phone changes the same area while it is still a suspected, active area; once it
has been confirmed or worked on, the edit is kept as the record of what the monitor sent and the
area stays as it is.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid
from raqib.hazards.models import HazardArea, OrdnanceType
from raqib.hazards.services import M_PER_DEG_LAT, M_PER_DEG_LON, create_hazard, update_hazard
from raqib.openrosa.builtin import BuiltinForm, link, previous, records_of, register
from raqib.openrosa.handlers import fields
from raqib.openrosa.models import Submission

FORM_ID = "raqib_hazard_report"
MIN_RADIUS_M, MAX_RADIUS_M = 5, 5_000
VERTICES = 32


def circle(lat: float, lon: float, radius_m: float, vertices: int = VERTICES) -> dict[str, Any]:
    """A GeoJSON polygon approximating the circle of ``radius_m`` metres around (lat, lon)."""
    dlat = radius_m / M_PER_DEG_LAT
    dlon = radius_m / (M_PER_DEG_LON * max(math.cos(math.radians(lat)), 0.01))
    ring = [[round(lon + dlon * math.cos(2 * math.pi * i / vertices), 7),
             round(lat + dlat * math.sin(2 * math.pi * i / vertices), 7)] for i in range(vertices)]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def hazard_values(data: dict[str, Any]) -> dict[str, Any]:
    lat, lon = fields.point(data, "location")
    if abs(lat) > 80:
        raise Invalid(_("“location” is too near a pole for a hazard report."))
    radius = fields.integer(data, "radius_m", None, low=MIN_RADIUS_M, high=MAX_RADIUS_M)
    if radius is None:
        raise Invalid(_("“radius_m” is required."))
    found_on = fields.day(data, "found_on")
    if found_on > timezone.localdate():
        raise Invalid(_("“found_on” is in the future."))
    return {
        "name": fields.required(data, "name", 200), "geometry": circle(lat, lon, radius),
        "ordnance_types": fields.choices(data, "ordnance_types", OrdnanceType.values),
        "contamination_evidence": fields.required(data, "contamination_evidence"), "reported_on": found_on,
    }


def code_for(submission: Submission) -> str:
    return f"FLD-{submission.pk:06d}"


def received(submission: Submission, actor: Any) -> None:
    values = hazard_values(submission.data)
    replaced = previous(submission)
    earlier = records_of(replaced, HazardArea) if replaced is not None else []
    if earlier:
        hazard = earlier[0]
        if hazard.status == HazardArea.Status.SUSPECTED and hazard.state == HazardArea.State.ACTIVE:
            update_hazard(hazard, values, actor, note=_("edited on the phone"))
    else:
        hazard = create_hazard({**values, "code": code_for(submission), "status": HazardArea.Status.SUSPECTED},
                               actor)
    link(submission, hazard, actor)


FORM = register(BuiltinForm(FORM_ID, "hazard_report.csv", handler=received))
