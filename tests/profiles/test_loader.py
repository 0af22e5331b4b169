from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from raqib import profiles
from raqib.actors.models import Alias, Party
from raqib.agreements.models import Agreement, Provision
from raqib.core import audit
from raqib.core.errors import Invalid, NotFound
from raqib.core.models import AuditEntry
from raqib.geo.models import Place, Zone
from raqib.geo.services import search_places, transition_zone
from raqib.incidents.services import IncidentData, create_incident
from raqib.profiles.loader import load_directory

TINY = Path(__file__).parent / "fixtures" / "tiny"
LIBYA = Path(profiles.__file__).parent / "libya_2020" / "data"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A copy of the tiny fixture profile, to break one file at a time."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def _replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


# --- the registry ------------------------------------------------------------------------


def test_it_offers_the_built_in_profile() -> None:
    assert "libya-2020" in profiles.available()


def test_an_unknown_profile_is_not_found_and_the_error_lists_the_available_ones(db: Any) -> None:
    with pytest.raises(NotFound) as caught:
        profiles.load("atlantis-1999")
    assert "atlantis-1999" in caught.value.message
    assert "libya-2020" in caught.value.message


def test_a_third_party_profile_is_registered_and_loaded_like_the_built_in_one(db: Any, monkeypatch: Any) -> None:
    def load_tiny(progress: profiles.Progress | None = None) -> dict[str, int]:
        return load_directory(TINY, progress)

    monkeypatch.setattr(profiles, "_registry", dict(profiles._registry))
    profiles.register("tiny", load_tiny)

    counts = profiles.load("tiny")

    assert "tiny" in profiles.available()
    assert counts["parties_created"] == 5 and counts["places_created"] == 3 and counts["zones_created"] == 2
    assert counts["agreements_created"] == 1 and counts["provisions_created"] == 3
    assert not any(v for k, v in counts.items() if k.endswith("_changed"))
    with pytest.raises(ValueError):
        profiles.register("tiny", load_tiny)


# --- loading the tiny fixture profile ----------------------------------------------------


def test_it_links_sponsors_and_parents_in_a_second_pass(db: Any) -> None:
    load_directory(TINY)

    assert [p.key for p in Party.objects.get(key="wagner").sponsors.all()] == ["russia"]
    assert Party.objects.get(key="tbz").parent == Party.objects.get(key="lna")


def test_provisions_are_written_parents_first_with_their_kind_of_deadline(db: Any) -> None:
    load_directory(TINY)

    child = Provision.objects.get(agreement__key="tiny", number="2.1")
    parent = Provision.objects.get(agreement__key="tiny", number="2")
    assert child.parent == parent
    assert parent.deadline_relative == "+3 months" and parent.deadline_on is None
    assert child.deadline_on == dt.date(2021, 1, 15) and child.deadline_relative == ""
    assert parent.deadline() == dt.date(2021, 1, 23)
    assert sorted(p.key for p in parent.obligated_parties.all()) == ["gna", "lna"]


def test_a_place_without_coordinates_is_loaded_without_a_point(db: Any) -> None:
    load_directory(TINY)

    place = Place.objects.get(key="abu-grein")
    assert place.lat is None and place.lon is None
    assert search_places("ابو قرين").filter(pk=place.pk).exists()


def test_the_progress_callback_sees_every_row_against_one_known_total(db: Any) -> None:
    calls: list[tuple[int, int | None, str]] = []

    load_directory(TINY, lambda advance, total, description: calls.append((advance, total, description)))

    totals = {total for _a, total, _d in calls}
    assert totals == {2 * 5 + 3 + 2 + 1 + 3}
    assert sum(a for a, _t, _d in calls) == totals.pop()


def test_loading_the_tiny_profile_twice_changes_nothing_the_second_time(db: Any) -> None:
    load_directory(TINY)
    entries = AuditEntry.objects.count()

    counts = load_directory(TINY)

    assert set(counts.values()) == {0}
    assert AuditEntry.objects.count() == entries


