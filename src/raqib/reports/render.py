"""Rendering a report: the sections' contexts into one Django template, as HTML, and the same
HTML into PDF with WeasyPrint (pango shapes and joins the Arabic; the Arabic font is Amiri).

Everything is rendered inside ``translation.override(lang)`` and the mission's time zone, so a
report reads the same whoever asks for it and whatever their page's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from raqib.agreements.models import Agreement
from raqib.agreements.timezone import mission_timezone
from raqib.reports.registry import sections_for
from raqib.reports.spec import ReportSpec

FORMATS = ("html", "pdf")
TEMPLATE = "reports/report.html"


def title_of(kind: str) -> str:
    return {"daily": _("Daily report"), "periodic": _("Periodic report"), "public": _("Public summary")}[kind]


def context(spec: ReportSpec, *, reference: str = "", state: str = "") -> dict[str, Any]:
    """The whole report as a template context (call inside the report's language and time zone)."""
    agreement = Agreement.objects.order_by("-signed_on", "-pk").first()
    sections = []
    for section in sections_for(spec.kind):
        sections.append({"key": section.key, "title": str(section.title), "template": section.template,
                         "data": section.context(spec)})
    return {
        "spec": spec, "lang": spec.lang, "dir": spec.direction, "title": title_of(spec.kind),
        "agreement": (getattr(agreement, f"title_{spec.lang}", "") or agreement.title_en) if agreement else "",
        "reference": reference, "state": state, "draft": state != "published",
        "generated_at": timezone.localtime(timezone.now()), "sections": sections,
    }


def render_html(spec: ReportSpec, *, reference: str = "", state: str = "") -> str:
    with translation.override(spec.lang), timezone.override(mission_timezone()):
        return render_to_string(TEMPLATE, context(spec, reference=reference, state=state))


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # type: ignore[import-untyped]

    # The report embeds its charts and maps (data: URLs) and fetches nothing else.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    return pdf


def render(spec: ReportSpec, fmt: str, *, reference: str = "", state: str = "") -> bytes:
    html = render_html(spec, reference=reference, state=state)
    if fmt == "html":
        return html.encode("utf-8")
    return html_to_pdf(html)


def render_both(spec: ReportSpec, *, reference: str = "", state: str = "") -> tuple[bytes, bytes]:
    """(html, pdf) from one rendering of the template."""
    html = render_html(spec, reference=reference, state=state)
    return html.encode("utf-8"), html_to_pdf(html)


def today() -> dt.date:
    return timezone.localtime(timezone.now(), mission_timezone()).date()
