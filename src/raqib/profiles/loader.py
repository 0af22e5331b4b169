"""Reading a profile's data files and writing them through the domain services, as the system.

A profile directory holds four UTF-8 files:

``parties.csv``
    key,name_en,name_ar,aliases_en,aliases_ar,kind,acled_inter,sponsors,parent,notes,source
    (aliases and sponsors ``|``-separated; sponsors and parent are keys of other rows)
``places.csv``
    key,name_en,name_ar,variants,lat,lon,kind,admin_area,precision,source
    (variants ``|``-separated; lat and lon both given or both empty)
``zones.geojson``
    a FeatureCollection; properties key, name_en, name_ar, kind, phase, status,
    controlling_party (a party key or null), description_en, description_ar
``agreement.json``
    the agreement's fields and its ``provisions``, each with number, parent (a number or null),
    titles and texts, category, obligated_parties (keys), deadline (null, "YYYY-MM-DD" or a
    relative "+3 months"), decided_on, source and an optional compliance_rule (blank: the
    category's default; "manual": the chief sets the status); and optional ``parameters`` (the monitor
    ceiling per phase, the foreign-forces baseline, the embargo bases: see
    :mod:`raqib.agreements.parameters`)

Everything is read and checked before anything is written, then written in one transaction.
The services' upserts record nothing when a record already holds the same values, so loading a
profile twice leaves the audit chain as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.actors.services import upsert_party
from raqib.agreements import parameters
from raqib.agreements.models import COMPLIANCE_RULE_CHOICES, RELATIVE_DEADLINE, Agreement, Provision
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.core.errors import Invalid
from raqib.geo.models import Place, Precision, Zone
from raqib.geo.services import upsert_place, upsert_zone
from raqib.profiles import Progress

PARTIES, PLACES, ZONES, AGREEMENT = "parties.csv", "places.csv", "zones.geojson", "agreement.json"

PARTY_COLUMNS = ("key", "name_en", "name_ar", "aliases_en", "aliases_ar", "kind", "acled_inter", "sponsors",
                 "parent", "notes", "source")
PLACE_COLUMNS = ("key", "name_en", "name_ar", "variants", "lat", "lon", "kind", "admin_area", "precision", "source")
KINDS = ("parties", "places", "zones", "agreements", "provisions")



class _Bad(Exception):
    """A problem in one row; :func:`_at` turns it into Invalid naming the file and row."""


@contextmanager
def _at(where: str) -> Iterator[None]:
    try:
        yield
    except (_Bad, Invalid) as exc:
        message = exc.message if isinstance(exc, Invalid) else str(exc)
        raise Invalid(_("%(where)s: %(problem)s") % {"where": where, "problem": message}) from None


def _row(file: str, line: int) -> str:
    return _("%(file)s, line %(line)d") % {"file": file, "line": line}


# --- reading -----------------------------------------------------------------------------


def _read_text(directory: Traversable, name: str) -> str:
    entry = directory / name
    if not entry.is_file():
        raise Invalid(_("The profile has no %(file)s (looked in %(dir)s).") % {"file": name, "dir": str(directory)})
    try:
        return entry.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(_("%(file)s is not UTF-8 text (byte %(pos)d).") % {"file": name, "pos": exc.start}) from None


def _csv(directory: Traversable, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row, every value stripped, every column present."""
    reader = csv.DictReader(io.StringIO(_read_text(directory, name), newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise Invalid(_("%(file)s lacks the columns: %(cols)s.") % {"file": name, "cols": ", ".join(missing)})
    for row in reader:
        line = reader.line_num
        if None in row:
            raise Invalid(_("%(where)s: more values than columns.") % {"where": _row(name, line)})
        if any(value is None for value in row.values()):
            raise Invalid(_("%(where)s: fewer values than columns.") % {"where": _row(name, line)})
        yield line, {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _required(row: dict[str, Any], *names: str) -> None:
    for name in names:
        if not row.get(name):
            raise _Bad(_("“%(col)s” is empty.") % {"col": name})


def _choice(value: str, choices: list[str], column: str) -> str:
    if value not in choices:
        raise _Bad(_("“%(value)s” is not a valid %(col)s; use one of: %(choices)s.")
                   % {"value": value, "col": column, "choices": ", ".join(choices)})
    return value


def _float(value: str, column: str) -> float | None:
    if value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise _Bad(_("%(col)s “%(value)s” is not a number.") % {"col": column, "value": value}) from None


def _date(value: Any, column: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _Bad(_("%(col)s “%(value)s” is not a date (YYYY-MM-DD).") % {"col": column, "value": value}) from None


def _aliases(row: dict[str, str]) -> dict[str, list[str]]:
    """English then Arabic aliases, a name listed under both languages kept once (an alias is
    unique per party)."""
    seen: set[str] = set()
    out: dict[str, list[str]] = {"en": [], "ar": []}
    for lang in ("en", "ar"):
        for name in _split(row[f"aliases_{lang}"]):
            if name not in seen:
                seen.add(name)
                out[lang].append(name)
    return out


@dataclass
class PartyRow:
    where: str
    key: str
    values: dict[str, Any]
    aliases: dict[str, list[str]]
    sponsors: list[str]
    parent: str


def read_parties(directory: Traversable) -> list[PartyRow]:
    rows: list[PartyRow] = []
    for line, row in _csv(directory, PARTIES, PARTY_COLUMNS):
        where = _row(PARTIES, line)
        with _at(where):
            _required(row, "key", "name_en", "name_ar", "kind")
            _choice(row["kind"], Party.Kind.values, "kind")
            inter = int(_choice(row["acled_inter"], [str(v) for v in Party.Inter.values], "acled_inter")) \
                if row["acled_inter"] else None
            values = {"name_en": row["name_en"], "name_ar": row["name_ar"], "kind": row["kind"],
                      "acled_inter": inter, "notes": row["notes"], "source": row["source"]}
            rows.append(PartyRow(where, row["key"], values, _aliases(row), _split(row["sponsors"]), row["parent"]))
    _unique(rows)
    keys = {r.key for r in rows}
    for r in rows:
        with _at(r.where):
            for ref in [*r.sponsors, *([r.parent] if r.parent else [])]:
                if ref not in keys and not Party.objects.filter(key=ref).exists():
                    raise _Bad(_("no party has the key “%(key)s”.") % {"key": ref})
            if r.parent == r.key or r.key in r.sponsors:
                raise _Bad(_("a party cannot be its own parent or sponsor."))
    return rows


@dataclass
class PlaceRow:
    where: str
    key: str
    values: dict[str, Any]
    variants: list[str]


def read_places(directory: Traversable) -> list[PlaceRow]:
    rows: list[PlaceRow] = []
    for line, row in _csv(directory, PLACES, PLACE_COLUMNS):
        where = _row(PLACES, line)
        with _at(where):
            _required(row, "key", "name_en", "name_ar", "kind")
            lat, lon = _float(row["lat"], "lat"), _float(row["lon"], "lon")
            if (lat is None) != (lon is None):
                raise _Bad(_("give both lat and lon, or neither."))
            values = {"name_en": row["name_en"], "name_ar": row["name_ar"], "lat": lat, "lon": lon,
                      "kind": _choice(row["kind"], Place.Kind.values, "kind"),
                      "precision": _choice(row["precision"] or Precision.TOWN, Precision.values, "precision"),
                      "admin_area": row["admin_area"], "source": row["source"]}
            rows.append(PlaceRow(where, row["key"], values, _split(row["variants"])))
    _unique(rows)
    return rows


@dataclass
class ZoneRow:
    where: str
    key: str
    values: dict[str, Any]
    controlling_party: str | None


def read_zones(directory: Traversable) -> list[ZoneRow]:
    try:
        data = json.loads(_read_text(directory, ZONES))
    except json.JSONDecodeError as exc:
        raise Invalid(_("%(file)s is not valid JSON (line %(line)d: %(msg)s).")
                      % {"file": ZONES, "line": exc.lineno, "msg": exc.msg}) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise Invalid(_("%(file)s must be a GeoJSON FeatureCollection.") % {"file": ZONES})
    rows: list[ZoneRow] = []
    for number, feature in enumerate(data["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        key = props.get("key") if isinstance(props, dict) else None
        where = _("%(file)s, feature %(n)d (%(key)s)") % {"file": ZONES, "n": number, "key": key or "?"}
        with _at(where):
            if not isinstance(props, dict) or not isinstance(feature.get("geometry"), dict):
                raise _Bad(_("a feature needs properties and a geometry."))
            props = {k: ("" if v is None else v) for k, v in props.items()}
            _required(props, "key", "name_en", "name_ar", "kind")
            phase = props.get("phase") or 1
            if not isinstance(phase, int) or isinstance(phase, bool) or phase < 1:
                raise _Bad(_("phase must be a whole number from 1."))
            values = {"name_en": props["name_en"], "name_ar": props["name_ar"],
                      "kind": _choice(props["kind"], Zone.Kind.values, "kind"),
                      "status": _choice(props.get("status") or Zone.Status.PLANNED, Zone.Status.values, "status"),
                      "phase": phase, "geometry": feature["geometry"],
                      "description_en": props.get("description_en", ""),
                      "description_ar": props.get("description_ar", "")}
            rows.append(ZoneRow(where, str(props["key"]), values, props.get("controlling_party") or None))
    _unique(rows)
    return rows


@dataclass
class ProvisionRow:
    where: str
    number: str
    parent: str | None
    values: dict[str, Any]
    obligated: list[str]


@dataclass
class AgreementData:
    key: str
    values: dict[str, Any]
    provisions: list[ProvisionRow] = field(default_factory=list)


def _deadline(value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {"deadline_on": None, "deadline_relative": ""}
    text = str(value).strip()
    if text.startswith("+"):
        if not RELATIVE_DEADLINE.match(text):
            raise _Bad(_("deadline “%(value)s” is neither a date nor like “+3 months”.") % {"value": text})
        return {"deadline_on": None, "deadline_relative": text}
    return {"deadline_on": _date(text, "deadline"), "deadline_relative": ""}


def read_agreement(directory: Traversable) -> AgreementData:
    try:
        data = json.loads(_read_text(directory, AGREEMENT))
    except json.JSONDecodeError as exc:
        raise Invalid(_("%(file)s is not valid JSON (line %(line)d: %(msg)s).")
                      % {"file": AGREEMENT, "line": exc.lineno, "msg": exc.msg}) from None
    if not isinstance(data, dict):
        raise Invalid(_("%(file)s must be a JSON object.") % {"file": AGREEMENT})
    with _at(AGREEMENT):
        _required(data, "key", "title_en", "title_ar", "signed_on")
        timezone = data.get("timezone") or "UTC"
        try:
            zoneinfo.ZoneInfo(timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise _Bad(_("“%(tz)s” is not a time zone name.") % {"tz": timezone}) from None
        agreement = AgreementData(str(data["key"]), {
            "title_en": data["title_en"], "title_ar": data["title_ar"],
            "signed_on": _date(data["signed_on"], "signed_on"),
            "signed_at_en": data.get("signed_at_en") or "", "signed_at_ar": data.get("signed_at_ar") or "",
            "timezone": timezone, "source_url": data.get("source_url") or ""})
    with _at(_("%(file)s, parameters") % {"file": AGREEMENT}):
        agreement.values["parameters"] = parameters.clean(data.get("parameters"))
    with _at(AGREEMENT):
        if not isinstance(data.get("provisions", []), list):
            raise _Bad(_("provisions must be a list."))
    for index, item in enumerate(data.get("provisions", []), start=1):
        number = str(item.get("number", "")).strip() if isinstance(item, dict) else ""
        where = _("%(file)s, provision %(n)s") % {"file": AGREEMENT, "n": number or f"#{index}"}
        with _at(where):
            if not isinstance(item, dict):
                raise _Bad(_("a provision must be a JSON object."))
            item = {k: ("" if v is None else v) for k, v in item.items()}
            _required(item, "number", "text_en", "text_ar", "category")
            obligated = item.get("obligated_parties") or []
            if not isinstance(obligated, list):
                raise _Bad(_("obligated_parties must be a list of party keys."))
            values = {"title_en": item.get("title_en", ""), "title_ar": item.get("title_ar", ""),
                      "text_en": item["text_en"], "text_ar": item["text_ar"],
                      "category": _choice(item["category"], Provision.Category.values, "category"),
                      **_deadline(item.get("deadline")), "decided_on": _date(item.get("decided_on"), "decided_on"),
                      "source": item.get("source", ""),
                      "compliance_rule": _choice(item["compliance_rule"], [r for r, _l in COMPLIANCE_RULE_CHOICES],
                                                 "compliance_rule") if item.get("compliance_rule") else ""}
            parent = str(item["parent"]).strip() if item.get("parent") not in ("", None) else None
            agreement.provisions.append(ProvisionRow(where, number, parent, values, [str(k) for k in obligated]))
    agreement.provisions = _parents_first(agreement.provisions)
    return agreement


def _parents_first(rows: list[ProvisionRow]) -> list[ProvisionRow]:
    by_number = {}
    for r in rows:
        if r.number in by_number:
            raise Invalid(_("%(where)s: the number is used twice.") % {"where": r.where})
        by_number[r.number] = r
    ordered: list[ProvisionRow] = []
    placed: set[str] = set()

    def place(r: ProvisionRow, chain: tuple[str, ...]) -> None:
        if r.number in placed:
            return
        if r.parent is not None:
            with _at(r.where):
                if r.parent not in by_number:
                    raise _Bad(_("its parent “%(p)s” is not a provision of the agreement.") % {"p": r.parent})
                if r.parent in chain:
                    raise _Bad(_("its parents form a loop."))
            place(by_number[r.parent], (*chain, r.number))
        placed.add(r.number)
        ordered.append(r)

    for r in rows:
        place(r, (r.number,))
    return ordered


def _unique(rows: list[Any]) -> None:
    seen: set[str] = set()
    for r in rows:
        if r.key in seen:
            raise Invalid(_("%(where)s: the key “%(key)s” is used twice.") % {"where": r.where, "key": r.key})
        seen.add(r.key)


# --- writing -----------------------------------------------------------------------------


class _Tally:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.counts = {f"{kind}_{what}": 0 for kind in KINDS for what in ("created", "changed")}
        self.progress, self.total = progress, total

    def add(self, kind: str, *, created: bool, changed: bool, description: str) -> None:
        if created:
            self.counts[f"{kind}_created"] += 1
        elif changed:
            self.counts[f"{kind}_changed"] += 1
        if self.progress is not None:
            self.progress(1, self.total, description)


def _party(key: str, parties: dict[str, Party]) -> Party:
    if key not in parties:
        found = Party.objects.filter(key=key).first()
        if found is None:
            raise _Bad(_("no party has the key “%(key)s”.") % {"key": key})
        parties[key] = found
    return parties[key]


def load_directory(directory: Traversable | Path, progress: Progress | None = None) -> dict[str, int]:
    """Load the profile in ``directory`` as the system; returns the counts of records created and
    changed by kind (``places_created``, ``places_changed``, ...), all zero when nothing differed.

    A record counts once: created, or else changed. Raises Invalid naming the file and row.
    """
    party_rows = read_parties(directory)
    place_rows = read_places(directory)
    zone_rows = read_zones(directory)
    agreement = read_agreement(directory)
    known = {r.key for r in place_rows} | set(Place.objects.values_list("key", flat=True))
    missing = sorted(set(agreement.values["parameters"].get("embargo_bases", [])) - known)
    if missing:
        raise Invalid(_("%(file)s, parameters: embargo_bases names places that are not in the gazetteer: "
                        "%(keys)s.") % {"file": AGREEMENT, "keys": ", ".join(missing)})
    total = 2 * len(party_rows) + len(place_rows) + len(zone_rows) + 1 + len(agreement.provisions)
    tally = _Tally(progress, total)
    with transaction.atomic():
        parties = _write_parties(party_rows, tally)
        _write_places(place_rows, tally)
        _write_zones(zone_rows, parties, tally)
        _write_agreement(agreement, parties, tally)
    return tally.counts


def _write_parties(rows: list[PartyRow], tally: _Tally) -> dict[str, Party]:
    existing = set(Party.objects.values_list("key", flat=True))
    parties: dict[str, Party] = {}
    description = _("Parties")
    # First pass: every party exists; second: sponsors and parents, which name other rows.
    for r in rows:
        with _at(r.where):
            party, changed = upsert_party(r.key, r.values, r.aliases, None)
        parties[r.key] = party
        tally.add("parties", created=r.key not in existing, changed=changed, description=description)
    for r in rows:
        with _at(r.where):
            sponsors = [_party(k, parties) for k in r.sponsors]
            parent = _party(r.parent, parties) if r.parent else None
            _party_, changed = upsert_party(r.key, {**r.values, "parent": parent}, r.aliases, None,
                                            sponsors=sponsors)
        # A party created in the first pass counts as created, not also as changed.
        tally.add("parties", created=False, changed=changed and r.key in existing, description=description)
    return parties


def _write_places(rows: list[PlaceRow], tally: _Tally) -> None:
    existing = set(Place.objects.values_list("key", flat=True))
    description = _("Gazetteer")
    for r in rows:
        with _at(r.where):
            _place, changed = upsert_place(r.key, r.values, r.variants, None)
        tally.add("places", created=r.key not in existing, changed=changed, description=description)


def _write_zones(rows: list[ZoneRow], parties: dict[str, Party], tally: _Tally) -> None:
    existing = set(Zone.objects.values_list("key", flat=True))
    description = _("Zones")
    for r in rows:
        with _at(r.where):
            controller = _party(r.controlling_party, parties) if r.controlling_party else None
            _zone, changed = upsert_zone(r.key, {**r.values, "controlling_party": controller}, None)
        tally.add("zones", created=r.key not in existing, changed=changed, description=description)


def _write_agreement(data: AgreementData, parties: dict[str, Party], tally: _Tally) -> None:
    description = _("Agreement")
    created = not Agreement.objects.filter(key=data.key).exists()
    with _at(AGREEMENT):
        agreement, changed = upsert_agreement(data.key, data.values, None)
    tally.add("agreements", created=created, changed=changed, description=description)
    existing = set(agreement.provisions.values_list("number", flat=True))
    provisions: dict[str, Provision] = {}
    for r in data.provisions:
        with _at(r.where):
            obligated = [_party(k, parties) for k in r.obligated]
            parent = provisions[r.parent] if r.parent is not None else None
            provision, changed = upsert_provision(agreement, r.number, {**r.values, "parent": parent}, obligated,
                                                  None)
        provisions[r.number] = provision
        tally.add("provisions", created=r.number not in existing, changed=changed, description=description)
