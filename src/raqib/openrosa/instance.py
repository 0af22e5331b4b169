"""Reading a submitted instance: hostile XML in, plain data out.

defusedxml refuses DTDs (and so entity expansion) and external references; the caller has
already capped the size.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from raqib.core.errors import Invalid


@dataclass
class Instance:
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str
    data: dict[str, Any]
    sha256: str
    root: Element


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(raw: bytes) -> Instance:
    """The instance in ``raw``; ``Invalid`` with a message when it is not a usable instance.

    A submission without ``meta/instanceID`` is named by the SHA-256 of its bytes, so the same
    file sent twice is still one record.
    """
    try:
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Invalid(_("The submission XML declares a DTD, entities or external resources; none are allowed.")) from None
    except ParseError as exc:
        raise Invalid(_("The submission is not well-formed XML: %(error)s") % {"error": exc}) from None
    attrs = {_local(k): v for k, v in root.attrib.items()}
    form_id = attrs.get("id", "").strip()
    if not form_id:
        raise Invalid(_("The submission's root element has no form id (the id attribute)."))
    sha = hashlib.sha256(raw).hexdigest()
    meta = {_local(el.tag): (el.text or "").strip() for m in root if _local(m.tag) == "meta" for el in m}
    instance_id = meta.get("instanceID", "") or "sha256:" + sha
    if len(instance_id) > 255 or len(meta.get("deprecatedID", "")) > 255:
        raise Invalid(_("The instanceID is longer than 255 characters."))
    return Instance(form_id=form_id[:100], version=attrs.get("version", "").strip()[:100], instance_id=instance_id,
                    deprecated_id=meta.get("deprecatedID", ""), data=to_data(root), sha256=sha, root=root)


def to_data(el: Element) -> Any:
    """An element as JSON: a leaf is its text, a group a dict, a repeated name a list."""
    children = list(el)
    if not children:
        return el.text or ""
    out: dict[str, Any] = {}
    for child in children:
        key = _local(child.tag)
        value = to_data(child)
        # Values are texts or dicts, never lists: a list always means a repeated element.
        if key not in out:
            out[key] = value
        elif isinstance(out[key], list):
            out[key].append(value)
        else:
            out[key] = [out[key], value]
    return out


def values_at(root: Element, path: str) -> list[str]:
    """Texts of every element at ``path`` ("group/photo") under ``root``, through repeats."""
    nodes = [root]
    for part in path.split("/"):
        nodes = [child for node in nodes for child in node if _local(child.tag) == part]
    return [(n.text or "").strip() for n in nodes if (n.text or "").strip()]


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Columns of a CSV row: "group/field", repeats as "repeat[1]/field"."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}/{key}" if prefix else key))
    elif isinstance(data, list):
        for i, value in enumerate(data, start=1):
            out.update(flatten(value, f"{prefix}[{i}]"))
    else:
        out[prefix] = "" if data is None else str(data)
    return out
