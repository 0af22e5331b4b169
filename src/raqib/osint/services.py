"""Writing news sources, articles and candidate events, and the analyst's decision on a
candidate. Every write goes through :mod:`raqib.core.services`, so the audit chain records it.

Who may do what is asked of :mod:`raqib.core.access`: news sources are configured by
administrators (``reference.edit``); articles, candidates and news sources are seen by analysts
only (``visible``); articles and candidates are written by the system (intake and the worker,
``actor=None``) or an analyst, and only an analyst (verifier, chief, administrator) accepts or
rejects a candidate (``candidate.decide``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Forbidden, IllegalTransition, Invalid
from raqib.osint import dedupe
from raqib.osint.extract.textnorm import language
from raqib.osint.intake import RawArticle
from raqib.osint.models import Article, Candidate, CandidateSource, NewsSource

SOURCE_FIELDS = frozenset({"kind", "url", "language", "active", "reliability"})


def _analyst_or_system(actor: Any) -> bool:
    """The system or an analyst: those who may decide candidates also write news for them."""
    return access.can(actor, "candidate.decide")


def may_decide(actor: Any, candidate: Candidate | None = None) -> bool:
    """Whether ``actor`` may accept or reject candidates (``candidate`` when given)."""
    return access.can(actor, "candidate.decide", candidate)


def visible_candidates(actor: Any) -> QuerySet[Candidate]:
    return access.visible(Candidate.objects.all(), actor)


# --- news sources -----------------------------------------------------------------------


def upsert_source(name: str, values: dict[str, Any], actor: Any) -> tuple[NewsSource, bool]:
    if not access.can(actor, "reference.edit"):
        raise Forbidden(_("Only an administrator may configure news sources."))
    unknown = set(values) - SOURCE_FIELDS
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if not name.strip():
        raise Invalid(_("A news source needs a name."))
    return services.upsert(NewsSource, {"name": name.strip()[:200]}, values, actor)


def source_named(name: str, kind: str, actor: Any) -> NewsSource:
    """The news source called ``name``, created (inactive for fetching, reliability F) when new."""
    existing = NewsSource.objects.filter(name=name).first()
    if existing is not None:
        return existing
    return upsert_source(name, {"kind": kind, "active": kind != NewsSource.Kind.FEED}, actor)[0]


def record_fetch(source: NewsSource, error: str, actor: Any = None) -> None:
    services.update(source, actor, {"last_error": error[:500]}, validate=False)


def claim_fetch(source: NewsSource, due_before: dt.datetime | None) -> bool:
    """Mark ``source`` fetched now unless another worker fetched it since ``due_before``
    (None: fetch whatever the time); True when this caller owns the fetch."""
    with transaction.atomic():
        qs = NewsSource.objects.select_for_update().filter(pk=source.pk, active=True)
        if due_before is not None:
            qs = qs.filter(Q(last_fetched__isnull=True) | Q(last_fetched__lt=due_before))
        locked = qs.first()
        if locked is None:
            return False
        services.update(locked, None, {"last_fetched": timezone.now()}, validate=False)
    source.refresh_from_db()
    return True


# --- articles ---------------------------------------------------------------------------


@dataclass
class StoreReport:
    stored: int = 0
    duplicates: int = 0

    def add(self, other: StoreReport) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates


def _valid_url(url: str) -> str:
    url = dedupe.normalize_url(url)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url if len(url) <= 1000 else ""


def find_duplicate(url: str, text: str, digest: str, bands: list[int]) -> Article | None:
    """The stored article with this address, this text or a near-duplicate text, if any."""
    if url:
        found = Article.objects.filter(url=url).first()
        if found is not None:
            return found
    found = Article.objects.filter(text_hash=digest).first()
    if found is not None:
        return found
    same_band = Q()
    for i, key in enumerate(bands):
        same_band |= Q(**{f"lsh_{i}": key})
    for other in Article.objects.filter(same_band).only("pk", "text")[:50]:
        if dedupe.similarity(text, other.text) >= dedupe.NEAR_DUPLICATE:
            return other
    return None


def store_article(source: NewsSource, raw: RawArticle, actor: Any = None) -> tuple[Article, bool]:
    """Store ``raw`` unless it is already stored (same address, same or nearly the same text);
    returns the article and whether it is new."""
    if not _analyst_or_system(actor):
        raise Forbidden(_("Only an analyst may add news articles."))
    if not raw.text.strip():
        raise Invalid(_("An article needs a text."))
    url, digest, bands = _valid_url(raw.url), dedupe.text_hash(raw.text), dedupe.bands(raw.text)
    lang = raw.lang or source.language or language(raw.text)
    with transaction.atomic():
        existing = find_duplicate(url, raw.text, digest, bands)
        if existing is not None:
            return existing, False
        article = Article(source=source, url=url, text_hash=digest, published_at=raw.published_at, lang=lang,
                          title=raw.title, text=raw.text, **{f"lsh_{i}": key for i, key in enumerate(bands)})
        return services.create(article, actor), True


def store_articles(source: NewsSource, raws: Iterable[RawArticle], actor: Any = None) -> StoreReport:
    report = StoreReport()
    for raw in raws:
        _article, created = store_article(source, raw, actor)
        if created:
            report.stored += 1
        else:
            report.duplicates += 1
    return report


def mark_processed(article: Article) -> None:
    # ``processed`` is left out of the audited state: this records nothing in the chain.
    services.update(article, None, {"processed": True}, validate=False)


# --- candidates -------------------------------------------------------------------------


def exclusive() -> None:
    """Inside a transaction: one writer of candidates at a time, so matching an event to a
    candidate and creating it cannot interleave with another worker's. SQLite's IMMEDIATE
    transactions already serialise writers; PostgreSQL takes a transaction advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x0517_4E45])


