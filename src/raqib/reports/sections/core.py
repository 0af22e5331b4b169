"""The core sections: what the platform itself holds (incidents, observations, verification,
zones, the agreement's provisions) and the map of the period."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raqib.agreements.models import Provision
from raqib.core import taxonomy
from raqib.core.models import AuditEntry
from raqib.geo.models import Zone
from raqib.incidents.models import Incident, Observation
from raqib.reports import charts, maps, redaction
from raqib.reports.registry import Section, register
from raqib.reports.spec import ReportSpec, day_bounds
from raqib.verification.models import Verification

ALL = ("daily", "periodic", "public")
PERIODIC = ("periodic", "public")
# Notable incidents: with casualties, or at least this severe (a daily report is the finer
# grained); this many at most, the most severe first.
NOTABLE_SEVERITY = {"daily": Incident.Severity.MODERATE, "periodic": Incident.Severity.HIGH,
                    "public": Incident.Severity.HIGH}
NOTABLE_LIMIT = {"daily": 40, "periodic": 30, "public": 30}
EVENT_LABELS = dict(Observation.EventClass.choices)
STATE_LABELS = dict(Verification.State.choices)
OUTCOME_LABELS = dict(Verification.Outcome.choices)


def loc(obj: Any, field_name: str, lang: str) -> str:
    if obj is None:
        return ""
    value = getattr(obj, f"{field_name}_{lang}", "")
    return value or getattr(obj, f"{field_name}_en", "") or getattr(obj, f"{field_name}_ar", "")


def incidents_between(lo: dt.datetime, hi: dt.datetime) -> QuerySet[Incident]:
    return Incident.objects.filter(occurred_start__gte=lo, occurred_start__lt=hi)


def incidents_in(spec: ReportSpec) -> QuerySet[Incident]:
    return incidents_between(*spec.bounds())


def observations_in(spec: ReportSpec) -> QuerySet[Observation]:
    lo, hi = spec.bounds()
    return Observation.objects.filter(observed_start__gte=lo, observed_start__lt=hi)


def zone_names(lang: str) -> dict[int | None, str]:
    names: dict[int | None, str] = {z.pk: loc(z, "name", lang) for z in Zone.objects.all()}
    names[None] = _("outside the zones")
    return names


def category_label(key: str) -> str:
    category = taxonomy.BY_KEY.get(key)
    return str(category.label) if category else key


def subtype_label(category: str, key: str) -> str:
    cat = taxonomy.BY_KEY.get(category)
    sub = cat.subtype(key) if cat else None
    return str(sub.label) if sub else key


def _counts(qs: QuerySet[Any], field: str) -> Counter[Any]:
    return Counter(dict(qs.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")))


def _compare(current: Counter[Any], previous: Counter[Any], week: Counter[Any] | None,
             keys: list[Any], label: Any) -> list[dict[str, Any]]:
    rows = []
    for key in keys:
        n, before = current.get(key, 0), previous.get(key, 0)
        if not n and not before and not (week and week.get(key)):
            continue
        row = {"label": label(key), "n": n, "previous": before, "change": n - before}
        if week is not None:
            row["average"] = round(week.get(key, 0) / 7, 1)
        rows.append(row)
    return rows


def _total(rows: list[dict[str, Any]], week: bool) -> dict[str, Any]:
    total = {"n": sum(r["n"] for r in rows), "previous": sum(r["previous"] for r in rows)}
    total["change"] = total["n"] - total["previous"]
    if week:
        total["average"] = round(sum(r["average"] for r in rows), 1)
    return total


# --- summary -----------------------------------------------------------------------------------


def summary(spec: ReportSpec) -> dict[str, Any]:
    incidents = incidents_in(spec)
    totals = incidents.aggregate(n=Count("pk"), killed_min=Coalesce(Sum("killed_min"), 0),
                                 killed_max=Coalesce(Sum("killed_max"), 0),
                                 injured_min=Coalesce(Sum("injured_min"), 0),
                                 injured_max=Coalesce(Sum("injured_max"), 0))
    verified = incidents.filter(redaction.VERIFIED).count()
    return {
        "incidents": totals["n"],
        "observations": observations_in(spec).count(),
        "killed": (totals["killed_min"], totals["killed_max"]),
        "injured": (totals["injured_min"], totals["injured_max"]),
        "verified": verified,
        "zones_active": Zone.objects.filter(status=Zone.Status.ACTIVE).count(),
    }


# --- counts by category and zone against the previous period ----------------------------------


def counts(spec: ReportSpec) -> dict[str, Any]:
    """Incidents and observations by category (event) and zone, against the previous period.

    A daily report compares with the previous day and with the average day of the seven days
    before; a periodic report compares with the period of the same length just before it.
    """
    previous = spec.previous()
    week_lo, week_hi = day_bounds(spec.start - dt.timedelta(days=7), spec.start - dt.timedelta(days=1))
    weekly = spec.daily

    inc, inc_prev = incidents_in(spec), incidents_in(previous)
    inc_week = incidents_between(week_lo, week_hi) if weekly else None
    categories = [c.key for c in taxonomy.CATEGORIES]
    by_category = _compare(_counts(inc, "category"), _counts(inc_prev, "category"),
                           _counts(inc_week, "category") if inc_week is not None else None,
                           categories, category_label)
    names = zone_names(spec.lang)
    zone_keys: list[int | None] = [*Zone.objects.values_list("pk", flat=True), None]
    by_zone = _compare(_counts(inc, "zone"), _counts(inc_prev, "zone"),
                       _counts(inc_week, "zone") if inc_week is not None else None, zone_keys, names.__getitem__)

    obs, obs_prev = observations_in(spec), observations_in(previous)
    obs_week = (Observation.objects.filter(observed_start__gte=week_lo, observed_start__lt=week_hi)
                if weekly else None)
    events = list(Observation.EventClass.values)
    obs_by_event = _compare(_counts(obs, "event_class"), _counts(obs_prev, "event_class"),
                            _counts(obs_week, "event_class") if obs_week is not None else None,
                            events, lambda k: str(EVENT_LABELS.get(k, k)))
    obs_by_zone = _compare(_obs_zones(obs), _obs_zones(obs_prev), _obs_zones(obs_week) if obs_week is not None else None,
                           zone_keys, names.__getitem__)
    return {
        "weekly": weekly,
        "previous_days": previous.days,
        "by_category": by_category, "by_category_total": _total(by_category, weekly),
        "by_zone": by_zone, "by_zone_total": _total(by_zone, weekly),
        "obs_by_event": obs_by_event, "obs_by_event_total": _total(obs_by_event, weekly),
        "obs_by_zone": obs_by_zone, "obs_by_zone_total": _total(obs_by_zone, weekly),
    }


def _obs_zones(qs: QuerySet[Observation]) -> Counter[Any]:
    """An observation counts in the zone of its incident, else in its team's zone."""
    rows = (qs.order_by().annotate(z=Coalesce("incident__zone", "team__zone")).values_list("z")
            .annotate(n=Count("pk")).values_list("z", "n"))
    return Counter(dict(rows))


