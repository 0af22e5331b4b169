"""The report pages: the list, a new draft, the workflow buttons, the files, the public page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.reports import services
from raqib.reports.models import Report

DAY = dt.date(2021, 1, 10)


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make


def publish(report: Report, users: dict[str, User]) -> Report:
    services.transition(report, "reviewed", users["verifier"] if report.drafted_by != users["verifier"]
                        else users["chief"])
    services.transition(report, "approved", users["chief"])
    services.transition(report, "published", users["chief"])
    report.refresh_from_db()
    return report


def test_a_verifier_creates_a_draft_from_the_page(as_user: Callable[[str], Client], zone: Any) -> None:
    response = as_user("verifier").post("/reports/new/", {"kind": "periodic", "period_start": "2021-01-01",
                                                          "period_end": "2021-01-30", "lang": "ar"})

    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert (report.kind, report.period_start, report.period_end, report.lang, report.state) == \
        ("periodic", dt.date(2021, 1, 1), dt.date(2021, 1, 30), "ar", "draft")


def test_a_daily_draft_covers_the_day_given(as_user: Callable[[str], Client], zone: Any) -> None:
    as_user("chief").post("/reports/new/", {"kind": "daily", "period_start": "2021-01-05",
                                            "period_end": "2021-01-09", "lang": "en"})

    report = Report.objects.get()
    assert report.period_start == report.period_end == dt.date(2021, 1, 5)


def test_a_bad_period_is_refused_with_a_message(as_user: Callable[[str], Client], zone: Any) -> None:
    response = as_user("chief").post("/reports/new/", {"kind": "periodic", "period_start": "2021-01-05",
                                                       "period_end": "2021-01-01", "lang": "en"})

    assert response.status_code == 400 and b"ends before it starts" in response.content
    assert not Report.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "liaison_gna", "public"])
def test_others_may_not_draft(as_user: Callable[[str], Client], role: str) -> None:
    response = as_user(role).post("/reports/new/", {"kind": "daily", "period_start": "2021-01-05", "lang": "en"})

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_the_staff_list_every_report_and_others_are_turned_away(as_user: Callable[[str], Client],
                                                                 users: dict[str, User]) -> None:
    report = services.create_report("daily", DAY, DAY, "en", users["chief"])

    assert report.reference.encode() in as_user("monitor").get("/reports/").content
    assert as_user("public").get("/reports/").status_code == 403
    assert as_user("liaison_gna").get("/reports/").status_code == 403


def test_the_preview_and_the_pdf_of_a_draft(as_user: Callable[[str], Client], users: dict[str, User],
                                            zone: Any) -> None:
    report = services.create_report("daily", DAY, DAY, "ar", users["chief"])
    client = as_user("verifier")

    page = client.get(f"/reports/{report.pk}/file/html/")
    pdf = client.get(f"/reports/{report.pk}/file/pdf/")

    assert page.status_code == 200 and b'dir="rtl"' in page.content
    assert "'unsafe-inline'" in page["Content-Security-Policy"].split("style-src")[1].split(";")[0]
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert client.get(f"/reports/{report.pk}/file/manifest/").status_code == 404
    assert client.get(f"/reports/{report.pk}/file/exe/").status_code == 404


def test_the_workflow_buttons_move_the_report(as_user: Callable[[str], Client], users: dict[str, User],
                                              zone: Any) -> None:
    report = services.create_report("daily", DAY, DAY, "en", users["verifier"])

    own = as_user("verifier").get(f"/reports/{report.pk}/")
    refused = as_user("verifier").post(f"/reports/{report.pk}/move/", {"state": "reviewed"})
    moved = as_user("chief").post(f"/reports/{report.pk}/move/", {"state": "reviewed", "note": "fine"})

    assert b'value="reviewed"' not in own.content  # not for the drafter
    assert refused.status_code == 403  # the drafter has no move to make here
    assert moved.status_code == 302
    report.refresh_from_db()
    assert report.state == "reviewed" and report.reviewed_by == users["chief"]
    assert as_user("monitor").post(f"/reports/{report.pk}/move/", {"state": "approved"}).status_code == 403


def test_an_illegal_move_from_the_page_is_refused(as_user: Callable[[str], Client], users: dict[str, User]) -> None:
    report = services.create_report("daily", DAY, DAY, "en", users["verifier"])

    response = as_user("chief").post(f"/reports/{report.pk}/move/", {"state": "published"})

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == "draft"


def test_the_public_page_lists_published_public_summaries_only(as_user: Callable[[str], Client],
                                                               users: dict[str, User], zone: Any) -> None:
    summary = publish(services.create_report("public", DAY, DAY + dt.timedelta(days=6), "en", users["chief"]),
                      users)
    daily = publish(services.create_report("daily", DAY, DAY, "en", users["chief"]), users)
    draft = services.create_report("public", DAY, DAY, "ar", users["chief"])
    client = as_user("public")

    page = client.get("/public/reports/")

    assert page.status_code == 200
    assert f"/reports/{summary.pk}/file/pdf/".encode() in page.content
    assert f"/reports/{daily.pk}/".encode() not in page.content
    download = client.get(f"/reports/{summary.pk}/file/pdf/")
    assert download.status_code == 200 and download.content == services.content(summary, "pdf")
    assert client.get(f"/reports/{summary.pk}/file/manifest/").status_code == 200
    assert client.get(f"/reports/{daily.pk}/file/pdf/").status_code == 404
    assert client.get(f"/reports/{draft.pk}/file/html/").status_code == 404
    assert client.get(f"/reports/{summary.pk}/").status_code == 200


def test_the_menu_shows_reports_to_the_staff_and_public_reports_to_the_public(
        as_user: Callable[[str], Client]) -> None:
    assert b'href="/reports/"' in as_user("verifier").get("/public/reports/").content
    public = as_user("public").get("/public/reports/").content
    assert b'href="/public/reports/"' in public and b'href="/reports/"' not in public
