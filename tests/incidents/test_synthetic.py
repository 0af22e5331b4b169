"""``raqib demo --incidents N``: synthetic incidents for benchmarks, written through the bulk path."""

from __future__ import annotations

import pytest

from raqib.cli.demo import synthetic_incidents
from raqib.core import audit
from raqib.geo.services import upsert_place
from raqib.incidents.models import Incident
from raqib.verification.models import Verification

pytestmark = pytest.mark.django_db


def test_n_synthetic_incidents_are_written_with_their_audit_entries(parties, users):
    for key, lat, lon in (("sirte", 31.2089, 16.5887), ("misrata", 32.3754, 15.0925)):
        upsert_place(key, {"name_en": key.title(), "name_ar": key, "lat": lat, "lon": lon, "kind": "city"}, [], None)
    steps: list[int] = []
    assert synthetic_incidents(1234, lambda n=1, total=None, description="": steps.append(n)) == 1234
    assert sum(steps) == 1234 and max(steps) == 1000
    assert Incident.objects.filter(synthetic=True).count() == 1234 == Verification.objects.count()
    assert Incident.objects.filter(lat__gte=30.9, lat__lte=32.7).count() == 1234
    assert list(audit.verify()) == []


def test_without_towns_nothing_is_written(db):
    import click

    with pytest.raises(click.ClickException, match="towns"):
        synthetic_incidents(10, lambda *a, **k: None)
    assert not Incident.objects.exists()
