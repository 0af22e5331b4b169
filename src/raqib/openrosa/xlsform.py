"""XLSForm (.xlsx, .xls, .csv) to XForm with pyxform, and what Raqib reads back from the XForm.

pyxform's own steps are run one by one (as ``pyxform.xls2xform.convert`` does) so that a form
without a ``form_id`` setting is named after its file, as ODK Central and KoBo name it: phones
send that id back in every submission.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid

EXTENSIONS = (".xlsx", ".xls", ".csv")
XFORMS = "http://www.w3.org/2002/xforms"
XHTML = "http://www.w3.org/1999/xhtml"
PYXFORM_DEFAULT_NAME = "data"


@dataclass
class Converted:
    form_id: str
    version: str
    title: str
    xml: str
    md5: str
    binary_paths: list[str]
    warnings: list[str] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)


def _stem(file_name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", PurePath(file_name).stem)[:100]
    if not stem or not re.match(r"[A-Za-z_]", stem):
        stem = "form_" + stem if stem else PYXFORM_DEFAULT_NAME
    return stem


def convert(file_name: str, content: bytes) -> Converted:
    """The XForm of an XLSForm file; pyxform's error message becomes ``Invalid``."""
    from pyxform.builder import create_survey_element_from_dict  # type: ignore[import-untyped]
    from pyxform.utils import external_choices_to_csv, has_external_choices  # type: ignore[import-untyped]
    from pyxform.xls2json import workbook_to_json  # type: ignore[import-untyped]
    from pyxform.xls2json_backends import get_xlsform  # type: ignore[import-untyped]

    ext = PurePath(file_name).suffix.lower()
    if ext not in EXTENSIONS:
        raise Invalid(_("An XLSForm is an .xlsx, .xls or .csv file, not “%(name)s”.") % {"name": file_name})
    stem = _stem(file_name)
    warnings: list[str] = []
    try:
        workbook = get_xlsform(xlsform=io.BytesIO(content), file_type=ext)
        data = workbook_to_json(workbook_dict=workbook, form_name=stem, fallback_form_name=workbook.fallback_form_name,
                                warnings=warnings)
        if data.get("id_string") == PYXFORM_DEFAULT_NAME:
            data["id_string"] = stem
        if data.get("title") == PYXFORM_DEFAULT_NAME:
            data["title"] = stem
        itemsets = external_choices_to_csv(workbook_dict=workbook) if has_external_choices(json_struct=data) else None
        survey = create_survey_element_from_dict(data)
        xml = survey.to_xml(validate=False, pretty_print=False, warnings=warnings)
    except Exception as exc:  # noqa: BLE001 - pyxform and its readers raise many kinds; all mean "bad form"
        message = str(exc).strip() or type(exc).__name__
        raise Invalid(_("The XLSForm cannot be converted: %(error)s") % {"error": message}) from None
    form_id, version, title, binary_paths = describe(xml)
    media = {"itemsets.csv": itemsets.encode("utf-8")} if itemsets else {}
    return Converted(form_id=form_id, version=version, title=title, xml=xml,
                     md5=hashlib.md5(xml.encode("utf-8")).hexdigest(),  # noqa: S324 - formList's hash
                     binary_paths=binary_paths, warnings=list(warnings), media=media)


def describe(xml: str) -> tuple[str, str, str, list[str]]:
    """(form id, version, title, paths of the attachment fields) of an XForm."""
    root = SafeET.fromstring(xml.encode("utf-8"), forbid_dtd=True)
    title_el = root.find(f"{{{XHTML}}}head/{{{XHTML}}}title")
    model = root.find(f"{{{XHTML}}}head/{{{XFORMS}}}model")
    if model is None:
        raise Invalid(_("The XForm has no model."))
    primary = next((i for i in model.findall(f"{{{XFORMS}}}instance") if "id" not in i.attrib), None)
    if primary is None or len(primary) == 0:
        raise Invalid(_("The XForm has no primary instance."))
    data = primary[0]
    form_id = data.get("id", "")
    if not form_id:
        raise Invalid(_("The XForm's instance has no id."))
    root_name = "/" + data.tag.split("}")[-1] + "/"
    paths = []
    for bind in model.findall(f"{{{XFORMS}}}bind"):
        nodeset = bind.get("nodeset", "")
        if bind.get("type") == "binary" and nodeset.startswith(root_name):
            paths.append(nodeset[len(root_name):])
    title = (title_el.text or "").strip() if title_el is not None else ""
    return form_id, data.get("version", ""), title or form_id, paths
