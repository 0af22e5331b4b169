"""``/candidates``: events the news intake found in articles, waiting for an analyst to accept
(an incident in the ``received`` state, never verified here) or reject (with a reason).
Analysts only: everyone else may see no candidate."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field

from raqib.api.auth import actor
from raqib.api.lookups import Refs, get_visible, readable, require
from raqib.api.pagination import page
from raqib.api.schemas.common import Input, Key, Lat, Long, Lon, Output, PageQuery
from raqib.core.errors import Invalid
from raqib.osint import services
from raqib.osint.models import Candidate

router = Router(tags=["candidates"])
ORDER = ("-id",)


# --- schemas ------------------------------------------------------------------------------


class CandidateFilters(PageQuery):
    state: Literal["pending", "accepted", "rejected"] | None = Field(
        None, description="pending, accepted or rejected; all when left out.")


class CandidateSourceOut(Output):
    url: str
    title: str
    source: str
    published_at: dt.datetime | None
    evidence: str
    confidence: float


class CandidateOut(Output):
    id: int
    category: str
    subtype: str
    place: str | None
    place_text: str
    lat: float | None
    lon: float | None
    date: dt.date | None
    date_from_publication: bool
    actors: list[str]
    killed: int | None
    injured: int | None
    evidence: str
    language: str
    confidence: float
    state: str
    reason: str
    incident: int | None
    decided_at: dt.datetime | None
    created_at: dt.datetime
    sources: list[CandidateSourceOut]


class CandidatePage(Output):
    items: list[CandidateOut]
    next: str | None


class AcceptIn(Input):
    """Corrections to the candidate before the incident is made from it; all optional."""

    category: Key | None = None
    subtype: Key | None = None
    place: Key | None = Field(None, description="A place's key.")
    lat: Lat | None = None
    lon: Lon | None = None
    date: dt.date | None = None
    note: Long = ""


class RejectIn(Input):
    reason: Long = Field(min_length=1)


class AcceptedOut(Output):
    incident: int
    reference: str
    candidate: CandidateOut


COPIED = ("id", "category", "subtype", "place_text", "lat", "lon", "date", "date_from_publication", "killed",
          "injured", "evidence", "language", "confidence", "state", "reason", "decided_at", "created_at")


def candidate_out(c: Candidate) -> dict[str, Any]:
    return {
        **{name: getattr(c, name) for name in COPIED},
        "place": None if c.place is None else c.place.key,
        "actors": [str(a) for a in c.actors or []],
        "incident": c.incident_id,
        "sources": [{"url": cs.article.url, "title": cs.article.title, "source": cs.article.source.name,
                     "published_at": cs.article.published_at, "evidence": cs.evidence,
                     "confidence": cs.confidence}
                    for cs in c.sources.all()],
    }


def candidates() -> QuerySet[Candidate]:
    return Candidate.objects.select_related("place").prefetch_related("sources__article__source")


def load(candidate_id: int, user: Any) -> Candidate:
    return get_visible(candidates(), user, pk=candidate_id)


# --- views --------------------------------------------------------------------------------


@router.get("", response=CandidatePage, summary="List candidate events")
def list_candidates(request: HttpRequest, filters: Query[CandidateFilters]) -> dict[str, Any]:
    qs = readable(candidates(), actor(request))
    if filters.state is not None:
        qs = qs.filter(state=filters.state)
    rows, after = page(qs, ORDER, filters.cursor, filters.limit)
    return {"items": [candidate_out(c) for c in rows], "next": after}


@router.get("/{int:candidate_id}", response=CandidateOut, summary="Read a candidate event")
def read(request: HttpRequest, candidate_id: int) -> dict[str, Any]:
    return candidate_out(load(candidate_id, actor(request)))


@router.post("/{int:candidate_id}/accept", response={201: AcceptedOut}, summary="Accept a candidate event")
def accept(request: HttpRequest, candidate_id: int, payload: AcceptIn | None = None) -> dict[str, Any]:
    user = actor(request)
    candidate = load(candidate_id, user)
    require(user, "candidate.decide", candidate, _("Only a verifier, the chief or an administrator may accept "
                                                   "a candidate."))
    values = payload.model_dump(exclude_unset=True) if payload is not None else {}
    note = values.pop("note", "")
    changes = {k: v for k, v in values.items() if v is not None}
    if "place" in changes:
        changes["place"] = Refs(user).place(changes["place"])
    if ("lat" in changes) != ("lon" in changes):
        raise Invalid(_("Give both lat and lon, or neither."))
    incident = services.accept_candidate(candidate, user, changes, note=note)
    return {"incident": incident.pk, "reference": incident.reference,
            "candidate": candidate_out(load(candidate_id, user))}


@router.post("/{int:candidate_id}/reject", response=CandidateOut, summary="Reject a candidate event")
def reject(request: HttpRequest, candidate_id: int, payload: RejectIn) -> dict[str, Any]:
    user = actor(request)
    candidate = load(candidate_id, user)
    require(user, "candidate.decide", candidate, _("Only a verifier, the chief or an administrator may reject "
                                                   "a candidate."))
    services.reject_candidate(candidate, user, payload.reason)
    return candidate_out(load(candidate_id, user))
