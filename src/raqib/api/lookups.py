"""Ownership first: find what the user may see (404 otherwise), then ask whether they may act
(403 otherwise). References inside a request body (a party's key, a place's key, a provision's
number) are resolved here too, through the same visibility rules."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.agreements.models import Agreement, Provision
from raqib.core import access
from raqib.core.errors import Forbidden, Invalid, NotFound
from raqib.geo.models import Place
from raqib.incidents.models import Allegation, Incident, Observation
from raqib.mission.models import Monitor, Team

M = TypeVar("M", bound=Model)
BIGINT = 2**63


def get_visible(qs: QuerySet[M], user: Any, **lookup: Any) -> M:
    """The one object of ``qs`` matching ``lookup`` that ``user`` may see, or 404."""
    if any(isinstance(v, int) and not -BIGINT < v < BIGINT for v in lookup.values()):
        raise _missing(qs.model)
    obj = access.visible(qs, user).filter(**lookup).first()
    if obj is None:
        raise _missing(qs.model)
    return obj


def _missing(model: type[Model]) -> NotFound:
    return NotFound(_("No such %(thing)s.") % {"thing": model._meta.verbose_name})


def readable(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    """The part of ``qs`` the user may see; 403 when their role may see nothing of its kind
    (a list answers "not for you" rather than an empty page)."""
    qs = access.visible(qs, user)
    if qs.query.is_empty():
        raise Forbidden(_("Your role may not read %(things)s.") % {"things": qs.model._meta.verbose_name_plural})
    return qs


def require(user: Any, action: str, obj: Model | None = None, message: str | None = None) -> None:
    if not access.can(user, action, obj):
        raise Forbidden(message or _("Your role may not do this."))


class Refs:
    """Resolves the references of one request, remembering each (a bulk names the same party
    a thousand times)."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._seen: dict[tuple[str, Any], Any] = {}
        self._agreement: Agreement | None = None

    def _one(self, qs: QuerySet[M], what: str, value: Any, **lookup: Any) -> M:
        memo = (qs.model._meta.label, value)
        if memo not in self._seen:
            if isinstance(value, int) and not 0 < value < BIGINT:
                obj = None
            else:
                obj = access.visible(qs, self.user).filter(**lookup).first()
            if obj is None:
                raise Invalid(_("Unknown %(what)s “%(value)s”.") % {"what": what, "value": value})
            self._seen[memo] = obj
        return self._seen[memo]

    def party(self, key: str) -> Party:
        return self._one(Party.objects.all(), _("party"), key, key=key)

    def place(self, key: str) -> Place:
        return self._one(Place.objects.all(), _("place"), key, key=key)

    def incident(self, pk: int) -> Incident:
        return self._one(Incident.objects.all(), _("incident"), pk, pk=pk)

    def observation(self, pk: int) -> Observation:
        return self._one(Observation.objects.all(), _("observation"), pk, pk=pk)

    def allegation(self, pk: int) -> Allegation:
        return self._one(Allegation.objects.all(), _("allegation"), pk, pk=pk)

    def team(self, pk: int) -> Team:
        return self._one(Team.objects.all(), _("team"), pk, pk=pk)

    def monitor(self, pk: int) -> Monitor:
        return self._one(Monitor.objects.all(), _("monitor"), pk, pk=pk)

    def provision(self, ref: int | str) -> Provision:
        """A provision by id, or by its number (a string) in the current agreement."""
        if isinstance(ref, int):
            return self._one(Provision.objects.all(), _("provision"), ref, pk=ref)
        return self._one(Provision.objects.all(), _("provision"), ref, agreement=self.current_agreement(), number=ref)

    def current_agreement(self) -> Agreement | None:
        """The agreement signed last: provision numbers refer to it."""
        if self._agreement is None:
            self._agreement = access.visible(Agreement.objects.order_by("-signed_on", "-pk"), self.user).first()
        return self._agreement

    def maybe(self, method: str, value: Any) -> Any:
        return None if value is None else getattr(self, method)(value)


def user_named(username: str) -> User:
    """An active user by name; only analysts reach this (to assign a case), so it may say so."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise Invalid(_("Unknown user “%(name)s”.") % {"name": username})
    return user
