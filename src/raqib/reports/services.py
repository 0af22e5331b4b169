"""The report workflow: draft → reviewed → approved → published, or withheld.

Who does what (see docs/modules/reports.md): a verifier or the chief drafts; a verifier (or the
chief) other than the drafter reviews; the chief approves, publishes and withholds; a reviewed or
approved report may be sent back to draft, a withheld one taken up again. Publishing renders
the report one last time, stores its PDF and HTML content-addressed (Raqib's file store) with a
signed manifest and freezes it: a published report is never rendered again nor edited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid, NotFound
from raqib.reports import render, store
from raqib.reports.models import Report
from raqib.reports.spec import ReportSpec

EDITABLE = ("period_start", "period_end", "lang")
# The action each move asks of raqib.core.access.
MOVE_ACTION = {"reviewed": "report.review", "approved": "report.approve", "published": "report.publish",
               "withheld": "report.withhold"}


def spec_of(report: Report) -> ReportSpec:
    return ReportSpec(report.kind, report.period_start, report.period_end, report.lang)


def create_report(kind: str, start: dt.date, end: dt.date, lang: str, actor: Any) -> Report:
    if not access.can(actor, "report.draft"):
        raise Forbidden(_("Only a verifier or the chief may draft a report."))
    ReportSpec(kind, start, end, lang)  # refuses a bad kind, language or period
    drafter = actor if actor is not None else None
    return services.create(Report(kind=kind, period_start=start, period_end=end, lang=lang, drafted_by=drafter),
                           actor)


def update_report(report: Report, changes: dict[str, Any], actor: Any) -> Report:
    """Change a draft's period or language."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if not access.can(actor, "report.draft", report):
        raise Forbidden(_("Only a verifier or the chief may edit a report."))
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if current.state != Report.State.DRAFT:
            raise Conflict(_("Only a draft can be edited; this report is “%(state)s”.")
                           % {"state": current.get_state_display()})
        merged = {f: changes.get(f, getattr(current, f)) for f in EDITABLE}
        ReportSpec(current.kind, merged["period_start"], merged["period_end"], merged["lang"])
        services.update(report, actor, changes)
    return report


def transition(report: Report, state: str, actor: Any, note: str = "") -> Report:
    if state not in Report.State.values:
        raise Invalid(_("Unknown report state “%(s)s”.") % {"s": state})
    check_role(report, state, actor)
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A report cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.state, "to": state})
        who = actor if actor is not None else None
        changes: dict[str, Any] = {"state": state}
        if state == "reviewed":
            check_role(current, state, actor)
            changes["reviewed_by"] = who
        elif state == "approved":
            changes["approved_by"] = who
        elif state == "draft":
            changes.update(reviewed_by=None, approved_by=None)
        elif state == "published":
            changes.update(_freeze(current))
        services.update(report, actor, changes, note=note)
    return report


def check_role(report: Report, state: str, actor: Any) -> None:
    """Refuse with Forbidden unless ``actor`` may move ``report`` to ``state`` (not whether the
    move itself is allowed from the report's state: that is the transition table's)."""
    if state == "draft":
        # Sending a reviewed report back is for reviewers; an approved or withheld one, the chief's.
        action = "report.review" if report.state == "reviewed" else "report.approve"
    else:
        action = MOVE_ACTION[state]
    if not access.can(actor, action, report):
        raise Forbidden({
            "report.review": _("Only a verifier or the chief may review a report."),
            "report.approve": _("Only the chief may approve a report or send it back."),
            "report.publish": _("Only the chief may publish a report."),
            "report.withhold": _("Only the chief may withhold a report."),
        }[action])
    if state == "reviewed" and actor is not None and report.drafted_by_id == actor.pk:
        raise Forbidden(_("A report is reviewed by someone other than its drafter."))


def allowed_moves(report: Report, actor: Any) -> list[str]:
    """The states ``actor`` may move ``report`` to now: the transition table's moves from its
    state that :func:`check_role` lets them make (what the page and the API offer)."""
    allowed = []
    for state in Report.TRANSITIONS.get(report.state, ()):
        try:
            check_role(report, state, actor)
        except Forbidden:
            continue
        allowed.append(state)
    return allowed


def _freeze(report: Report) -> dict[str, Any]:
    """Render the report one last time and keep its files; returns the fields to record."""
    html, pdf = render.render_both(spec_of(report), reference=report.reference, state="published")
    html_sha, html_size = store.put(html)
    pdf_sha, pdf_size = store.put(pdf)
    placed = store.issue(report.reference, {report.filename("pdf"): pdf, report.filename("html"): html})
    manifest_sha = ""
    manifest = sign(placed)
    if manifest is not None:
        manifest_sha, _size = store.put(manifest.read_bytes())
    return {"html_sha256": html_sha, "html_size": html_size, "pdf_sha256": pdf_sha, "pdf_size": pdf_size,
            "manifest_sha256": manifest_sha, "published_at": timezone.now()}


def sign(paths: list[Path], manifest: Path | None = None) -> Path | None:
    """The signed manifest of ``paths`` (raqib.integrity), or None where integrity is not installed."""
    if not apps.is_installed("raqib.integrity"):
        return None
    from raqib.integrity import sign_files

    return sign_files(paths, manifest)


def content(report: Report, fmt: str) -> bytes:
    """The report's file: the frozen one once published, else rendered now from the data."""
    if fmt not in ("pdf", "html", "manifest"):
        raise Invalid(_("Unknown format “%(f)s”.") % {"f": fmt})
    if report.frozen:
        digest = {"pdf": report.pdf_sha256, "html": report.html_sha256, "manifest": report.manifest_sha256}[fmt]
        if not digest or not store.exists(digest):
            raise NotFound(_("The file of this published report is missing from the report store."))
        return store.read(digest)
    if fmt == "manifest":
        raise NotFound(_("Only a published report has a signed manifest."))
    return render.render(spec_of(report), fmt, reference=report.reference, state=report.state)


def write_file(spec: ReportSpec, fmt: str, out: Path) -> tuple[Path, Path | None]:
    """Render ``spec`` into ``out`` (as the system: the command line) and sign it."""
    if fmt not in render.FORMATS:
        raise Invalid(_("Unknown format “%(f)s”.") % {"f": fmt})
    data = render.render(spec, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out, sign([out])
