"""The sections fed by the mission modules: restrictions on freedom of movement (raqib.movement),
explosive hazards (raqib.hazards), foreign forces (raqib.forces), the arms embargo
(raqib.embargo). Each names the app it needs; without it the section says "no data".

Each module's records are imported inside the section's function, so this file loads whether or
not the app is installed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from raqib.reports import charts
from raqib.reports.registry import Section, register
from raqib.reports.sections.core import ALL, PERIODIC, loc, zone_names
from raqib.reports.spec import ReportSpec

# Public summary: a restriction names the party responsible once the mission has raised it with
# the Joint Military Commission (or it was resolved or recurs), not on first report.
PUBLIC_RESTRICTION_STATES = ("raised_with_jmc", "resolved", "recurring")
# Public summary: embargo events once referred to the Panel of Experts; force movements once verified.
PUBLIC_EMBARGO_STATES = ("referred_to_panel", "panel_finding")
LIST_LIMIT = 60


# --- restrictions on freedom of movement ---------------------------------------------------------


def movement(spec: ReportSpec) -> dict[str, Any]:
    from raqib.movement.models import Restriction

    lo, hi = spec.bounds()
    qs = Restriction.objects.filter(occurred_at__gte=lo, occurred_at__lt=hi)
    kinds = list(Restriction.Kind.choices)
    per_party: dict[int | None, Counter[str]] = {}
    party_id: int | None
    for party_id, kind, state, n in (qs.order_by().values_list("party", "kind", "state")
                                     .annotate(n=Count("pk")).values_list("party", "kind", "state", "n")):
        if spec.public and state not in PUBLIC_RESTRICTION_STATES:
            party_id = None
        per_party.setdefault(party_id, Counter())[kind] += n
    from raqib.actors.models import Party

    parties = Party.objects.in_bulk([p for p in per_party if p is not None])
    rows: list[dict[str, Any]] = []
    for party_id, counter in per_party.items():
        name = loc(parties[party_id], "name", spec.lang) if party_id is not None else _("not attributed")
        rows.append({"party": name, "counts": [counter.get(k, 0) for k, _l in kinds], "total": sum(counter.values())})
    rows.sort(key=lambda r: (-r["total"], r["party"]))
    items = []
    if spec.daily:
        names = zone_names(spec.lang)
        for r in qs.select_related("party", "place").order_by("occurred_at", "pk")[:LIST_LIMIT]:
            named = not spec.public or r.state in PUBLIC_RESTRICTION_STATES
            items.append({"at": timezone.localtime(r.occurred_at), "kind": r.get_kind_display(),
                          "place": loc(r.place, "name", spec.lang), "zone": names.get(r.zone_id, names[None]),
                          "party": loc(r.party, "name", spec.lang) if named and r.party else "",
                          "state": r.get_state_display()})
    return {"kinds": [str(label) for _k, label in kinds], "rows": rows, "items": items,
            "total": sum(r["total"] for r in rows)}


# --- explosive hazards -------------------------------------------------------------------------------


def hazards(spec: ReportSpec) -> dict[str, Any]:
    from raqib.hazards.models import EOAccident, EOVictim, HazardArea, LandRelease
    from raqib.hazards.services import counts_by_state, released_by_method

    names = zone_names(spec.lang)
    found = (HazardArea.objects.filter(reported_on__gte=spec.start, reported_on__lte=spec.end)
             .order_by("reported_on", "code"))
    releases = (LandRelease.objects.filter(finished_on__gte=spec.start, finished_on__lte=spec.end)
                .select_related("hazard").order_by("finished_on", "pk"))
    lo, hi = spec.bounds()
    accidents = EOAccident.objects.filter(occurred_at__gte=lo, occurred_at__lt=hi)
    victims = Counter(dict(EOVictim.objects.filter(accident__in=accidents).order_by().values_list("outcome")
                           .annotate(n=Count("pk")).values_list("outcome", "n")))
    released = releases.aggregate(m2=Sum("area_m2"), found=Sum("items_found"), destroyed=Sum("items_destroyed"))
    by_method = released_by_method(releases)
    method_labels = dict(LandRelease.Method.choices)
    state_labels = dict(HazardArea.State.choices)
    return {
        "found": [{"code": h.code, "name": h.name, "status": h.get_status_display(), "state": h.get_state_display(),
                   "zone": names.get(h.zone_id, names[None]), "area_m2": h.area_m2, "on": h.reported_on}
                  for h in found.select_related("zone")[:LIST_LIMIT]],
        "found_total": found.count(),
        "released": [{"code": r.hazard.code, "method": r.get_method_display(), "outcome": r.get_outcome_display(),
                      "area_m2": r.area_m2, "items_found": r.items_found, "items_destroyed": r.items_destroyed,
                      "on": r.finished_on, "operator": "" if spec.public else r.operator}
                     for r in releases[:LIST_LIMIT]],
        "released_m2": int(released["m2"] or 0),
        "items_found": int(released["found"] or 0),
        "items_destroyed": int(released["destroyed"] or 0),
        "by_method": [{"label": str(method_labels[m]), "m2": n} for m, n in by_method.items()],
        "states": [{"label": str(state_labels[s]), "n": n} for s, n in counts_by_state().items()],
        "accidents": accidents.count(),
        "victims": [{"label": str(label), "n": victims.get(key, 0)} for key, label in EOVictim.Outcome.choices],
    }


# --- foreign forces ------------------------------------------------------------------------------------


def forces(spec: ReportSpec) -> dict[str, Any]:
    from raqib.agreements.parameters import foreign_forces_baseline
    from raqib.forces.models import ForceMovement
    from raqib.forces.services import series, total_estimate

    moves = (ForceMovement.objects.filter(occurred_on__gte=spec.start, occurred_on__lte=spec.end)
             .select_related("contingent", "from_place", "to_place").order_by("occurred_on", "pk"))
    unverified = 0
    if spec.public:
        unverified = moves.exclude(state="verified").count()
        moves = moves.filter(state="verified")
    sums = {k: (n, low or 0, high or 0) for k, n, low, high in moves.order_by().values_list("kind").annotate(
        n=Count("pk"), low=Sum("personnel_min"), high=Sum("personnel_max")).values_list("kind", "n", "low", "high")}
    kind_rows = [{"label": str(label), "n": sums.get(key, (0, 0, 0))[0], "personnel": sums.get(key, (0, 0, 0))[1:]}
                 for key, label in ForceMovement.Kind.choices]
    items = [{"on": m.occurred_on, "contingent": loc(m.contingent, "name", spec.lang), "kind": m.get_kind_display(),
              "personnel": (m.personnel_min, m.personnel_max), "from": loc(m.from_place, "name", spec.lang),
              "to": loc(m.to_place, "name", spec.lang), "state": m.get_state_display()}
             for m in moves[:LIST_LIMIT]]
    baseline = foreign_forces_baseline()
    estimate = total_estimate(spec.end)
    context: dict[str, Any] = {"items": items, "kinds": kind_rows, "unverified": unverified,
                               "estimate": estimate, "baseline": baseline, "chart": ""}
    if baseline is not None:
        context["withdrawn_share"] = _share(baseline.maximum, estimate[1])
        if baseline.deadline is not None:
            context["days_to_deadline"] = (baseline.deadline - spec.end).days
    if not spec.daily:
        start = min(spec.start, baseline.as_of) if baseline is not None else spec.start
        step = max(1, (spec.end - start).days // 60)
        points = series(start, spec.end, step)
        days = [p["date"] for p in points]
        band = (baseline.minimum, baseline.maximum) if baseline is not None else None
        marker = baseline.deadline if baseline is not None and baseline.deadline and \
            start <= baseline.deadline <= spec.end else None
        chart = charts.line(days, [[p["minimum"] for p in points], [p["maximum"] for p in points]],
                            band=band, marker=marker)
        context["chart"] = chart.data_uri
        context["chart_colours"] = chart.colours
    return context


def _share(baseline: int, now: int) -> int | None:
    """The percentage of the baseline's foreign personnel gone (by the upper estimates)."""
    if baseline <= 0:
        return None
    return max(0, min(100, round((baseline - now) * 100 / baseline)))


