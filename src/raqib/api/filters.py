"""The filters of the incident list, each answering a bad value with a message."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from raqib.api.parsing import parse_bbox, parse_moment
from raqib.api.schemas.incidents import IncidentFilters
from raqib.core import access, taxonomy
from raqib.core.errors import Invalid
from raqib.incidents.models import Incident, IncidentParty
from raqib.verification.models import Verification

BIGINT = 2**63


def filter_incidents(qs: QuerySet[Incident], f: IncidentFilters, user: Any) -> QuerySet[Incident]:
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = parse_bbox(f.bbox)
        qs = qs.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
    since = parse_moment(f.since, "since") if f.since else None
    until = parse_moment(f.until, "until", end_of_day=True) if f.until else None
    if since and until and since > until:
        raise Invalid(_("since is after until."))
    if since:
        qs = qs.filter(occurred_end__gte=since)  # the windows overlap
    if until:
        qs = qs.filter(occurred_start__lte=until)
    if f.category:
        if f.category not in taxonomy.BY_KEY:
            raise Invalid(_("Unknown category “%(c)s”.") % {"c": f.category})
        qs = qs.filter(category=f.category)
    if f.subtype:
        if f.subtype not in dict(taxonomy.SUBTYPE_CHOICES):
            raise Invalid(_("Unknown subtype “%(s)s”.") % {"s": f.subtype})
        qs = qs.filter(subtype=f.subtype)
    if f.zone:
        qs = qs.filter(_zone(f.zone))
    if f.party:
        # Through the party roles the user may see: a liaison officer cannot probe them.
        roles = access.visible(IncidentParty.objects.filter(party__key=f.party), user)
        qs = qs.filter(pk__in=roles.values("incident_id"))
    if f.state:
        if f.state not in Verification.State.values:
            raise Invalid(_("Unknown verification state “%(s)s”.") % {"s": f.state})
        qs = qs.filter(verification__state=f.state)
    if f.q:
        qs = qs.filter(Q(description_en__icontains=f.q) | Q(description_ar__icontains=f.q))
    return qs


def _zone(value: str) -> Q:
    if value.isascii() and value.isdigit():
        return Q(zone_id=int(value)) if int(value) < BIGINT else Q(pk__in=[])
    return Q(zone__key=value)
