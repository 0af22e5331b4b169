"""Flight and vessel track files: reading them (hostile input) and finding arrivals at bases.

No database here: :func:`parse` turns the bytes into points or refuses the file naming the line;
:func:`arrivals` walks each platform's points in time order and returns one :class:`Arrival`
per arrival at a base.

The file is CSV, UTF-8, with exactly one of these headers::

    identifier,time,lat,lon,altitude_ft     (aircraft: air)
    identifier,time,lat,lon,speed_kn        (vessels: sea)

``time`` is ISO 8601 with a UTC offset (``2021-01-10T08:00:00Z``, ``...+02:00``).
``altitude_ft`` is the altitude in feet as the tracking source gives it (sources give 0, or
the word ``ground``, on the ground); ``speed_kn`` the speed over ground in knots.

An *arrival* at a base: the platform comes within ``RADIUS_KM`` of the base (3 km for aircraft,
2 km for vessels) while on the ground or stopped (altitude at most 1000 ft; speed at most
5 knots), having not been there at its previous point. It stays at the base until a point lies
outside the radius; a point within the radius but airborne or under way (a take-off, an
overflight) neither arrives nor leaves. A track that *begins* on the ground at a base records no
arrival there (the platform was already there before the track begins).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from raqib.core.errors import Invalid

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
MAX_IDENTIFIER = 40

HEADERS = {
    "air": ("identifier", "time", "lat", "lon", "altitude_ft"),
    "sea": ("identifier", "time", "lat", "lon", "speed_kn"),
}
RADIUS_KM = {"air": 3.0, "sea": 2.0}
ON_GROUND_FT = 1000.0
STOPPED_KN = 5.0
# Bounds a real track stays within; anything beyond is a broken file.
ALTITUDE_RANGE = (-2000.0, 100_000.0)
SPEED_RANGE = (0.0, 1000.0)
EARTH_KM = 6371.0088
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Point:
    identifier: str
    time: dt.datetime
    lat: float
    lon: float
    value: float  # altitude in feet (air) or speed in knots (sea)
    line: int


@dataclass(frozen=True)
class Track:
    vector: str
    points: list[Point]

    @property
    def platforms(self) -> int:
        return len({p.identifier for p in self.points})


@dataclass(frozen=True)
class Base:
    """A watched arrival point: a place's id, name and position."""

    id: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Arrival:
    identifier: str
    base: Base
    point: Point
    distance_km: float


