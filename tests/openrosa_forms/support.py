"""Building the instances a phone sends for Raqib's built-in forms."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from raqib.openrosa.builtin import FORMS_DIR

VERSION = "2026112901"
PHOTO = b"\xff\xd8\xff\xe0 a photo taken in the field"


def _elements(values: dict[str, Any]) -> str:
    out = []
    for name, value in values.items():
        inner = _elements(value) if isinstance(value, dict) else escape(str(value))
        out.append(f"<{name}>{inner}</{name}>")
    return "".join(out)


def instance(form_id: str, values: dict[str, Any], instance_id: str = "uuid:1", deprecated: str = "") -> bytes:
    """The XML of a filled form as ODK Collect sends it (groups as nested dicts)."""
    meta = f"<instanceID>{instance_id}</instanceID>" + (f"<deprecatedID>{deprecated}</deprecatedID>" if deprecated else "")
    head = {"start": "2021-01-10T08:00:00.000+02:00", "end": "2021-01-10T08:20:00.000+02:00",
            "deviceid": "collect:abc"}
    return (f"<?xml version='1.0' encoding='UTF-8'?><data xmlns:jr=\"http://openrosa.org/javarosa\" "
            f"xmlns:orx=\"http://openrosa.org/xforms\" id=\"{form_id}\" version=\"{VERSION}\">"
            f"{_elements({**head, **values})}<meta>{meta}<instanceName>x</instanceName></meta></data>").encode()


def sheet(form: str, name: str) -> list[dict[str, str]]:
    """The rows of one sheet (survey, choices, settings) of a built-in form's CSV."""
    rows = list(csv.reader((FORMS_DIR / form).read_text(encoding="utf-8").splitlines()))
    start = next(i for i, r in enumerate(rows) if r and r[0] == name)
    header = rows[start + 1][1:]
    out = []
    for row in rows[start + 2:]:
        if row and row[0]:
            break
        out.append(dict(zip(header, row[1:], strict=False)))
    return out


def choice_names(form: str, list_name: str) -> list[str]:
    return [r["name"] for r in sheet(form, "choices") if r.get("list_name") == list_name]


def form_path(form: str) -> Path:
    return FORMS_DIR / form
