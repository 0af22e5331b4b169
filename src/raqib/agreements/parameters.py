"""The mechanism's figures that come with the profile, not with the code.

``agreement.json`` may carry a ``parameters`` object; the loader checks it with :func:`clean` and
stores it on the agreement. The modules read it only through the functions below::

    "parameters": {
      "monitor_ceiling": {"1": 60},
      "foreign_forces_baseline": {"minimum": 20000, "maximum": 20000, "bases": 10,
                                  "as_of": "2020-12-02", "provision": "2", "source": "..."},
      "embargo_bases": ["al-watiya-airbase", "benghazi-port", ...]
    }

The withdrawal deadline is the deadline of the provision the baseline names (its own date, or
its relative deadline counted from the signature).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from raqib.agreements.models import Agreement, add_relative
from raqib.core.errors import Invalid
from raqib.geo.models import Place

MAX_CEILING = 100_000


@dataclass(frozen=True)
class Baseline:
    """The foreign presence the withdrawal is measured against."""

    minimum: int
    maximum: int
    bases: int
    as_of: dt.date
    deadline: dt.date | None
    source: str


def current_agreement() -> Agreement | None:
    """The agreement the mission monitors: the most recently signed one loaded."""
    return Agreement.objects.order_by("-signed_on", "-pk").first()


def _parameters() -> tuple[Agreement | None, dict[str, Any]]:
    agreement = current_agreement()
    return agreement, (agreement.parameters if agreement is not None else {}) or {}


def monitor_ceiling(phase: int) -> int | None:
    """How many monitors may serve in zones of ``phase`` at once; None when the profile sets no
    ceiling for it. A phase without its own figure takes the nearest lower phase's."""
    _agreement, params = _parameters()
    ceilings = {int(k): int(v) for k, v in (params.get("monitor_ceiling") or {}).items()}
    lower = [p for p in ceilings if p <= phase]
    return ceilings[max(lower)] if lower else None


def foreign_forces_baseline() -> Baseline | None:
    agreement, params = _parameters()
    raw = params.get("foreign_forces_baseline")
    if agreement is None or not raw:
        return None
    deadline = None
    number = raw.get("provision")
    if number:
        provision = agreement.provisions.filter(number=str(number)).first()
        if provision is not None:
            if provision.deadline_on:
                deadline = provision.deadline_on
            elif provision.deadline_relative:
                deadline = add_relative(agreement.signed_on, provision.deadline_relative)
    return Baseline(minimum=int(raw["minimum"]), maximum=int(raw["maximum"]), bases=int(raw.get("bases") or 0),
                    as_of=dt.date.fromisoformat(raw["as_of"]), deadline=deadline, source=str(raw.get("source", "")))


def embargo_bases() -> QuerySet[Place]:
    """The places watched as arrival points for the arms embargo (airbases, airports, ports)."""
    _agreement, params = _parameters()
    keys = params.get("embargo_bases") or []
    return Place.objects.filter(key__in=keys, lat__isnull=False, lon__isnull=False).order_by("key")


def clean(raw: Any) -> dict[str, Any]:
    """``raw`` checked and normalised; Invalid naming the first wrong item."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise Invalid(_("parameters must be a JSON object."))
    unknown = set(raw) - {"monitor_ceiling", "foreign_forces_baseline", "embargo_bases", "country"}
    if unknown:
        raise Invalid(_("unknown parameters: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    out: dict[str, Any] = {}
    if "monitor_ceiling" in raw:
        out["monitor_ceiling"] = _ceilings(raw["monitor_ceiling"])
    if "foreign_forces_baseline" in raw:
        out["foreign_forces_baseline"] = _baseline(raw["foreign_forces_baseline"])
    if "embargo_bases" in raw:
        bases = raw["embargo_bases"]
        if not isinstance(bases, list) or not all(isinstance(k, str) and k for k in bases):
            raise Invalid(_("embargo_bases must be a list of place keys."))
        out["embargo_bases"] = sorted(set(bases))
    if "country" in raw:
        out["country"] = _country(raw["country"])
    return out


def _country(value: Any) -> dict[str, Any]:
    """The mission's country for the ACLED export (``raqib.exports.rows``): its name, ISO 3166
    numeric code, alpha-3 code and region, e.g. {"name": "Libya", "iso": 434, "iso3": "LBY",
    "region": "Northern Africa"}; every item optional."""
    message = _("country must be an object with a name, a numeric iso code (1 to 999), a three-letter iso3 code "
                "and a region.")
    if not isinstance(value, dict) or set(value) - {"name", "iso", "iso3", "region"}:
        raise Invalid(message)
    out: dict[str, Any] = {}
    for name in ("name", "region"):
        if name in value:
            if not isinstance(value[name], str) or not 0 < len(value[name].strip()) <= 100:
                raise Invalid(message)
            out[name] = value[name].strip()
    if "iso" in value:
        if isinstance(value["iso"], bool) or not isinstance(value["iso"], int) or not 1 <= value["iso"] <= 999:
            raise Invalid(message)
        out["iso"] = value["iso"]
    if "iso3" in value:
        iso3 = value["iso3"]
        if not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isascii() or not iso3.isalpha():
            raise Invalid(message)
        out["iso3"] = iso3.upper()
    return out


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise Invalid(_("%(name)s must be a whole number from 0 to 10,000,000.") % {"name": name})
    return value


def _ceilings(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise Invalid(_("monitor_ceiling must map a phase number to a number of monitors."))
    out = {}
    for phase, ceiling in raw.items():
        if not str(phase).isdigit() or int(phase) < 1:
            raise Invalid(_("monitor_ceiling: “%(phase)s” is not a phase number.") % {"phase": phase})
        if _count(ceiling, "monitor_ceiling") > MAX_CEILING:
            raise Invalid(_("monitor_ceiling: %(n)s monitors is not believable.") % {"n": ceiling})
        out[str(int(phase))] = ceiling
    return out


def _baseline(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise Invalid(_("foreign_forces_baseline must be a JSON object."))
    for name in ("minimum", "maximum", "as_of"):
        if name not in raw:
            raise Invalid(_("foreign_forces_baseline needs “%(name)s”.") % {"name": name})
    low, high = _count(raw["minimum"], "minimum"), _count(raw["maximum"], "maximum")
    if low > high:
        raise Invalid(_("foreign_forces_baseline: the minimum is above the maximum."))
    try:
        as_of = dt.date.fromisoformat(str(raw["as_of"]))
    except ValueError:
        raise Invalid(_("foreign_forces_baseline: as_of must be a date (YYYY-MM-DD).")) from None
    return {"minimum": low, "maximum": high, "bases": _count(raw.get("bases", 0), "bases"),
            "as_of": as_of.isoformat(), "provision": str(raw.get("provision") or ""),
            "source": str(raw.get("source") or "")[:1000]}
