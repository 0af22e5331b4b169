"""What every built-in form shares: it converts with pyxform, in English and Arabic, its choices
are the models' own, it is on a monitor's phone, and a liaison officer cannot send it."""

from __future__ import annotations

import csv
from xml.etree import ElementTree as ET

import pytest
from pyxform.xls2json_backends import csv_to_dict  # type: ignore[import-untyped]

from raqib.core import taxonomy
from raqib.hazards.models import OrdnanceType
from raqib.movement.models import Restriction
from raqib.openrosa import builtin, xlsform
from raqib.openrosa.models import Submission
from raqib.profiles import libya_2020

from .support import choice_names, form_path, instance, sheet

FORMS = {"raqib_patrol_report": "patrol_report.csv", "raqib_movement_restriction": "movement_restriction.csv",
         "raqib_hazard_report": "hazard_report.csv", "raqib_forces_sighting": "forces_sighting.csv"}


@pytest.mark.parametrize("form_id", FORMS)
def test_the_xlsform_converts_with_pyxform_without_errors_or_warnings(form_id: str) -> None:
    form = builtin.get(form_id)
    assert form is not None and form.xlsform == FORMS[form_id]
    converted = xlsform.convert(form.xlsform, form.path.read_bytes())
    assert (converted.form_id, converted.warnings) == (form_id, [])
    assert 'lang="English (en)"' in converted.xml and 'lang="Arabic (ar)"' in converted.xml
    assert "/meta/instanceID" in converted.xml
    assert csv_to_dict(str(form_path(FORMS[form_id])))  # pyxform reads the file as it is


@pytest.mark.parametrize("form", FORMS.values())
def test_every_question_and_choice_is_labelled_in_both_languages(form: str) -> None:
    for row in sheet(form, "survey") + sheet(form, "choices"):
        if row.get("label::English (en)") or row.get("label::Arabic (ar)"):
            assert row["label::English (en)"] and row["label::Arabic (ar)"], row
        if row.get("constraint_message::English (en)") or row.get("constraint_message::Arabic (ar)"):
            assert row["constraint_message::English (en)"] and row["constraint_message::Arabic (ar)"], row
    questions = [r for r in sheet(form, "survey") if r["type"] not in ("start", "end", "deviceid", "end_group")]
    assert all(r["label::Arabic (ar)"] for r in questions)


def test_the_choices_are_exactly_the_models_choices() -> None:
    assert choice_names("patrol_report.csv", "category") == list(taxonomy.BY_KEY)
    assert choice_names("patrol_report.csv", "subtype") == [k for k, _label in taxonomy.SUBTYPE_CHOICES]
    subtypes = {r["name"]: r["category"] for r in sheet("patrol_report.csv", "choices") if r["list_name"] == "subtype"}
    assert all(taxonomy.is_valid(c, s) for s, c in subtypes.items())
    assert choice_names("movement_restriction.csv", "restriction_kind") == Restriction.Kind.values
    assert choice_names("hazard_report.csv", "ordnance") == OrdnanceType.values
    assert choice_names("forces_sighting.csv", "forces_subtype") == [
        s.key for s in taxonomy.BY_KEY["foreign_forces"].subtypes]


def test_the_party_choices_are_keys_of_the_profiles_parties() -> None:
    from pathlib import Path

    data = Path(libya_2020.__file__).parent / "data" / "parties.csv"
    keys = {row["key"] for row in csv.DictReader(data.read_text(encoding="utf-8").splitlines())}
    names = choice_names("movement_restriction.csv", "party")
    assert {"gna", "lna", "wagner", "unknown"} <= set(names)
    assert set(names) - {"unknown"} <= keys


def test_a_monitor_finds_the_built_in_forms_in_the_form_list(published, phone) -> None:
    response = phone("monitor").call("GET", "/openrosa/formList")
    assert response.status_code == 200
    ids = {el.text for el in ET.fromstring(response.content).iter("{http://openrosa.org/xforms/xformsList}formID")}
    assert set(FORMS) | {"raqib_incident_report"} <= ids
    assert all(published[f].builtin for f in FORMS)


@pytest.mark.parametrize("form_id", FORMS)
def test_a_liaison_officer_cannot_send_a_built_in_form(published, phone, form_id: str) -> None:
    response = phone("liaison_gna").submit(instance(form_id, {"x": "1"}))
    assert response.status_code == 403
    assert not Submission.objects.exists()