# --- notable incidents ---------------------------------------------------------------------------


def notable(spec: ReportSpec) -> dict[str, Any]:
    limit = NOTABLE_LIMIT[spec.kind]
    qs = (incidents_in(spec)
          .filter(Q(severity__gte=NOTABLE_SEVERITY[spec.kind]) | Q(killed_max__gt=0) | Q(injured_max__gt=0))
          .select_related("verification__attributed_party", "zone", "place")
          .prefetch_related("party_roles__party")
          .order_by("-severity", "occurred_start", "pk"))
    total = qs.count()
    names = zone_names(spec.lang)
    teams: dict[int, list[str]] = defaultdict(list)
    rows = list(qs[:limit])
    if not spec.public:
        for incident_id, team in (Observation.objects.filter(incident__in=[i.pk for i in rows], team__isnull=False)
                                  .values_list("incident_id", "team__name").distinct().order_by("team__name")):
            teams[incident_id].append(team)
    return {"total": total, "shown": len(rows), "rows": [_incident_row(i, spec, names, teams.get(i.pk, []))
                                                         for i in rows]}


def _incident_row(incident: Incident, spec: ReportSpec, names: dict[int | None, str],
                  teams: list[str]) -> dict[str, Any]:
    verification: Verification | None = getattr(incident, "verification", None)
    state = verification.state if verification else "received"
    outcome = verification.outcome if verification else ""
    lat, lon, precise = redaction.location(incident, spec.public)
    row: dict[str, Any] = {
        "reference": incident.reference,
        "at": timezone.localtime(incident.occurred_start),
        "category": category_label(incident.category),
        "subtype": subtype_label(incident.category, incident.subtype),
        "severity": incident.get_severity_display(),
        "zone": names.get(incident.zone_id, names[None]),
        "place": loc(incident.place, "name", spec.lang) if precise else "",
        # Strings, not floats: a localised template would write "31,209".
        "lat": f"{lat:.3f}" if precise else f"{lat:.2f}", "lon": f"{lon:.3f}" if precise else f"{lon:.2f}",
        "precise": precise,
        "killed": (incident.killed_min, incident.killed_max),
        "injured": (incident.injured_min, incident.injured_max),
        "state": str(STATE_LABELS.get(state, state)),
        "outcome": str(OUTCOME_LABELS.get(outcome, "")) if outcome else "",
        "attribution": redaction.attribution(incident, spec),
    }
    if not spec.public:
        row["description"] = loc(incident, "description", spec.lang)
        row["teams"] = teams
    return row


