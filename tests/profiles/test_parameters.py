"""The mechanism's figures come from the profile: the monitor ceiling, the foreign-forces
baseline with its deadline, the places watched for the arms embargo."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from raqib import profiles
from raqib.agreements import parameters
from raqib.core.errors import Invalid
from raqib.profiles.loader import load_directory

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def test_the_libya_profile_sets_60_monitors_the_20000_baseline_and_its_three_month_deadline(db: Any) -> None:
    profiles.load("libya-2020")
    assert parameters.monitor_ceiling(1) == 60
    assert parameters.monitor_ceiling(3) == 60  # a later phase without its own figure keeps phase 1's
    baseline = parameters.foreign_forces_baseline()
    assert baseline is not None
    assert (baseline.minimum, baseline.maximum, baseline.bases) == (20000, 20000, 10)
    assert baseline.as_of == dt.date(2020, 12, 2)
    assert baseline.deadline == dt.date(2021, 1, 23)  # provision 2: three months from 23 October 2020
    keys = set(parameters.embargo_bases().values_list("key", flat=True))
    assert {"al-watiya-airbase", "al-khadim-airbase", "benghazi-port", "mitiga-airport"} <= keys
    assert "sirte" not in keys


def test_without_an_agreement_there_is_no_ceiling_baseline_or_base(db: Any) -> None:
    assert parameters.monitor_ceiling(1) is None
    assert parameters.foreign_forces_baseline() is None
    assert not parameters.embargo_bases().exists()


def _with_parameters(directory: Path, value: Any) -> None:
    path = directory / "agreement.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parameters"] = value
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(("value", "message"), [
    ({"monitor_ceiling": {"one": 60}}, "is not a phase number"),
    ({"monitor_ceiling": {"1": -5}}, "must be a whole number"),
    ({"foreign_forces_baseline": {"minimum": 5, "maximum": 1, "as_of": "2020-12-02"}}, "minimum is above"),
    ({"foreign_forces_baseline": {"minimum": 5, "maximum": 6, "as_of": "2 Dec"}}, "as_of must be a date"),
    ({"embargo_bases": ["nowhere-airbase"]}, "nowhere-airbase"),
    ({"surprise": 1}, "unknown parameters: surprise"),
    ({"country": "Libya"}, "country must be an object"),
    ({"country": {"iso": "434"}}, "country must be an object"),
    ({"country": {"iso3": "LY"}}, "country must be an object"),
    ({"country": {"name": "Libya", "capital": "Tripoli"}}, "country must be an object"),
])
def test_malformed_parameters_are_refused_naming_the_problem_and_nothing_is_loaded(
        db: Any, tiny_copy: Path, value: Any, message: str) -> None:
    _with_parameters(tiny_copy, value)
    with pytest.raises(Invalid) as caught:
        load_directory(tiny_copy)
    assert "agreement.json" in caught.value.message and message in caught.value.message
    assert parameters.current_agreement() is None


def test_a_profile_names_its_country_for_the_acled_export(db: Any, tiny_copy: Path) -> None:
    from raqib.exports.rows import ExportContext

    _with_parameters(tiny_copy, {"country": {"name": "Sudan", "iso": 729, "iso3": "sdn", "region": "Northern Africa"}})
    load_directory(tiny_copy)
    context = ExportContext.for_user(None)
    assert (context.country, context.iso, context.iso3, context.region) == ("Sudan", 729, "SDN", "Northern Africa")
