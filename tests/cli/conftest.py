"""Command-line test helpers.

In-process runs (``invoke``) go through click's CliRunner and share pytest-django's database.
Real ``raqib`` processes (``run_raqib``) get a SQLite data dir of their own, whatever database
the suite runs on: every RAQIB_* variable is dropped from their environment.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.contrib.auth.models import Group, Permission

from raqib.accounts.models import User
from raqib.accounts.services import issue_token
from raqib.actors.models import Party
from raqib.actors.services import upsert_party
from raqib.agreements.services import upsert_agreement, upsert_provision
from raqib.cli import cli
from raqib.core import services
from raqib.geo.models import Zone
from raqib.geo.services import upsert_place
from raqib.incidents.models import Evidence, Incident
from raqib.incidents.services import add_source, create_allegation, create_observation, store_evidence
from raqib.mission.services import create_monitor, create_team
from raqib.verification.services import assign, transition

from cli_support import BINARY, own_env, raqib_command

@pytest.fixture
def invoke() -> Callable[..., Result]:
    def run(*args: str, input: str | None = None) -> Result:
        # Messages in English whatever the developer's locale.
        english = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
        return CliRunner().invoke(cli, list(args), input=input, env=english, catch_exceptions=False)

    return run


@pytest.fixture
def run_raqib(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``raqib`` in a process of its own, on a SQLite data dir under tmp_path."""

    def run(*args: str, data_dir: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*raqib_command(), *args], input=input, capture_output=True, text=True,
                              env=own_env(data_dir or tmp_path / "own-data", **(env or {})), timeout=timeout)

    return run


@pytest.fixture
def mission(users: dict[str, User], parties: dict[str, Party], zone: Zone,
            make_incident: Callable[..., Incident]) -> dict[str, Any]:
    """A small mission with a record of every kind, made through the services: many-to-many
    lists (sponsors, obligated parties, team members, provisions), users with a group and a
    permission, protected source identities and two evidence files."""
    turkey, _ = upsert_party("turkey", {"name_en": "Turkey", "name_ar": "تركيا", "kind": "foreign_state"}, {}, None)
    upsert_party("gna", {"name_en": "Government of National Accord", "name_ar": "حكومة الوفاق الوطني",
                         "kind": "signatory_party", "acled_inter": 1}, {"en": ["GNA"], "ar": ["قوات الوفاق"]},
                 None, sponsors=[turkey])
    agreement, _ = upsert_agreement("geneva-2020", {"title_en": "Ceasefire agreement", "title_ar": "اتفاق وقف إطلاق النار",
                                                    "signed_on": dt.date(2020, 10, 23), "timezone": "Africa/Tripoli"},
                                    None)
    provision, _ = upsert_provision(agreement, "2", {"text_en": "Foreign forces leave within three months.",
                                                     "text_ar": "مغادرة القوات الأجنبية خلال ثلاثة أشهر.",
                                                     "category": "withdrawal", "deadline_relative": "+3 months"},
                                    [parties["gna"], parties["lna"]], None)
    place, _ = upsert_place("sirte", {"name_en": "Sirte", "name_ar": "سرت", "lat": 31.2089, "lon": 16.5887,
                                      "kind": "city"}, ["Surt"], None)
    incident = make_incident(parties=[(parties["lna"], "alleged_perpetrator"), (parties["gna"], "target")],
                             provisions=[provision], place=place, description_ar="ثلاث قذائف جنوب سرت.",
                             killed_max=2)
    monitor = create_monitor({"name": "Amina", "callsign": "Falcon-1", "organisation": "jmc",
                              "jmc_side": parties["gna"], "background": "civilian", "languages": ["ar", "en"],
                              "active_from": dt.date(2020, 11, 1)}, None)
    partner = create_monitor({"name": "Grace", "callsign": "Falcon-2", "organisation": "au", "background": "civilian",
                              "languages": ["en"], "active_from": dt.date(2020, 11, 1)}, None)
    team = create_team({"name": "Sirte 1", "zone": zone, "leader": monitor}, [monitor, partner], None)
    start = dt.datetime(2021, 1, 10, 8, 0, 0, 123456, tzinfo=dt.UTC)
    create_observation({"incident": incident, "team": team, "monitor": monitor, "method": "heard",
                        "event_class": "explosion_impact", "observed_start": start,
                        "observed_end": start + dt.timedelta(minutes=5), "count": 3, "bearing": 190,
                        "distance": "3-5", "observer_lat": 31.19, "observer_lon": 16.57}, users["monitor"])
    create_allegation({"received_at": start, "claimed_start": start, "claimed_end": start, "category": "ceasefire_violation",
                       "summary": "Shelling south of Sirte.", "language": "en", "incident": incident},
                      users["liaison_gna"])
    source = add_source(incident, {"kind": "testimony", "reliability": "C", "identity": "Witness A",
                                   "contact": "+218 91 000 0000"}, users["verifier"])
    store_evidence(incident, io.BytesIO(b"a photo of the crater"), name="crater.jpg", media_type="image/jpeg",
                   actor=users["monitor"], source=source)
    store_evidence(incident, io.BytesIO(BINARY), name="recording.bin", media_type="application/octet-stream",
                   actor=users["monitor"])
    verification = incident.verification
    assign(verification, users["verifier"], users["chief"])
    transition(verification, "triaged", users["verifier"], note="two sources")
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="view_incident"))
    services.update(users["chief"], None, {}, m2m={"groups": [editors],
                                                  "user_permissions": [Permission.objects.get(codename="change_zone")]})
    token = issue_token(users["admin"], None, "backup test")
    return {"incident": incident, "token": token, "evidence": list(Evidence.objects.order_by("pk"))}
