"""The movement restriction form (``raqib_movement_restriction``): each submission records a
restriction on the team's freedom of movement (``raqib.movement.services.create_restriction``),
with the party responsible chosen by its key (or "not known" and described), the team of the
monitor who sent it, and the zone found from its point. A photo stays with the submission
(restrictions keep no evidence of their own).

An edit on the phone changes the same restriction while it is still "reported" and the sender
recorded it; once analysts have taken it up, the edit is kept as the record of what the monitor
sent and the restriction stays as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.actors.models import Party
from raqib.core import access, services
from raqib.core.errors import Invalid
from raqib.geo.services import zone_for_point
from raqib.movement.models import MAX_DURATION_MINUTES, Restriction
from raqib.movement.services import create_restriction
from raqib.openrosa.builtin import BuiltinForm, link, previous, records_of, register
from raqib.openrosa.handlers import fields
from raqib.openrosa.models import Submission

FORM_ID = "raqib_movement_restriction"
UNKNOWN_PARTY = "unknown"
CLOCK_SKEW = dt.timedelta(minutes=10)
# What an edit from the phone may change (not the team, the state or what analysts added).
EDITABLE = ("kind", "party", "actor_description", "lat", "lon", "occurred_at", "duration_minutes", "reason_given",
            "task_affected", "description")


def party_of(data: dict[str, Any]) -> Party | None:
    key = fields.required(data, "party", 80)
    if key == UNKNOWN_PARTY:
        return None
    party = Party.objects.filter(key=key).first()
    if party is None:
        raise Invalid(_("Unknown party “%(key)s”: choose a party from the list, or “not known” and describe who "
                        "imposed the restriction.") % {"key": key})
    return party


def restriction_values(data: dict[str, Any]) -> dict[str, Any]:
    kind = fields.choice(data, "kind", Restriction.Kind.values)
    party = party_of(data)
    occurred_at = fields.when(data, "occurred_at")
    if occurred_at > timezone.now() + CLOCK_SKEW:
        raise Invalid(_("“occurred_at” is in the future."))
    lat, lon = fields.point(data, "location")
    return {
        "kind": kind, "party": party, "actor_description": fields.text(data, "actor_description", 300),
        "lat": lat, "lon": lon, "occurred_at": occurred_at,
        "duration_minutes": fields.integer(data, "duration_minutes", None, high=MAX_DURATION_MINUTES),
        "reason_given": fields.text(data, "reason_given"), "task_affected": fields.text(data, "task_affected"),
        "description": fields.text(data, "description"),
    }


def _may_amend(restriction: Restriction, actor: Any) -> bool:
    if restriction.state != Restriction.State.REPORTED or not access.can(actor, "restriction.create", restriction):
        return False
    return access.is_system(actor) or restriction.created_by_id == actor.pk or access.role_of(actor) in access.ANALYSTS


def amend_restriction(restriction: Restriction, values: dict[str, Any], actor: Any) -> bool:
    """Apply a phone's edit to the restriction it recorded; False (nothing changed) once the
    restriction has moved on or when the sender may not change it."""
    if not _may_amend(restriction, actor):
        return False
    changes = {name: values[name] for name in EDITABLE}
    changes["zone_id"] = zone_for_point(values["lat"], values["lon"])
    return services.update(restriction, actor, changes, note=_("edited on the phone"))


def received(submission: Submission, actor: Any) -> None:
    values = restriction_values(submission.data)
    replaced = previous(submission)
    earlier = records_of(replaced, Restriction) if replaced is not None else []
    if earlier:
        restriction = earlier[0]
        amend_restriction(restriction, values, actor)
    else:
        restriction = create_restriction({**values, "team": fields.observer(actor)["team"]}, actor)
    link(submission, restriction, actor)


FORM = register(BuiltinForm(FORM_ID, "movement_restriction.csv", handler=received))