def parse(data: bytes, vector: str | None = None) -> Track:
    """The points of a track file, or :class:`Invalid` naming the first wrong line.

    ``vector`` (air or sea), when given, must agree with the header; otherwise the header says.
    """
    if vector is not None and vector not in HEADERS:
        raise Invalid(_("The vector of a track file is “air” or “sea”."))
    if len(data) > MAX_BYTES:
        raise Invalid(_("The track file is larger than %(n)d MB.") % {"n": MAX_BYTES // (1024 * 1024)})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(_("The track file is not UTF-8 text (byte %(n)d).") % {"n": exc.start}) from None
    if UNSTORABLE.search(text.replace("\t", "")):
        raise Invalid(_("The track file contains control characters; it is not a CSV text file."))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise Invalid(_("Line 1: %(error)s.") % {"error": exc}) from None
    found = tuple(h.strip().lower() for h in header) if header else ()
    kind = next((k for k, h in HEADERS.items() if h == found), None)
    if kind is None:
        raise Invalid(_("Line 1: the header must be exactly “%(air)s” (aircraft) or “%(sea)s” (vessels).")
                      % {"air": ",".join(HEADERS["air"]), "sea": ",".join(HEADERS["sea"])})
    if vector is not None and vector != kind:
        raise Invalid(_("Line 1: the header is that of a %(found)s track, but a %(asked)s track was asked for.")
                      % {"found": kind, "asked": vector})
    points: list[Point] = []
    try:
        for row in reader:
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(points) >= MAX_ROWS:
                raise Invalid(_("The track file has more than %(n)d rows.") % {"n": MAX_ROWS})
            points.append(_point(row, line, kind))
    except csv.Error as exc:
        raise Invalid(_("Line %(line)d: %(error)s.") % {"line": reader.line_num, "error": exc}) from None
    if not points:
        raise Invalid(_("The track file has a header but no rows."))
    return Track(kind, points)


def _point(row: Sequence[str], line: int, kind: str) -> Point:
    def fail(message: str) -> Invalid:
        return Invalid(_("Line %(line)d: %(error)s") % {"line": line, "error": message})

    if len(row) != 5:
        raise fail(_("expected 5 values, found %(n)d.") % {"n": len(row)})
    identifier, time_text, lat_text, lon_text, value_text = (cell.strip() for cell in row)
    if not identifier:
        raise fail(_("the identifier is empty."))
    if len(identifier) > MAX_IDENTIFIER:
        raise fail(_("the identifier is longer than %(n)d characters.") % {"n": MAX_IDENTIFIER})
    try:
        moment = dt.datetime.fromisoformat(time_text)
    except ValueError:
        raise fail(_("the time “%(value)s” is not ISO 8601 (e.g. 2021-01-10T08:00:00Z).")
                   % {"value": time_text[:40]}) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise fail(_("the time needs a UTC offset, e.g. 2021-01-10T08:00:00Z or +02:00."))
    if not 1900 <= moment.year <= 2200:
        raise fail(_("the time is out of range."))
    moment = moment.astimezone(dt.UTC)
    lat = _number(lat_text, fail, _("latitude"), -90.0, 90.0)
    lon = _number(lon_text, fail, _("longitude"), -180.0, 180.0)
    if kind == "air":
        if value_text.lower() == "ground":
            value = 0.0
        else:
            value = _number(value_text, fail, _("altitude"), *ALTITUDE_RANGE)
    else:
        value = _number(value_text, fail, _("speed"), *SPEED_RANGE)
    return Point(identifier, moment, lat, lon, value, line)


def _number(text: str, fail: Callable[[str], Invalid], name: str, low: float, high: float) -> float:
    if not NUMBER.match(text) or len(text) > 30:
        raise fail(_("the %(name)s “%(value)s” is not a number.") % {"name": name, "value": text[:30]})
    value = float(text)
    if not (math.isfinite(value) and low <= value <= high):
        raise fail(_("the %(name)s %(value)s is outside %(low)g to %(high)g.")
                   % {"name": name, "value": text, "low": low, "high": high})
    return value


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def on_ground(vector: str, point: Point) -> bool:
    """On the ground (aircraft) or stopped (vessel)."""
    return point.value <= (ON_GROUND_FT if vector == "air" else STOPPED_KN)


def arrivals(track: Track, bases: Iterable[Base]) -> list[Arrival]:
    """One :class:`Arrival` per arrival of a platform at a base (see the module's docstring),
    in the order of the platforms' identifiers, then of time."""
    watched = list(bases)
    radius = RADIUS_KM[track.vector]
    by_platform: dict[str, list[Point]] = {}
    for point in track.points:
        by_platform.setdefault(point.identifier, []).append(point)
    found: list[Arrival] = []
    for identifier in sorted(by_platform):
        # Stable: points at the same moment keep the file's order.
        points = sorted(by_platform[identifier], key=lambda p: p.time)
        at: Base | None = None
        for index, point in enumerate(points):
            nearest = _nearest(point, watched, radius)
            if nearest is not None and on_ground(track.vector, point):
                base, km = nearest
                if at != base and index > 0:
                    found.append(Arrival(identifier, base, point, km))
                at = base
            elif at is not None and distance_km(point.lat, point.lon, at.lat, at.lon) > radius:
                at = None
    return found


def _nearest(point: Point, bases: list[Base], radius: float) -> tuple[Base, float] | None:
    best: tuple[Base, float] | None = None
    for base in bases:
        # A cheap box first: one degree of latitude is about 111 km.
        if abs(base.lat - point.lat) > radius / 100:
            continue
        km = distance_km(point.lat, point.lon, base.lat, base.lon)
        if km <= radius and (best is None or km < best[1]):
            best = (base, km)
    return best