# --- malformed data ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        ("places.csv", "31.2089,16.5887", "north,16.5887", "places.csv, line 2"),
        ("places.csv", "29.1981,16.0010", ",16.0010", "places.csv, line 4"),
        ("places.csv", ",city,", ",metropolis,", "places.csv, line 2"),
        ("places.csv", "abu-grein,Abu Grein", "sirte,Abu Grein", "places.csv, line 3"),
        ("parties.csv", ",russia,,,test", ",ottoman_empire,,,test", "parties.csv, line 5"),
        ("parties.csv", ",8,,,,test fixture\nwagner", ",9,,,,test fixture\nwagner", "parties.csv, line 4"),
        ("parties.csv", "Moscow,موسكو,", "Moscow,موسكو,too,many,", "parties.csv, line 4"),
        ("zones.geojson", '"kind": "contact_line"', '"kind": "front"', "zones.geojson, feature 2 (sirte-jufra-line)"),
        ("agreement.json", '"+3 months"', '"in three months"', "agreement.json, provision 2"),
        ("agreement.json", '"parent": "2"', '"parent": "7"', "agreement.json, provision 2.1"),
        ("agreement.json", '"signed_on": "2020-10-23"', '"signed_on": "23/10/2020"', "agreement.json"),
    ],
)
def test_a_malformed_row_is_refused_naming_the_file_and_row(db: Any, tiny_copy: Path, file: str, old: str,
                                                            new: str, where: str) -> None:
    _replace(tiny_copy / file, old, new)

    with pytest.raises(Invalid) as caught:
        load_directory(tiny_copy)

    assert caught.value.message.startswith(where), caught.value.message
    assert AuditEntry.objects.count() == 0


def test_a_missing_column_is_refused_naming_the_file(db: Any, tiny_copy: Path) -> None:
    _replace(tiny_copy / "places.csv", ",precision,", ",accuracy,")

    with pytest.raises(Invalid, match="places.csv lacks the columns: precision"):
        load_directory(tiny_copy)


def test_a_row_refused_by_a_service_rolls_back_the_whole_load(db: Any, tiny_copy: Path) -> None:
    # Zones are written after parties and places; a self-intersecting polygon is only caught by the service.
    _replace(tiny_copy / "zones.geojson", "[[16.3, 31.0], [17.2, 31.0], [16.6, 31.4], [16.3, 31.0]]",
             "[[16.3, 31.0], [17.2, 31.4], [17.2, 31.0], [16.3, 31.4], [16.3, 31.0]]")

    with pytest.raises(Invalid) as caught:
        load_directory(tiny_copy)

    assert caught.value.message.startswith("zones.geojson, feature 1 (sirte-triangle)")
    assert not Party.objects.exists() and not Place.objects.exists()
    assert AuditEntry.objects.count() == 0


# --- the built-in libya-2020 profile -----------------------------------------------------


