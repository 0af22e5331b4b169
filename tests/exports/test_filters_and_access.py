"""What an export holds: only what the user may see, narrowed by the filters."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from raqib.core import access
from raqib.core.errors import Forbidden, Invalid
from raqib.exports.filters import ExportFilters, parse_filters
from raqib.exports.services import prepare
from raqib.incidents.models import Incident


def exported_ids(fmt: str, user: Any, filters: ExportFilters | None = None) -> set[int]:
    data = b"".join(prepare(fmt, user, filters or ExportFilters()).chunks())
    if fmt == "geojson":
        return {f["id"] for f in json.loads(data)["features"]}
    rows = list(csv.reader(io.StringIO(data.decode())))
    if fmt == "hxl":
        return {int(r[1].removeprefix("INC-")) for r in rows[2:]}
    return {int(r[0].removeprefix("LBY")) for r in rows[1:]}


@pytest.mark.parametrize("fmt", ["acled", "geojson", "hxl"])
@pytest.mark.parametrize("name", ["liaison_gna", "liaison_lna", "monitor", "chief"])
def test_an_export_holds_exactly_what_the_user_may_see(mission, users, fmt, name):
    user = users[name]
    expected = set(access.visible(Incident.objects.all(), user).values_list("pk", flat=True))
    assert exported_ids(fmt, user) == expected


def test_a_liaison_sees_the_shared_incident_and_their_partys_allegation_only(mission, users):
    assert exported_ids("acled", users["liaison_gna"]) == {mission["shared"].pk}
    assert exported_ids("acled", users["liaison_lna"]) == {mission["shared"].pk, mission["alleged"].pk}


def test_a_liaisons_export_names_no_source(mission, users):
    data = b"".join(prepare("acled", users["liaison_gna"], ExportFilters()).chunks())
    assert b"Libya Observer" not in data


def test_the_public_role_gets_no_export(mission, users):
    with pytest.raises(Forbidden):
        prepare("acled", users["public"], ExportFilters())


def test_the_filters_narrow_the_export(mission):
    everything = {m.pk for m in mission.values()}
    assert exported_ids("acled", None) == everything
    assert exported_ids("acled", None, parse_filters(since="2021-01-12")) == {mission["internal"].pk, mission["far"].pk}
    assert exported_ids("acled", None, parse_filters(until="2021-01-10")) == {mission["shared"].pk, mission["alleged"].pk}
    assert exported_ids("acled", None, parse_filters(zone="sirte-triangle")) == everything - {mission["far"].pk}
    assert exported_ids("acled", None, parse_filters(category="foreign_forces")) == {mission["internal"].pk}
    assert exported_ids("acled", None, parse_filters(state="triaged")) == {mission["internal"].pk}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"since": "yesterday"}, "since: not an ISO 8601 date"),
    ({"since": "2021-02-01", "until": "2021-01-01"}, "since is after until"),
    ({"zone": "atlantis"}, "Unknown zone"),
    ({"category": "gossip"}, "Unknown category"),
    ({"state": "done"}, "Unknown verification state"),
    ({"zone": "x" * 500}, "too long"),
    ({"zone": "a\x00b"}, "NUL"),
])
def test_a_bad_filter_is_refused_with_a_message(db, kwargs, message):
    with pytest.raises(Invalid, match=message):
        parse_filters(**kwargs)


def test_an_unknown_format_is_refused(mission):
    with pytest.raises(Invalid, match="Unknown export format"):
        prepare("pdf", None, ExportFilters())
