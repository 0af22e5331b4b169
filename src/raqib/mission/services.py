from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Forbidden
from raqib.mission.models import Monitor, Team


def create_monitor(values: dict[str, Any], actor: Any) -> Monitor:
    if not access.can(actor, "mission.edit"):
        raise Forbidden(_("Only the chief or an administrator may register monitors."))
    return services.create(Monitor(**values), actor)


def create_team(values: dict[str, Any], members: list[Monitor], actor: Any) -> Team:
    if not access.can(actor, "mission.edit"):
        raise Forbidden(_("Only the chief or an administrator may form teams."))
    with transaction.atomic():
        return services.create(Team(**values), actor, m2m={"members": members})