@pytest.fixture(scope="class")
def libya(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    """The libya-2020 profile loaded once for a class of tests and rolled back after them; each
    test still runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = profiles.load("libya-2020")
        yield counts
        transaction.set_rollback(True)


@pytest.mark.usefixtures("libya", "db")
class TestTheLibyaProfile:
    def test_it_reports_what_it_created(self, libya: dict[str, int]) -> None:
        assert libya["places_created"] == Place.objects.count() >= 150
        assert libya["parties_created"] == Party.objects.count()
        assert libya["provisions_created"] == Provision.objects.count() >= 12
        assert not any(v for k, v in libya.items() if k.endswith("_changed"))

    def test_it_loads_at_least_150_places(self) -> None:
        assert Place.objects.count() >= 150
        assert Place.objects.filter(lat__isnull=False).count() >= 100

    def test_it_loads_the_two_signatory_parties_with_arabic_aliases(self) -> None:
        signatories = Party.objects.filter(kind=Party.Kind.SIGNATORY)
        assert sorted(p.key for p in signatories) == ["gna", "lna"]
        for party in signatories:
            assert party.name_ar
            assert Alias.objects.filter(party=party, lang="ar").count() >= 3
        assert Alias.objects.filter(party__key="lna", name="قوات حفتر").exists()

    def test_it_links_foreign_sponsors_and_parent_units(self) -> None:
        assert "turkey" in {p.key for p in Party.objects.get(key="sadat").sponsors.all()}
        parent = Party.objects.get(key="tbz").parent
        assert parent is not None and parent.key == "lna"

    def test_it_loads_the_mission_zones_with_the_sirte_triangle_active(self) -> None:
        zones = {z.key: z for z in Zone.objects.all()}
        assert zones["sirte-triangle"].status == Zone.Status.ACTIVE
        assert zones["sirte-triangle"].kind == Zone.Kind.MONITORING_AREA
        assert zones["sirte-jufra-line"].kind == Zone.Kind.CONTACT_LINE
        assert zones["coastal-road"].kind == Zone.Kind.CORRIDOR
        assert zones["assembly-tripoli"].kind == zones["assembly-benghazi"].kind == Zone.Kind.ASSEMBLY_POINT
        assert zones["assembly-tripoli"].controlling_party == Party.objects.get(key="gna")
        assert zones["assembly-benghazi"].controlling_party == Party.objects.get(key="lna")

    def test_provision_2_falls_due_three_months_after_the_signature(self) -> None:
        agreement = Agreement.objects.get(key="libya-2020")
        provision = agreement.provisions.get(number="2")
        assert agreement.signed_on == dt.date(2020, 10, 23)
        assert agreement.timezone == "Africa/Tripoli"
        assert provision.deadline_relative == "+3 months"
        assert provision.deadline() == dt.date(2021, 1, 23)
        assert agreement.provisions.get(number="2.1").parent == provision

    def test_loading_it_again_changes_nothing_and_appends_no_audit_entry(self) -> None:
        entries = AuditEntry.objects.count()

        counts = profiles.load("libya-2020")

        assert set(counts.values()) == {0}
        assert AuditEntry.objects.count() == entries

    def test_a_changed_row_is_counted_as_changed_and_audited(self, tmp_path: Path) -> None:
        data = Path(shutil.copytree(LIBYA, tmp_path / "libya"))
        _replace(data / "places.csv", "sirte,Sirte,سرت,Surt|", "sirte,Sirte,سرت,Surt|Sirta|")
        entries = AuditEntry.objects.count()

        counts = load_directory(data)

        assert counts["places_changed"] == 1
        assert sum(counts.values()) == 1
        assert AuditEntry.objects.count() == entries + 1  # the new variant's PlaceName

    def test_a_reload_does_not_undo_a_zone_moved_on_by_the_chief(self) -> None:
        # Back to planned (activation would need its readiness checklist met first).
        transition_zone(Zone.objects.get(key="coastal-road"), "planned", None)

        profiles.load("libya-2020")

        assert Zone.objects.get(key="coastal-road").status == Zone.Status.PLANNED

    def test_place_search_finds_sirte_by_its_arabic_name_and_a_variant(self) -> None:
        sirte = Place.objects.get(key="sirte")
        assert sirte in search_places("سرت")
        assert sirte in search_places("Surt")
        assert sirte in search_places("surt")

    def test_an_incident_at_sirte_falls_in_the_sirte_triangle(self) -> None:
        sirte = Place.objects.get(key="sirte")
        start = dt.datetime(2021, 1, 10, 8, 0, tzinfo=dt.UTC)
        assert sirte.lat is not None and sirte.lon is not None

        incident = create_incident(IncidentData(category="ceasefire_violation", subtype="shelling",
                                                occurred_start=start, occurred_end=start + dt.timedelta(hours=1),
                                                lat=sirte.lat, lon=sirte.lon, place=sirte), None)

        assert incident.zone == Zone.objects.get(key="sirte-triangle")

    def test_the_loaded_reference_data_passes_audit_verification(self) -> None:
        assert list(audit.verify()) == []
        assert set(AuditEntry.objects.values_list("actor_name", flat=True)) == {audit.SYSTEM}