# --- verification --------------------------------------------------------------------------------


def verification(spec: ReportSpec) -> dict[str, Any]:
    incidents = incidents_in(spec)
    states = _counts(Verification.objects.filter(incident__in=incidents), "state")
    outcomes = _counts(Verification.objects.filter(incident__in=incidents, state="closed").exclude(outcome=""),
                       "outcome")
    no_record = incidents.filter(verification__isnull=True).count()
    if no_record:
        states["received"] += no_record
    return {
        "states": [{"label": str(label), "n": states.get(key, 0)} for key, label in Verification.State.choices],
        "outcomes": [{"label": str(label), "n": outcomes.get(key, 0)} for key, label in Verification.Outcome.choices],
        "total": sum(states.values()),
    }


# --- zones and their phases ------------------------------------------------------------------------


def zones(spec: ReportSpec) -> dict[str, Any]:
    lo, hi = spec.bounds()
    per_zone = _counts(incidents_in(spec), "zone")
    moves: dict[str, list[dict[str, Any]]] = defaultdict(list)
    entries = AuditEntry.objects.filter(model="geo.zone", action=AuditEntry.Action.UPDATE, at__gte=lo, at__lt=hi)
    status_labels = dict(Zone.Status.choices)
    for entry in entries.order_by("seq"):
        before = str((entry.before or {}).get("status", ""))
        after = str((entry.after or {}).get("status", ""))
        if before != after:
            moves[entry.object_id].append({"at": timezone.localtime(entry.at),
                                           "from": str(status_labels.get(before, before)),
                                           "to": str(status_labels.get(after, after))})
    rows = []
    for zone in Zone.objects.select_related("controlling_party").order_by("phase", "key"):
        rows.append({"name": loc(zone, "name", spec.lang), "kind": zone.get_kind_display(), "phase": zone.phase,
                     "status": zone.get_status_display(), "incidents": per_zone.get(zone.pk, 0),
                     "moves": moves.get(str(zone.pk), [])})
    return {"rows": rows}


# --- the agreement's provisions ----------------------------------------------------------------------


