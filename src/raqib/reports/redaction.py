"""The public summary's rules, in one place.

- No sources, no witness or monitor identities: the public sections never read ``Source``,
  ``Monitor`` or team names, and show no free text (descriptions, findings), which could name them.
- Attribution only when verified: an incident is *verified* when its verification was reviewed or
  closed with the outcome "verified" or "partly verified"; only then is the party it is
  attributed to named. Alleged perpetrators are never named in public.
- Locations of unverified incidents are coarsened to the centre of their 0.1° grid cell (about
  11 km), and their place is not named; verified incidents keep the point (3 decimals, ~100 m).
"""

from __future__ import annotations

import math
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from raqib.reports.spec import ReportSpec

VERIFIED_OUTCOMES = ("verified", "partly_verified")
FINAL_STATES = ("reviewed", "closed")
VERIFIED = Q(verification__outcome__in=VERIFIED_OUTCOMES, verification__state__in=FINAL_STATES)
GRID = 0.1


def is_verified(incident: Any) -> bool:
    verification = getattr(incident, "verification", None)
    return bool(verification and verification.outcome in VERIFIED_OUTCOMES and verification.state in FINAL_STATES)


def coarsen(value: float) -> float:
    """The centre of the 0.1° cell holding ``value``."""
    return round((math.floor(value / GRID) + 0.5) * GRID, 2)


def location(incident: Any, public: bool) -> tuple[float, float, bool]:
    """(lat, lon, precise) as the report may show them."""
    if public and not is_verified(incident):
        return coarsen(incident.lat), coarsen(incident.lon), False
    return round(incident.lat, 3), round(incident.lon, 3), True


def attribution(incident: Any, spec: ReportSpec) -> str:
    verification = getattr(incident, "verification", None)
    verified = is_verified(incident)
    if spec.public and not verified:
        return ""
    from raqib.reports.sections.core import loc

    if verification is not None and verification.attribution:
        if verification.attribution == "party" and verification.attributed_party is not None:
            text = loc(verification.attributed_party, "name", spec.lang)
        else:
            text = str(verification.get_attribution_display())
        if not verified and verification.state not in FINAL_STATES:
            text = _("%(party)s (provisional)") % {"party": text}
        return text
    if spec.public:
        return ""
    alleged = [loc(role.party, "name", spec.lang) for role in incident.party_roles.all()
               if role.role in ("alleged_perpetrator", "perpetrator")]
    return _("alleged: %(parties)s") % {"parties": ", ".join(alleged)} if alleged else ""
