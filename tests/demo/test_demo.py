from __future__ import annotations

import json
import random
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from raqib import demo, profiles
from raqib.accounts.models import Role, User
from raqib.accounts.services import create_user
from raqib.actors.models import Party
from raqib.core import audit, taxonomy
from raqib.core.errors import NotFound
from raqib.core.models import AuditEntry
from raqib.demo import modules
from raqib.demo.generator import COUNT_KEYS
from raqib.demo.planning import Planner, Reference
from raqib.demo.users import credentials_path
from raqib.incidents import store
from raqib.incidents.models import Allegation, Evidence, Incident, Observation, Source
from raqib.mission.models import Monitor, Team
from raqib.verification.models import Verification

ARABIC = re.compile("[\u0621-\u064a]")


# --- demo users --------------------------------------------------------------------------


def test_ensure_users_makes_one_user_per_role_and_a_liaison_per_signatory(parties: dict[str, Party]) -> None:
    rows = demo.ensure_users()

    assert {role for _u, role, _p in rows} == set(Role.values)
    assert User.objects.get(username="liaison_gna").party == parties["gna"]
    assert User.objects.get(username="liaison_lna").party == parties["lna"]
    for username, role, password in rows:
        user = User.objects.get(username=username)
        assert user.role == role
        assert len(password) >= 16 and user.check_password(password)


def test_ensure_users_twice_returns_the_same_passwords_and_changes_nothing(parties: dict[str, Party]) -> None:
    first = demo.ensure_users()
    entries = AuditEntry.objects.count()

    second = demo.ensure_users()

    assert second == first
    assert AuditEntry.objects.count() == entries


def test_the_demo_passwords_are_kept_in_a_file_only_its_owner_reads(parties: dict[str, Party]) -> None:
    rows = demo.ensure_users()

    path = credentials_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = {r["username"]: r["password"] for r in json.loads(path.read_text(encoding="utf-8"))}
    assert saved == {u: p for u, _r, p in rows}


def test_a_user_made_outside_the_demo_keeps_its_unknown_password(parties: dict[str, Party]) -> None:
    create_user("admin", Role.ADMIN, "an operator's own secret", None)

    rows = {u: p for u, _r, p in demo.ensure_users()}

    assert rows["admin"] == ""
    assert User.objects.get(username="admin").check_password("an operator's own secret")
    assert "admin" not in credentials_path().read_text(encoding="utf-8")


def test_the_demo_users_need_the_signatory_parties(db: Any) -> None:
    with pytest.raises(NotFound, match="gna"):
        demo.ensure_users()
    assert not User.objects.exists()


def test_generate_needs_the_profile(db: Any) -> None:
    with pytest.raises(NotFound, match="libya-2020"):
        demo.generate()
    assert not Incident.objects.exists()


# --- a generated month -------------------------------------------------------------------


@dataclass
class Month:
    counts: dict[str, int]
    progress: list[tuple[int, int | None, str]]
    data_dir: Path


@pytest.fixture(scope="class")
def month(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Month]:
    """The profile and a generated month, made once for a class of tests and rolled back after
    them; each test still runs in a savepoint of its own."""
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    progress: list[tuple[int, int | None, str]] = []
    with override_settings(DATA_DIR=data_dir, EVIDENCE_DIR=data_dir / "evidence"), \
            django_db_blocker.unblock(), transaction.atomic():
        profiles.load("libya-2020")
        counts = demo.generate(progress=lambda a, t, d: progress.append((a, t, d)))
        yield Month(counts, progress, data_dir)
        transaction.set_rollback(True)


