"""The report workflow: who drafts, reviews, approves, publishes and withholds; what publishing
freezes."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest

from raqib.accounts.models import User
from raqib.core import access
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.core.models import AuditEntry
from raqib.integrity import verify
from raqib.reports import services, store
from raqib.reports.models import Report

DAY = dt.date(2021, 1, 10)


@pytest.fixture
def draft(users: dict[str, User], zone: Any) -> Report:
    return services.create_report("daily", DAY, DAY, "en", users["verifier"])


def test_a_verifier_drafts_the_chief_reviews_approves_and_publishes(draft: Report, users: dict[str, User],
                                                                      make_incident: Any) -> None:
    make_incident()
    chief = users["chief"]

    services.transition(draft, "reviewed", chief)
    services.transition(draft, "approved", chief)
    services.transition(draft, "published", chief, note="issued")

    draft.refresh_from_db()
    assert draft.state == "published" and draft.frozen
    assert draft.drafted_by == users["verifier"] and draft.reviewed_by == chief and draft.approved_by == chief
    assert draft.published_at is not None
    assert hashlib.sha256(store.read(draft.pdf_sha256)).hexdigest() == draft.pdf_sha256
    assert store.read(draft.pdf_sha256).startswith(b"%PDF-")
    assert b"Daily report" in store.read(draft.html_sha256)
    assert draft.manifest_sha256 and store.exists(draft.manifest_sha256)


def test_each_step_is_in_the_audit_chain(draft: Report, users: dict[str, User]) -> None:
    services.transition(draft, "reviewed", users["chief"])
    services.transition(draft, "withheld", users["chief"], note="not now")

    entries = AuditEntry.objects.filter(model="reports.report", object_id=str(draft.pk)).order_by("seq")
    assert [e.action for e in entries] == ["create", "update", "update"]
    assert [(e.after or {})["state"] for e in entries] == ["draft", "reviewed", "withheld"]
    assert entries.last().note == "not now"  # type: ignore[union-attr]


def test_the_published_files_verify_against_their_signed_manifest(draft: Report, users: dict[str, User]) -> None:
    for state in ("reviewed", "approved", "published"):
        services.transition(draft, state, users["chief"])
    draft.refresh_from_db()

    issued = store.root() / "issued" / draft.reference
    pdf = issued / draft.filename("pdf")
    assert verify(pdf).valid
    pdf.chmod(0o644)
    pdf.write_bytes(pdf.read_bytes()[:-1] + b"!")
    assert not verify(pdf).valid


def test_a_published_report_is_frozen(draft: Report, users: dict[str, User], make_incident: Any) -> None:
    for state in ("reviewed", "approved", "published"):
        services.transition(draft, state, users["chief"])
    before = services.content(draft, "html")

    make_incident(occurred_start=dt.datetime(2021, 1, 10, 9, 0, tzinfo=dt.UTC))

    assert services.content(draft, "html") == before
    with pytest.raises(Conflict):
        services.update_report(draft, {"lang": "ar"}, users["chief"])
    with pytest.raises(IllegalTransition):
        services.transition(draft, "draft", users["chief"])
    with pytest.raises(IllegalTransition):
        services.transition(draft, "withheld", users["chief"])


def test_a_draft_is_rendered_afresh_each_time(draft: Report, make_incident: Any) -> None:
    before = services.content(draft, "html")

    make_incident(occurred_start=dt.datetime(2021, 1, 10, 9, 0, tzinfo=dt.UTC))

    assert services.content(draft, "html") != before


def test_it_refuses_an_illegal_transition(draft: Report, users: dict[str, User]) -> None:
    with pytest.raises(IllegalTransition):
        services.transition(draft, "published", users["chief"])
    with pytest.raises(IllegalTransition):
        services.transition(draft, "approved", users["chief"])
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_the_drafter_may_not_review_their_own_report(draft: Report, users: dict[str, User]) -> None:
    with pytest.raises(Forbidden):
        services.transition(draft, "reviewed", users["verifier"])
    assert not access.can(users["monitor"], "report.review")


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_only_verifiers_and_the_chief_draft(users: dict[str, User], role: str) -> None:
    with pytest.raises(Forbidden):
        services.create_report("daily", DAY, DAY, "en", users[role])


@pytest.mark.parametrize("state", ["approved", "withheld"])
def test_only_the_chief_approves_and_withholds(users: dict[str, User], state: str) -> None:
    report = services.create_report("periodic", DAY, DAY + dt.timedelta(days=29), "ar", users["chief"])
    services.transition(report, "reviewed", users["verifier"])

    with pytest.raises(Forbidden):
        services.transition(report, state, users["verifier"])
    services.transition(report, state, users["chief"])
    report.refresh_from_db()
    assert report.state == state


def test_only_the_chief_publishes(draft: Report, users: dict[str, User]) -> None:
    services.transition(draft, "reviewed", users["chief"])
    services.transition(draft, "approved", users["chief"])

    with pytest.raises(Forbidden):
        services.transition(draft, "published", users["verifier"])
    draft.refresh_from_db()
    assert draft.state == "approved" and not draft.pdf_sha256


def test_a_withheld_report_is_taken_up_again_as_a_draft(draft: Report, users: dict[str, User]) -> None:
    services.transition(draft, "withheld", users["chief"])
    services.transition(draft, "draft", users["chief"])

    services.update_report(draft, {"lang": "ar"}, users["verifier"])
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.lang == "ar"


@pytest.mark.parametrize("kind,start,end,lang", [
    ("daily", DAY, DAY + dt.timedelta(days=1), "en"),
    ("periodic", DAY, DAY - dt.timedelta(days=1), "en"),
    ("periodic", DAY, DAY + dt.timedelta(days=400), "en"),
    ("weekly", DAY, DAY, "en"),
    ("daily", DAY, DAY, "fr"),
])
def test_it_refuses_a_bad_kind_period_or_language(users: dict[str, User], kind: str, start: dt.date,
                                                   end: dt.date, lang: str) -> None:
    with pytest.raises(Invalid):
        services.create_report(kind, start, end, lang, users["chief"])
    assert not Report.objects.exists()


def test_the_public_sees_only_published_public_summaries(users: dict[str, User]) -> None:
    chief = users["chief"]
    summary = services.create_report("public", DAY, DAY + dt.timedelta(days=6), "en", chief)
    daily = services.create_report("daily", DAY, DAY, "en", chief)
    for report in (summary, daily):
        for state in ("reviewed", "approved", "published"):
            services.transition(report, state, users["verifier"] if state == "reviewed" else chief)
    unpublished = services.create_report("public", DAY, DAY, "en", chief)

    for role in ("public", "liaison_gna"):
        assert list(access.visible(Report.objects.all(), users[role])) == [summary]
    assert set(access.visible(Report.objects.all(), users["monitor"])) == {summary, daily, unpublished}
