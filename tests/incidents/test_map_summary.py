"""The map's summary (``raqib.incidents.mapcells``): kept exact by the database on every write,
and drawing the same map as counting the incidents."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from raqib.core import backup
from raqib.incidents import mapcells, queries
from raqib.incidents.models import Incident, MapCell
from raqib.incidents.services import IncidentData, create_incidents, update_incident
from raqib.verification.services import transition

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)
TOWNS = [(32.8872, 13.1913), (31.2089, 16.5887), (30.7554, 20.2263), (32.1167, 20.0667), (0.3, -0.4), (-0.2, 0.1)]
KINDS = [("ceasefire_violation", "shelling"), ("ceasefire_violation", "armed_clash"), ("foreign_forces", "arrival")]


def data(rng: random.Random, **overrides: Any) -> IncidentData:
    lat, lon = rng.choice(TOWNS)
    category, subtype = rng.choice(KINDS)
    values: dict[str, Any] = {
        "category": category, "subtype": subtype, "occurred_start": T0, "occurred_end": T0,
        "lat": round(lat + rng.uniform(-0.5, 0.5), 5), "lon": round(lon + rng.uniform(-0.5, 0.5), 5),
        "description_en": "Impacts heard."}
    values.update(overrides)
    return IncidentData(**values)


def test_the_summary_matches_a_fresh_count_after_every_kind_of_write(users, make_incident):
    rng = random.Random(3)
    chief, monitor = users["chief"], users["monitor"]
    made = [make_incident(lat=lat, lon=lon) for lat, lon in TOWNS]
    assert mapcells.differences() == []
    made += create_incidents([data(rng) for _ in range(40)], monitor)
    assert MapCell.objects.filter(level__in=mapcells.LEVELS).values("level").distinct().count() == len(mapcells.LEVELS)
    assert mapcells.differences() == []
    for incident in made[:5]:
        transition(incident.verification, "closed", chief, note="Duplicate of another report.")
    for incident in made[5:12]:
        transition(incident.verification, "triaged", chief)
        transition(incident.verification, "under_verification", chief)
    assert mapcells.differences() == []
    # Moved across a cell border, into another category, both at once.
    update_incident(made[6], {"lat": made[6].lat + 2.0}, chief)
    update_incident(made[7], {"category": "foreign_forces", "subtype": "arrival"}, chief)
    update_incident(made[8], {"lat": -10.0, "lon": -10.0, "category": "foreign_forces", "subtype": "arrival"}, chief)
    assert mapcells.differences() == []
    made[9].delete()  # its verification first, then the incident (as Django cascades)
    Incident.objects.filter(pk=made[1].pk).delete()
    # Written behind the services' back, with plain SQL, the summary still follows.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET lon = lon + 0.7 WHERE id = %s", [made[10].pk])
        cursor.execute("UPDATE verification_verification SET state = 'reviewed' WHERE incident_id = %s", [made[11].pk])
    assert mapcells.differences() == []


def test_a_summary_gone_wrong_is_found_and_rebuilt(make_incident):
    make_incident()
    MapCell.objects.filter(level=mapcells.LEVELS[0]).update(n=5)
    assert len(mapcells.differences()) == 1
    assert mapcells.rebuild() == MapCell.objects.count()
    assert mapcells.differences() == []


@pytest.mark.parametrize("zoom", [0, 2, 5, 8, 11])
def test_the_summary_draws_the_same_cells_as_counting_the_incidents(users, zoom):
    rng = random.Random(zoom)
    made = create_incidents([data(rng) for _ in range(80)], users["monitor"])
    for incident in made[:30]:
        transition(incident.verification, "triaged", users["chief"])
        if incident.pk % 2:
            transition(incident.verification, "under_verification", users["chief"])
    box = queries.cell_range((12.5, 30.0, 17.0, 33.5), zoom)
    for span, category, state in [(None, None, None), (None, "foreign_forces", None), (box, None, None),
                                  (box, "ceasefire_violation", None), (None, None, "under_verification"),
                                  (box, "ceasefire_violation", "triaged"), (None, None, "received")]:
        qs = Incident.objects.all() if category is None else Incident.objects.filter(category=category)
        if state is not None:
            qs = queries.in_state(qs, state)
        if span is not None:
            qs = queries.in_box(qs, *queries.cell_box(span, zoom))
        counted = queries.cells(qs, zoom, span=span)
        kept = mapcells.cells(zoom, span, category, state=state)
        assert counted
        assert [(c["x"], c["y"], c["count"], c["categories"], c["state"], c.get("id")) for c in kept] == \
            [(c["x"], c["y"], c["count"], c["categories"], c["state"], c.get("id")) for c in counted]
        for a, b in zip(kept, counted, strict=True):
            assert (a["lat"], a["lon"]) == pytest.approx((b["lat"], b["lon"]), abs=1.1e-5)
            assert a.get("verification_state") == b.get("verification_state")


def test_only_zooms_the_summary_keeps_are_drawn_from_it():
    assert [mapcells.level_for(z) for z in range(0, 14)] == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, None, None]


def test_a_restore_counts_the_summary_afresh_and_a_backup_does_not_carry_it(make_incident, tmp_path: Path):
    make_incident()
    make_incident(lat=32.1, lon=20.1, category="foreign_forces", subtype="arrival")
    before = sorted(MapCell.objects.exclude(n=0).values_list("level", "cx", "cy", "category", "n"))
    assert MapCell not in backup.backed_up_models()
    saved = tmp_path / "b.tgz"
    backup.backup(saved)
    MapCell.objects.all().delete()
    backup.restore(saved, force=True)
    assert sorted(MapCell.objects.values_list("level", "cx", "cy", "category", "n")) == before
    assert mapcells.differences() == []


def test_a_hand_count_of_the_cells_matches_the_summary_at_every_level(users):
    rng = random.Random(5)
    made = create_incidents([data(rng) for _ in range(50)], users["monitor"])
    for level in mapcells.LEVELS:
        expected = Counter((*queries.cell_of(i.lat, i.lon, level), i.category, "received") for i in made)
        kept = {(m.cx, m.cy, m.category, m.state): m.n for m in MapCell.objects.filter(level=level).exclude(n=0)}
        assert kept == dict(expected)


def test_the_dashboard_counts_open_verifications_per_state_as_counting_them_would(users, make_incident):
    from raqib.verification.models import Verification
    from raqib.web.queries.dashboard import open_by_state

    made = [make_incident(shared_with_jmc=bool(i % 2)) for i in range(9)]
    for incident in made[:4]:
        transition(incident.verification, "triaged", users["chief"])
    transition(made[4].verification, "closed", users["chief"], note="A duplicate.")
    counted = Counter(Verification.objects.exclude(state="closed").values_list("state", flat=True))
    assert {state: n for state, _label, n in open_by_state(users["chief"]) if n} == dict(counted)
    # A liaison officer sees the verifications of shared incidents only: counted, not summed.
    shared = Counter(Verification.objects.filter(incident__shared_with_jmc=True).exclude(state="closed")
                     .values_list("state", flat=True))
    assert {state: n for state, _label, n in open_by_state(users["liaison_gna"]) if n} == dict(shared)
