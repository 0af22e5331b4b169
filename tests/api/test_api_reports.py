"""Reports through the API: who sees which, the files as stored, drafting and the workflow."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from raqib.accounts.models import User
from raqib.core import audit
from raqib.core.models import AuditEntry
from raqib.reports import services, store
from raqib.reports.models import Report

pytestmark = pytest.mark.django_db

DAY = dt.date(2021, 1, 10)
As = Callable[[str], Any]


def publish(report: Report, users: dict[str, User]) -> Report:
    reviewer = users["chief"] if report.drafted_by == users["verifier"] else users["verifier"]
    services.transition(report, "reviewed", reviewer)
    services.transition(report, "approved", users["chief"])
    services.transition(report, "published", users["chief"])
    report.refresh_from_db()
    return report


@pytest.fixture
def three(users: dict[str, User], zone: Any) -> dict[str, Report]:
    """A published public summary, a published daily report and a draft public summary."""
    chief = users["chief"]
    summary = publish(services.create_report("public", DAY, DAY + dt.timedelta(days=6), "en", chief), users)
    daily = publish(services.create_report("daily", DAY, DAY, "en", chief), users)
    draft = services.create_report("public", DAY, DAY, "ar", chief)
    return {"summary": summary, "daily": daily, "draft": draft}


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [r["id"] for r in response.json()["items"]]


def download(response: Any) -> bytes:
    return b"".join(response.streaming_content)


# --- who sees what -----------------------------------------------------------------------------------


def test_the_chief_lists_every_report_newest_first(as_: As, three: dict[str, Report]) -> None:
    assert ids(as_("chief").get_json("/reports")) == [three["draft"].pk, three["daily"].pk, three["summary"].pk]
    assert ids(as_("monitor").get_json("/reports")) == [three["draft"].pk, three["daily"].pk, three["summary"].pk]


@pytest.mark.parametrize("role", ["liaison_gna", "public"])
def test_a_liaison_and_the_public_see_only_published_public_summaries(as_: As, three: dict[str, Report],
                                                                        role: str) -> None:
    client = as_(role)
    summary = three["summary"]

    assert ids(client.get_json("/reports")) == [summary.pk]
    assert ids(client.get_json("/reports", kind="daily")) == []
    detail = client.get_json(f"/reports/{summary.pk}")
    assert detail.status_code == 200 and detail.json()["reference"] == summary.reference
    assert download(client.get_json(f"/reports/{summary.pk}/files/pdf")) == store.read(summary.pdf_sha256)
    for other in (three["daily"], three["draft"]):
        for path in (f"/reports/{other.pk}", f"/reports/{other.pk}/files/pdf", f"/reports/{other.pk}/files/html",
                     f"/reports/{other.pk}/files/manifest"):
            response = client.get_json(path)
            assert response.status_code == 404, path
            assert response.json() == {"error": "No such report."}


def test_only_the_staff_are_told_who_drafted_reviewed_and_approved(as_: As, three: dict[str, Report]) -> None:
    pk = three["summary"].pk
    staff = as_("monitor").get_json(f"/reports/{pk}").json()
    public = as_("public").get_json(f"/reports/{pk}").json()

    assert (staff["drafted_by"], staff["reviewed_by"], staff["approved_by"]) == ("chief", "verifier", "chief")
    assert (public["drafted_by"], public["reviewed_by"], public["approved_by"]) == (None, None, None)


def test_the_list_is_paged_and_filtered_by_kind_and_state(as_: As, three: dict[str, Report]) -> None:
    client = as_("chief")
    first = client.get_json("/reports", limit=2).json()
    second = client.get_json("/reports", limit=2, cursor=first["next"]).json()

    assert [r["id"] for r in first["items"] + second["items"]] == [three["draft"].pk, three["daily"].pk,
                                                                   three["summary"].pk]
    assert second["next"] is None
    assert ids(client.get_json("/reports", kind="public")) == [three["draft"].pk, three["summary"].pk]
    assert ids(client.get_json("/reports", state="published")) == [three["daily"].pk, three["summary"].pk]
    assert ids(client.get_json("/reports", kind="public", state="draft")) == [three["draft"].pk]


@pytest.mark.parametrize("query,message", [
    ({"kind": "weekly"}, "Unknown kind of report “weekly”."),
    ({"state": "issued"}, "Unknown report state “issued”."),
    ({"cursor": "not-a-cursor"}, "The cursor is not valid; use the “next” value of the previous page as it is."),
])
def test_a_bad_filter_is_refused_with_a_message(as_: As, users: dict[str, User], query: dict[str, str],
                                                message: str) -> None:
    response = as_("chief").get_json("/reports", **query)

    assert response.status_code == 400
    assert response.json() == {"error": message}


# --- the files ---------------------------------------------------------------------------------------


def test_a_published_report_downloads_as_stored_with_its_sha256(as_: As, three: dict[str, Report]) -> None:
    summary = three["summary"]
    client = as_("liaison_lna")
    files = {f["name"]: f for f in client.get_json(f"/reports/{summary.pk}").json()["files"]}

    for name, digest, media in (("pdf", summary.pdf_sha256, "application/pdf"),
                                ("html", summary.html_sha256, "text/html; charset=utf-8"),
                                ("manifest", summary.manifest_sha256, "application/json")):
        response = client.get(files[name]["url"])
        body = download(response)
        assert response.status_code == 200 and response["Content-Type"] == media
        assert response["Content-Disposition"] == f'attachment; filename="{files[name]["filename"]}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert body == store.read(digest)
        assert hashlib.sha256(body).hexdigest() == digest == files[name]["sha256"]
        assert len(body) == files[name]["size"]
    assert files["pdf"]["filename"] == summary.filename("pdf") and files["pdf"]["size"] == summary.pdf_size
    assert json.loads(download(client.get(files["manifest"]["url"])))  # the signed manifest is JSON


def test_the_detail_of_a_published_report_names_its_files_and_manifest(as_: As, three: dict[str, Report]) -> None:
    daily = three["daily"]
    detail = as_("chief").get_json(f"/reports/{daily.pk}").json()

    assert (detail["kind"], detail["lang"], detail["state"], detail["frozen"], detail["signed"]) == \
        ("daily", "en", "published", True, True)
    assert (detail["period_start"], detail["period_end"]) == ("2021-01-10", "2021-01-10")
    assert detail["published_at"] is not None and detail["next_states"] == [] and detail["moves"] == []
    assert [f["name"] for f in detail["files"]] == ["pdf", "html", "manifest"]
    assert [f["sha256"] for f in detail["files"]] == [daily.pdf_sha256, daily.html_sha256, daily.manifest_sha256]
    assert detail["files"][0]["url"] == f"/api/v1/reports/{daily.pk}/files/pdf"


def test_a_drafts_files_are_rendered_now_and_it_has_no_manifest(as_: As, users: dict[str, User], zone: Any) -> None:
    draft = services.create_report("daily", DAY, DAY, "ar", users["chief"])
    client = as_("verifier")

    detail = client.get_json(f"/reports/{draft.pk}").json()
    html = client.get_json(f"/reports/{draft.pk}/files/html")

    assert [(f["name"], f["sha256"], f["size"]) for f in detail["files"]] == [("pdf", None, None),
                                                                            ("html", None, None)]
    assert html.status_code == 200 and html["Content-Type"] == "text/html; charset=utf-8"
    assert b'dir="rtl"' in download(html)
    assert html["Content-Disposition"] == f'attachment; filename="{draft.filename("html")}"'
    manifest = client.get_json(f"/reports/{draft.pk}/files/manifest")
    assert manifest.status_code == 404
    assert manifest.json() == {"error": "Only a published report has a signed manifest."}


def test_an_unknown_file_or_report_is_a_404(as_: As, users: dict[str, User]) -> None:
    draft = services.create_report("daily", DAY, DAY, "en", users["chief"])
    client = as_("chief")

    assert client.get_json(f"/reports/{draft.pk}/files/exe").status_code == 404
    assert client.get_json(f"/reports/{draft.pk + 1}").status_code == 404
    assert client.get_json(f"/reports/{2**63}/files/pdf").status_code == 404


def test_a_published_file_missing_from_the_store_is_a_404(as_: As, three: dict[str, Report]) -> None:
    summary = three["summary"]
    Report.objects.filter(pk=summary.pk).update(pdf_sha256="0" * 64)

    response = as_("chief").get_json(f"/reports/{summary.pk}/files/pdf")

    assert response.status_code == 404
    assert response.json() == {"error": "The file of this published report is missing from the report store."}


# --- drafting --------------------------------------------------------------------------------------


def test_a_verifier_drafts_a_report(as_: As, users: dict[str, User]) -> None:
    response = as_("verifier").post_json("/reports", {"kind": "periodic", "period_start": "2021-01-01",
                                                      "period_end": "2021-01-30", "lang": "ar"})

    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert response.json()["id"] == report.pk and response.json()["state"] == "draft"
    assert (report.kind, report.period_start, report.period_end, report.lang, report.drafted_by) == \
        ("periodic", dt.date(2021, 1, 1), dt.date(2021, 1, 30), "ar", users["verifier"])
    assert response.json()["moves"] == []  # the drafter reviews not their own; withholding is the chief's
    assert list(audit.verify()) == []


def test_a_daily_draft_covers_the_day_given(as_: As, users: dict[str, User]) -> None:
    response = as_("chief").post_json("/reports", {"kind": "daily", "period_start": "2021-01-05",
                                                   "period_end": "2021-01-09", "lang": "en"})

    assert response.status_code == 201
    report = Report.objects.get()
    assert report.period_start == report.period_end == dt.date(2021, 1, 5)
    assert response.json()["moves"] == ["withheld"]  # the chief drafted it: someone else reviews


@pytest.mark.parametrize("body,status,message", [
    ({"kind": "periodic", "period_start": "2021-01-05", "period_end": "2021-01-01", "lang": "en"}, 400,
     "The period ends before it starts."),
    ({"kind": "weekly", "period_start": "2021-01-05", "lang": "en"}, 400, "Unknown kind of report “weekly”."),
    ({"kind": "daily", "period_start": "2021-01-05", "lang": "fr"}, 400,
     "Reports are written in Arabic (ar) or English (en)."),
    ({"kind": "daily", "period_start": "2021-W01-1", "lang": "en"}, 422,
     "period_start: must be a date written YYYY-MM-DD, e.g. 2021-01-10"),
    ({"kind": "daily", "period_start": "9999-12-31", "lang": "en"}, 422,
     "period_start: must be between the years 1900 and 2200"),
])
def test_a_bad_draft_is_refused_with_a_message(as_: As, users: dict[str, User], body: dict[str, str], status: int,
                                               message: str) -> None:
    response = as_("chief").post_json("/reports", body)

    assert response.status_code == status and response.json() == {"error": message}
    assert not Report.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "team_leader", "liaison_gna", "public"])
def test_others_may_not_draft(as_: As, users: dict[str, User], role: str) -> None:
    response = as_(role).post_json("/reports", {"kind": "daily", "period_start": "2021-01-05", "lang": "en"})

    assert response.status_code == 403
    assert response.json() == {"error": "Only a verifier or the chief may draft a report."}
    assert not Report.objects.exists()


# --- the workflow ----------------------------------------------------------------------------------


@pytest.fixture
def draft(users: dict[str, User], zone: Any) -> Report:
    return services.create_report("daily", DAY, DAY, "en", users["verifier"])


def test_the_chief_moves_a_report_to_publication(as_: As, users: dict[str, User], draft: Report) -> None:
    client = as_("chief")

    reviewed = client.post_json(f"/reports/{draft.pk}/transition", {"state": "reviewed", "note": "checked"})
    assert reviewed.status_code == 200, reviewed.content
    assert (reviewed.json()["state"], reviewed.json()["reviewed_by"]) == ("reviewed", "chief")
    assert client.post_json(f"/reports/{draft.pk}/transition", {"state": "approved"}).status_code == 200
    published = client.post_json(f"/reports/{draft.pk}/transition", {"state": "published"})

    assert published.status_code == 200
    draft.refresh_from_db()
    assert draft.state == "published" and draft.frozen and draft.approved_by == users["chief"]
    assert published.json()["files"][0]["sha256"] == draft.pdf_sha256
    entry = AuditEntry.objects.filter(model="reports.report", object_id=str(draft.pk)).order_by("seq")[1]
    assert (entry.after or {})["state"] == "reviewed" and entry.note == "checked"
    assert list(audit.verify()) == []


@pytest.mark.parametrize("role,state,message", [
    ("monitor", "reviewed", "Only a verifier or the chief may review a report."),
    ("monitor", "withheld", "Only the chief may withhold a report."),
    ("verifier", "reviewed", "A report is reviewed by someone other than its drafter."),
    ("verifier", "withheld", "Only the chief may withhold a report."),
])
def test_the_wrong_role_is_refused_with_a_403(as_: As, draft: Report, role: str, state: str, message: str) -> None:
    response = as_(role).post_json(f"/reports/{draft.pk}/transition", {"state": state})

    assert response.status_code == 403 and response.json() == {"error": message}
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.reviewed_by is None


def test_an_illegal_move_is_a_409(as_: As, draft: Report) -> None:
    response = as_("chief").post_json(f"/reports/{draft.pk}/transition", {"state": "published"})

    assert response.status_code == 409
    assert response.json() == {"error": "A report cannot move from “draft” to “published”."}
    draft.refresh_from_db()
    assert draft.state == "draft" and not draft.pdf_sha256


def test_an_unknown_state_is_a_400(as_: As, draft: Report) -> None:
    response = as_("chief").post_json(f"/reports/{draft.pk}/transition", {"state": "issued"})

    assert response.status_code == 400 and response.json() == {"error": "Unknown report state “issued”."}


def test_a_liaison_may_not_move_a_report_it_sees_nor_find_one_it_does_not(as_: As, three: dict[str, Report]) -> None:
    client = as_("liaison_gna")

    seen = client.post_json(f"/reports/{three['summary'].pk}/transition", {"state": "draft"})
    unseen = client.post_json(f"/reports/{three['draft'].pk}/transition", {"state": "withheld"})

    assert seen.status_code == 403
    assert seen.json() == {"error": "Only the chief may approve a report or send it back."}
    assert unseen.status_code == 404 and unseen.json() == {"error": "No such report."}
    three["draft"].refresh_from_db()
    assert three["draft"].state == "draft"


def test_the_moves_offered_are_those_the_caller_may_make(as_: As, draft: Report) -> None:
    assert as_("chief").get_json(f"/reports/{draft.pk}").json()["moves"] == ["reviewed", "withheld"]
    assert as_("verifier").get_json(f"/reports/{draft.pk}").json()["moves"] == []
    assert as_("monitor").get_json(f"/reports/{draft.pk}").json()["moves"] == []
    assert as_("chief").get_json(f"/reports/{draft.pk}").json()["next_states"] == ["reviewed", "withheld"]
