"""Reading the incidents of an export in chunks: one query for the incidents (``values()``
through ``.iterator()``, never whole model objects), then per chunk one for their party roles
and one for their sources, each narrowed by ``access.visible``. Memory stays flat however many
incidents there are."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from raqib.core import access
from raqib.incidents.models import Incident, IncidentParty, Source

CHUNK_SIZE = 2000

FIELDS = (
    "id", "uid", "category", "subtype", "occurred_start", "occurred_end", "time_precision", "lat", "lon",
    "location_precision", "place__key", "place__name_en", "place__name_ar", "place__admin_area",
    "zone__key", "zone__name_en", "killed_min", "killed_max", "injured_min", "injured_max", "severity",
    "description_en", "description_ar", "shared_with_jmc", "synthetic", "updated_at",
    "verification__state", "verification__outcome", "verification__confidence", "verification__attribution",
)

Row = dict[str, Any]
"""One incident as ``values(*FIELDS)`` reads it, plus ``parties`` (list of :class:`PartyRole`)
and ``sources`` (list of short source descriptions; empty for a user who may not read sources)."""


@dataclass(frozen=True)
class PartyRole:
    key: str
    name_en: str
    name_ar: str
    inter: int | None
    role: str


# Country facts for ACLED's iso/country/region columns, by the mission's time zone; a profile
# may name its own in its agreement's parameters ({"country": {"name", "iso", "iso3", "region"}}).
COUNTRIES: dict[str, tuple[str, int, str, str]] = {
    "Africa/Tripoli": ("Libya", 434, "LBY", "Northern Africa"),
    "Africa/Khartoum": ("Sudan", 729, "SDN", "Northern Africa"),
    "Africa/Juba": ("South Sudan", 728, "SSD", "Eastern Africa"),
    "Asia/Damascus": ("Syria", 760, "SYR", "Middle East"),
    "Asia/Aden": ("Yemen", 887, "YEM", "Middle East"),
    "Europe/Kiev": ("Ukraine", 804, "UKR", "Europe"),
    "Europe/Kyiv": ("Ukraine", 804, "UKR", "Europe"),
}


@dataclass
class ExportContext:
    """What every row of one export shares: the mission's country and time zone, the user."""

    user: Any = None
    country: str = ""
    iso: int | None = None
    iso3: str = ""
    region: str = ""
    tz: dt.tzinfo = dt.UTC
    generated_at: dt.datetime = field(default_factory=timezone.now)
    filters: dict[str, str] = field(default_factory=dict)

    def local_date(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.tz).date()

    @classmethod
    def for_user(cls, user: Any, filters: dict[str, str] | None = None) -> ExportContext:
        from raqib.agreements.models import Agreement

        agreement: dict[str, Any] = dict(
            Agreement.objects.order_by("signed_on", "pk").values("timezone", "parameters").first() or {})
        tz_name = str(agreement.get("timezone") or "UTC")
        try:
            tz: dt.tzinfo = zoneinfo.ZoneInfo(tz_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            tz, tz_name = dt.UTC, "UTC"
        name, iso, iso3, region = COUNTRIES.get(tz_name, ("", None, "", ""))
        params = agreement.get("parameters") or {}
        country = params.get("country") if isinstance(params, dict) else None
        if isinstance(country, dict):
            name = str(country.get("name", name))
            iso = int(country["iso"]) if str(country.get("iso", "")).isdigit() else iso
            iso3 = str(country.get("iso3", iso3))
            region = str(country.get("region", region))
        return cls(user=user, country=name, iso=iso, iso3=iso3, region=region, tz=tz, filters=filters or {})


def _roles(ids: list[int], user: Any) -> dict[int, list[PartyRole]]:
    qs = access.visible(IncidentParty.objects.filter(incident_id__in=ids), user).order_by("incident_id", "pk")
    out: dict[int, list[PartyRole]] = defaultdict(list)
    for incident_id, key, name_en, name_ar, inter, role in qs.values_list(
            "incident_id", "party__key", "party__name_en", "party__name_ar", "party__acled_inter", "role"):
        out[incident_id].append(PartyRole(key, name_en, name_ar, inter, role))
    return out


# Sources that are publications may be named by their title; a testimony's or an informant's
# title may name a person, so those are named by their kind only.
_TITLED = (Source.Kind.NEWS, Source.Kind.IMAGERY)


def _sources(ids: list[int], user: Any) -> dict[int, list[str]]:
    qs = access.visible(Source.objects.filter(incident_id__in=ids), user)
    if qs.query.is_empty():
        return {}
    labels = dict(Source.Kind.choices)
    out: dict[int, list[str]] = defaultdict(list)
    for incident_id, kind, title in qs.order_by("incident_id", "pk").values_list("incident_id", "kind", "title"):
        text = title.strip() if kind in _TITLED and title.strip() else str(labels.get(kind, kind))
        if text not in out[incident_id]:
            out[incident_id].append(text)
    return out


def iter_rows(qs: QuerySet[Incident], user: Any, chunk_size: int = CHUNK_SIZE) -> Iterator[Row]:
    rows = qs.values(*FIELDS).iterator(chunk_size=chunk_size)
    while True:
        batch = list(islice(rows, chunk_size))
        if not batch:
            return
        ids = [row["id"] for row in batch]
        roles = _roles(ids, user)
        sources = _sources(ids, user)
        for row in batch:
            row["parties"] = roles.get(row["id"], [])
            row["sources"] = sources.get(row["id"], [])
            yield row
