"""The filters of the incident list, each answering a bad value with a message."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from raqib.api.parsing import parse_bbox, parse_moment
from raqib.api.schemas.incidents import IncidentFilters
from raqib.core import taxonomy
from raqib.core.errors import Invalid
from raqib.incidents import queries
from raqib.incidents.models import Incident
from raqib.verification.models import Verification

BIGINT = 2**63


def filter_incidents(qs: QuerySet[Incident], f: IncidentFilters, user: Any) -> QuerySet[Incident]:
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = parse_bbox(f.bbox)
        qs = queries.in_box(qs, min_lon, min_lat, max_lon, max_lat)
    since = parse_moment(f.since, "since") if f.since else None
    until = parse_moment(f.until, "until", end_of_day=True) if f.until else None
    if since and until and since > until:
        raise Invalid(_("since is after until."))
    qs = queries.overlapping(qs, since, until)
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
        qs = queries.involving(qs, Q(party__key=f.party), user)
    if f.state:
        if f.state not in Verification.State.values:
            raise Invalid(_("Unknown verification state “%(s)s”.") % {"s": f.state})
        qs = queries.in_state(qs, f.state)
    if f.q:
        qs = queries.containing(qs, f.q)
    return qs


def _zone(value: str) -> Q:
    if value.isascii() and value.isdigit():
        return Q(zone_id=int(value)) if int(value) < BIGINT else Q(pk__in=[])
    return Q(zone__key=value)
