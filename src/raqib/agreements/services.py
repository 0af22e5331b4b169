from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.agreements.models import Agreement, Provision
from raqib.agreements.timezone import forget_mission_timezone
from raqib.core import access, services
from raqib.core.errors import Forbidden


def _require(actor: Any) -> None:
    if not access.can(actor, "reference.edit"):
        raise Forbidden(_("Only an administrator may edit the agreement."))


def upsert_agreement(key: str, values: dict[str, Any], actor: Any) -> tuple[Agreement, bool]:
    _require(actor)
    agreement, changed = services.upsert(Agreement, {"key": key}, values, actor)
    if changed:
        forget_mission_timezone()  # the agreement names the mission's time zone
    return agreement, changed


def upsert_provision(agreement: Agreement, number: str, values: dict[str, Any], obligated: list[Party],
                     actor: Any) -> tuple[Provision, bool]:
    _require(actor)
    return services.upsert(Provision, {"agreement": agreement, "number": number}, values, actor,
                           m2m={"obligated_parties": obligated})
