"""Template helpers: names in the page's language, labels from the taxonomy, the role's menu."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from raqib.core import access, taxonomy
from raqib.verification.models import Verification
from raqib.web.queries.mapdata import localized, state_group

register = template.Library()

STATE_LABELS = dict(Verification.State.choices)

# (url name, label, roles that see it); the order of the menu.
MENU: tuple[tuple[str, Any, frozenset[str]], ...] = (
    ("web:dashboard", _("Dashboard"), access.STAFF),
    ("web:incidents", _("Incidents"), access.STAFF | {access.LIAISON}),
    ("web:new_report", _("New observation"), frozenset(access.ACTIONS["incident.create"])),
    ("web:verification", _("Verification"), frozenset(access.ACTIONS["verification.transition"])),
    ("web:allegations", _("Allegations"), access.STAFF),
    ("web:allegations", _("Our allegations"), frozenset({access.LIAISON})),
    ("web:new_allegation", _("New allegation"), frozenset({access.LIAISON})),
    ("web:zones", _("Zones"), access.STAFF | {access.LIAISON, access.PUBLIC}),
    ("web:hazards", _("Explosive hazards"), access.STAFF | {access.LIAISON}),
    ("web:mission", _("Monitors and teams"), access.STAFF),
    ("web:patrols", _("Patrols"), access.STAFF),
    ("web:restrictions", _("Freedom of movement"), access.STAFF | {access.LIAISON}),
    ("web:embargo", _("Arms embargo"), access.STAFF),
    ("web:forces", _("Foreign forces"), access.STAFF),
    ("web:fieldforms", _("Field forms"), access.STAFF),
    ("web:agreement", _("Agreement"), access.STAFF | {access.LIAISON, access.PUBLIC}),
    ("web:exports", _("Exports"), frozenset(access.ACTIONS["export.incidents"])),
    ("web:reports", _("Reports"), access.STAFF),
    ("web:public_reports", _("Public reports"), frozenset({access.LIAISON, access.PUBLIC})),
)


@register.simple_tag
def menu(user: Any) -> list[tuple[str, Any]]:
    role = access.role_of(user)
    return [(reverse(name), label) for name, label, roles in MENU if role in roles]


@register.filter
def loc(obj: Any, field_name: str) -> str:
    """``obj.<field>_ar`` on an Arabic page, ``obj.<field>_en`` otherwise (the other when empty)."""
    if obj is None:
        return ""
    return localized(obj, field_name, (get_language() or "en")[:2])


@register.filter
def category_label(key: str) -> str:
    category = taxonomy.BY_KEY.get(key)
    return str(category.label) if category else key


@register.filter
def subtype_label(key: str, category: str) -> str:
    cat = taxonomy.BY_KEY.get(category)
    sub = cat.subtype(key) if cat else None
    return str(sub.label) if sub else key


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def look(state: str) -> str:
    """The marker and badge look of a verification state: new, working or closed."""
    return state_group(state)


@register.filter
def when(value: dt.datetime | None) -> str:
    """A moment in the mission's time zone, date and 24-hour time, in the page's language."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'DATE_FORMAT')} {local:%H:%M}"


@register.filter
def day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def reference(pk: int) -> str:
    return f"INC-{pk:06d}"


@register.filter
def signed(number: int) -> str:
    """A change as +3, −2 or 0 (with a true minus sign)."""
    return f"+{number}" if number > 0 else (f"−{-number}" if number < 0 else "0")


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.inclusion_tag("web/includes/map.html")
def raqib_map(mode: str, query: str = "", label: Any = "") -> dict[str, Any]:
    """The map element; ``mode`` is "incidents" (follows the filters) or "picker" (choose a point)."""
    from django.conf import settings

    return {"mode": mode, "query": query, "label": label,
            "tile_url": settings.RAQIB_TILE_URL, "tile_attribution": settings.RAQIB_TILE_ATTRIBUTION}


@register.inclusion_tag("web/includes/map_legend.html")
def map_legend() -> dict[str, Any]:
    return {"categories": taxonomy.CATEGORY_CHOICES}


@register.filter
def zone_status(status: str) -> str:
    from raqib.geo.models import Zone

    return str(dict(Zone.Status.choices).get(status, status))