def provisions(spec: ReportSpec) -> dict[str, Any]:
    """The provisions of the agreement with their compliance status on the last day of the period
    (from ``raqib.agreements.compliance`` when the agreements app tracks it) and how many of the
    period's incidents concern each."""
    statuses = _provision_statuses(spec.end)
    incidents = incidents_in(spec)
    concerned = Counter(dict(Provision.objects.filter(incidents__in=incidents).order_by()
                             .values_list("pk").annotate(n=Count("incidents")).values_list("pk", "n")))
    rows = []
    for provision in Provision.objects.select_related("agreement").order_by("agreement__signed_on", "pk"):
        status = statuses.get(provision.pk)
        rows.append({"number": provision.number, "title": loc(provision, "title", spec.lang)
                     or loc(provision, "text", spec.lang)[:140],
                     "deadline": provision.deadline(), "status": status[1] if status else "",
                     "status_key": status[0] if status else "", "incidents": concerned.get(provision.pk, 0)})
    return {"rows": rows, "tracked": bool(statuses)}


def _provision_statuses(on: dt.date) -> dict[int, tuple[str, str]]:
    """Compliance status by provision pk, as (key, label); empty when the agreements app does not
    track compliance."""
    try:
        from raqib.agreements.compliance import provision_statuses
    except ImportError:
        return {}
    return {row.provision.pk: (row.status, row.status_label) for row in provision_statuses(on)}


# --- trends ----------------------------------------------------------------------------------------


def trends(spec: ReportSpec) -> dict[str, Any]:
    days = [spec.start + dt.timedelta(days=i) for i in range(spec.days)]
    per_day: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    tz = timezone.get_current_timezone()
    for category, start in incidents_in(spec).values_list("category", "occurred_start").iterator():
        index = (start.astimezone(tz).date() - spec.start).days
        if 0 <= index < len(days):
            per_day[category][index] += 1
    order = [c.key for c in taxonomy.CATEGORIES if c.key in per_day]
    series = [(category_label(k), per_day[k]) for k in order]
    obs_per_day = [0] * len(days)
    for start in observations_in(spec).values_list("observed_start", flat=True).iterator():
        index = (start.astimezone(tz).date() - spec.start).days
        if 0 <= index < len(days):
            obs_per_day[index] += 1
    incidents_chart = charts.stacked_bars(days, [s for _l, s in series])
    return {
        "incidents_chart": incidents_chart.data_uri,
        "legend": [{"label": label, "colour": colour} for (label, _s), colour in zip(series, incidents_chart.colours,
                                                                                       strict=False)],
        "observations_chart": charts.line(days, [obs_per_day]).data_uri,
    }


# --- the map ----------------------------------------------------------------------------------------


def day_map(spec: ReportSpec) -> dict[str, Any]:
    points = []
    qs = incidents_in(spec).select_related("verification").only("lat", "lon", "category", "verification__state",
                                                                 "verification__outcome")
    for incident in qs.iterator(chunk_size=2000):
        lat, lon, _precise = redaction.location(incident, spec.public)
        points.append((lat, lon, incident.category))
    drawn = maps.draw(spec.lang, points)
    return {"svg": drawn.svg, "legend": drawn.legend, "labels": drawn.labels}


register(Section("summary", gettext_lazy("Summary"), "reports/sections/summary.html", summary, ALL, order=10))
register(Section("counts", gettext_lazy("Incidents and observations"), "reports/sections/counts.html", counts, ALL,
                 order=20))
register(Section("trends", gettext_lazy("Trends"), "reports/sections/trends.html", trends, PERIODIC, order=25))
register(Section("map", gettext_lazy("Map"), "reports/sections/map.html", day_map, ALL, order=30))
register(Section("notable", gettext_lazy("Notable incidents"), "reports/sections/notable.html", notable, ALL,
                 order=40))
register(Section("verification", gettext_lazy("Verification"), "reports/sections/verification.html", verification,
                 ALL, order=50))
register(Section("provisions", gettext_lazy("The agreement's provisions"), "reports/sections/provisions.html",
                 provisions, PERIODIC, order=90))
register(Section("zones", gettext_lazy("Zones and phases"), "reports/sections/zones.html", zones, ALL, order=95))