# --- the arms embargo ------------------------------------------------------------------------------------


def embargo(spec: ReportSpec) -> dict[str, Any]:
    from raqib.embargo.models import EmbargoEvent

    lo, hi = spec.bounds()
    qs = EmbargoEvent.objects.filter(occurred_at__gte=lo, occurred_at__lt=hi)
    if spec.public:
        qs = qs.filter(state__in=PUBLIC_EMBARGO_STATES)
    states = list(EmbargoEvent.State.choices)
    grid = Counter({(v, s): n for v, s, n in qs.order_by().values_list("vector", "state").annotate(n=Count("pk"))
                    .values_list("vector", "state", "n")})
    rows = [{"vector": str(vlabel), "counts": [grid.get((v, s), 0) for s, _l in states],
             "total": sum(grid.get((v, s), 0) for s, _l in states)} for v, vlabel in EmbargoEvent.Vector.choices]
    listed = qs if spec.daily and not spec.public else qs.filter(state__in=PUBLIC_EMBARGO_STATES)
    items = []
    for e in listed.select_related("destination", "supplier", "recipient").order_by("occurred_at", "pk")[:LIST_LIMIT]:
        item = {"at": timezone.localtime(e.occurred_at), "vector": e.get_vector_display(),
                "destination": loc(e.destination, "name", spec.lang), "state": e.get_state_display()}
        if not spec.public:
            item["craft"] = e.vessel_name or e.registration or e.callsign or e.track_identifier
            item["supplier"] = loc(e.supplier, "name", spec.lang)
            item["recipient"] = loc(e.recipient, "name", spec.lang)
        items.append(item)
    referred = qs.filter(Q(state__in=PUBLIC_EMBARGO_STATES)).count()
    return {"states": [str(label) for _s, label in states], "rows": rows, "items": items,
            "total": sum(r["total"] for r in rows), "referred": referred}


register(Section("movement", gettext_lazy("Restrictions on freedom of movement"), "reports/sections/movement.html",
                 movement, ALL, needs="raqib.movement", order=60))
register(Section("hazards", gettext_lazy("Explosive hazards"), "reports/sections/hazards.html", hazards, ALL,
                 needs="raqib.hazards", order=70))
register(Section("forces", gettext_lazy("Foreign forces"), "reports/sections/forces.html", forces, ALL,
                 needs="raqib.forces", order=75))
register(Section("embargo", gettext_lazy("Arms embargo"), "reports/sections/embargo.html", embargo, PERIODIC,
                 needs="raqib.embargo", order=80))