def create_candidate(values: dict[str, Any], article: Article, evidence: str, confidence: float,
                     actor: Any = None) -> Candidate:
    if not _analyst_or_system(actor):
        raise Forbidden(_("Only an analyst may add candidate events."))
    with transaction.atomic():
        candidate = services.create(Candidate(**values), actor)
        add_candidate_source(candidate, article, evidence, confidence, actor)
    return candidate


def add_candidate_source(candidate: Candidate, article: Article, evidence: str, confidence: float,
                         actor: Any = None) -> CandidateSource | None:
    """Link ``article`` to ``candidate`` (None when it already is)."""
    if CandidateSource.objects.filter(candidate=candidate, article=article).exists():
        return None
    return services.create(CandidateSource(candidate=candidate, article=article, evidence=evidence,
                                           confidence=confidence), actor)


def merge_into(candidate: Candidate, changes: dict[str, Any], actor: Any = None) -> None:
    services.update(candidate, actor, changes)


def reject_candidate(candidate: Candidate, actor: Any, reason: str) -> Candidate:
    """Reject a pending candidate, recording why."""
    if not may_decide(actor, candidate):
        raise Forbidden(_("Only a verifier, the chief or an administrator may reject a candidate."))
    reason = reason.strip()
    if not reason:
        raise Invalid(_("Say why the candidate is rejected."))
    with transaction.atomic():
        exclusive()
        current = _locked_pending(candidate, "rejected")
        services.update(current, actor, {"state": "rejected", "reason": reason, "decided_by": actor,
                                         "decided_at": timezone.now()}, note=reason[:500])
    candidate.refresh_from_db()
    return candidate


def _locked_pending(candidate: Candidate, state: str) -> Candidate:
    current = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if not current.can_move_to(state):
        raise IllegalTransition(_("A candidate cannot move from “%(from)s” to “%(to)s”.")
                                % {"from": current.state, "to": state})
    return current


def accept_candidate(candidate: Candidate, actor: Any, changes: dict[str, Any] | None = None,
                     note: str = "") -> Any:
    """Accept a pending candidate: an incident (verification ``received``, never verified here)
    with a news-article source per article. ``changes`` corrects the candidate's category,
    subtype, place, lat, lon or date first. Returns the incident."""
    from raqib.osint.accept import incident_from

    if not may_decide(actor, candidate):
        raise Forbidden(_("Only a verifier, the chief or an administrator may accept a candidate."))
    with transaction.atomic():
        exclusive()
        current = _locked_pending(candidate, "accepted")
        incident, corrected = incident_from(current, dict(changes or {}), actor)
        services.update(current, actor, {**corrected, "state": "accepted", "incident": incident,
                                         "decided_by": actor, "decided_at": timezone.now()}, note=note)
    candidate.refresh_from_db()
    return incident