@pytest.mark.usefixtures("db")
class TestAGeneratedMonth:
    def test_it_writes_150_to_300_incidents_across_the_taxonomy(self, month: Month) -> None:
        incidents = Incident.objects.all()
        assert 150 <= incidents.count() == month.counts["incidents"] <= 300
        categories = Counter(incidents.values_list("category", flat=True))
        assert set(categories) >= {c.key for c in taxonomy.CATEGORIES} - {"other"}
        assert categories.most_common(1)[0][0] == "ceasefire_violation"
        assert all(taxonomy.is_valid(c, s) for c, s in incidents.values_list("category", "subtype"))

    def test_it_happens_in_january_2021(self, month: Month) -> None:
        first = Incident.objects.order_by("occurred_start").first()
        last = Incident.objects.order_by("occurred_start").last()
        assert first is not None and last is not None
        assert first.occurred_start.date().isoformat() >= "2020-12-31"
        assert last.occurred_start.date().isoformat() <= "2021-01-30"

    def test_every_incident_and_observation_is_marked_synthetic(self, month: Month) -> None:
        assert Incident.objects.exists() and not Incident.objects.filter(synthetic=False).exists()
        assert Observation.objects.exists() and not Observation.objects.filter(synthetic=False).exists()

    def test_descriptions_are_written_in_arabic_and_english_with_the_place_names(self, month: Month) -> None:
        for incident in Incident.objects.select_related("place"):
            assert incident.description_en and not ARABIC.search(incident.description_en)
            assert ARABIC.search(incident.description_ar)
        at_sirte = Incident.objects.filter(place__key="sirte", description_en__contains=" Sirte").first()
        assert at_sirte is not None and "سرت" in at_sirte.description_ar

    def test_violations_concentrate_on_the_front_lines(self, month: Month) -> None:
        violations = Incident.objects.filter(category="ceasefire_violation")
        front = {"sirte", "qasr-abu-hadi", "wadi-jarif", "waddan", "hun", "al-jufra-airbase", "abu-grein",
                 "al-wishka", "bin-jawad", "nawfaliya", "harawa", "al-qardabiya-airbase"}
        assert violations.filter(place__key__in=front).count() >= 0.9 * violations.count()
        assert violations.filter(zone__key="sirte-triangle").count() >= violations.count() / 3

    def test_foreign_forces_are_seen_at_the_airbases(self, month: Month) -> None:
        seen = Counter(Incident.objects.filter(category="foreign_forces").values_list("place__key", flat=True))
        assert {"al-jufra-airbase", "al-qardabiya-airbase", "al-watiya-airbase"} <= set(seen)

    def test_incidents_name_parties_provisions_and_casualties(self, month: Month) -> None:
        violations = Incident.objects.filter(category="ceasefire_violation")
        assert not violations.filter(party_roles__isnull=True).exists()
        assert not violations.filter(provisions__isnull=True).exists()
        assert Incident.objects.filter(injured_max__gt=0).exists()
        assert not Incident.objects.filter(killed_max__lt=0).exists()

    def test_observations_record_how_and_where_from(self, month: Month) -> None:
        linked = Observation.objects.filter(incident__isnull=False)
        assert 0 < linked.values("incident").distinct().count() < Incident.objects.count()
        for obs in linked:
            assert obs.method and obs.event_class and obs.distance and obs.bearing is not None and obs.count >= 1
            assert obs.team is not None and obs.monitor is not None

    def test_allegations_come_from_both_liaisons_and_from_the_media_or_public(self, month: Month) -> None:
        filers = set(Allegation.objects.values_list("filed_by__username", "filer_kind"))
        assert ("liaison_gna", "party") in filers and ("liaison_lna", "party") in filers
        assert Allegation.objects.filter(filer_kind__in=["media", "public"]).exists()
        assert Allegation.objects.exclude(response="").exists()
        assert Allegation.objects.filter(incident__isnull=True).exists()
        for allegation in Allegation.objects.filter(filer_kind="party", claimed_actor__isnull=False):
            assert allegation.claimed_actor != allegation.filing_party

    def test_every_incident_has_a_source_and_some_witnesses_are_protected(self, month: Month) -> None:
        assert not Incident.objects.filter(sources__isnull=True).exists()
        protected = Source.objects.exclude(identity="")
        assert protected.exists() and not protected.filter(contact="").exists()

    def test_evidence_files_are_in_the_store(self, month: Month, settings: Any) -> None:
        settings.EVIDENCE_DIR = month.data_dir / "evidence"
        evidence = list(Evidence.objects.all())
        assert evidence and all(store.exists(e.sha256) for e in evidence)
        assert {"image/png", "text/plain"} & {e.media_type for e in evidence}
        assert all(e.custody.exists() for e in evidence)

    def test_monitors_come_from_the_four_organisations_and_both_sides_of_the_jmc(self, month: Month) -> None:
        assert set(Monitor.objects.values_list("organisation", flat=True)) == {"au", "eu", "las", "un", "jmc"}
        assert set(Monitor.objects.filter(organisation="jmc").values_list("jmc_side__key", flat=True)) == {"gna",
                                                                                                          "lna"}
        assert Team.objects.count() >= 3 and not Team.objects.filter(zone__isnull=True).exists()
        assert Monitor.objects.get(user__username="team_leader").led_teams.exists()

    def test_verifications_are_spread_over_the_workflow(self, month: Month) -> None:
        states = Counter(Verification.objects.values_list("state", flat=True))
        assert len(states) == len(Verification.State.values)
        assert max(states.values()) < 0.5 * sum(states.values())
        outcomes = set(Verification.objects.values_list("outcome", flat=True))
        assert {"verified", "partly_verified", "could_not_be_verified", "unfounded"} <= outcomes
        assert not Verification.objects.filter(outcome="could_not_be_verified", outcome_reason="").exists()
        assert Verification.objects.filter(attribution="party", attributed_party__isnull=False).exists()
        assert Verification.objects.filter(reopen_count__gt=0).exists() or states["closed"] < 10

    def test_the_audit_chain_verifies_and_names_the_demo_users(self, month: Month) -> None:
        assert list(audit.verify()) == []
        actors = set(AuditEntry.objects.values_list("actor_name", flat=True))
        assert {"chief", "verifier", "monitor", "liaison_gna", "liaison_lna"} <= actors

    def test_a_second_run_writes_nothing_and_appends_no_audit_entry(self, month: Month, settings: Any) -> None:
        settings.DATA_DIR = month.data_dir
        entries = AuditEntry.objects.count()

        counts = demo.generate()

        assert set(counts) == set(month.counts) and set(counts.values()) == {0}
        assert AuditEntry.objects.count() == entries

    def test_the_demo_users_are_the_same_on_a_later_run(self, month: Month, settings: Any) -> None:
        settings.DATA_DIR = month.data_dir
        entries = AuditEntry.objects.count()

        first, second = demo.ensure_users(), demo.ensure_users()

        assert first == second and all(password for _u, _r, password in first)
        assert AuditEntry.objects.count() == entries

    def test_progress_counts_every_step_against_one_total_then_each_module(self, month: Month) -> None:
        start = next(i for i, (a, t, _d) in enumerate(month.progress) if a == 0 and t is not None)
        core, steps = month.progress[:start], month.progress[start + 1:]
        totals = {total for _a, total, _d in core}
        assert len(totals) == 1
        assert sum(a for a, _t, _d in core) == totals.pop() == sum(month.counts[k] for k in COUNT_KEYS)
        assert month.progress[start][1] == len(modules.STEPS) == sum(a for a, _t, _d in steps)

    def test_the_same_seed_plans_the_same_month_and_another_seed_another(self, month: Month) -> None:
        def plan(seed: int) -> list[tuple[Any, ...]]:
            return [(p.category, p.subtype, p.start, p.spot.lat, p.spot.lon, p.level)
                    for p in Planner(Reference(), random.Random(seed), 30).month()]

        assert plan(2021) == plan(2021)
        assert plan(2021) != plan(7)
