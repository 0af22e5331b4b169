"""Raqib's own field forms: XLSForms kept in ``raqib/openrosa/forms/`` whose submissions also
become mission records.

Each built-in form is declared once with :func:`register`, the way a third party would add one:
its form id, its XLSForm file and a handler. After a submission to a built-in form is stored,
and inside the same transaction, the receiving service calls

* ``handler(submission, actor)`` once per new submission or edit (an edit's handler finds the
  records of the version it replaces with :func:`records_of` on ``previous(submission)`` and
  updates them rather than making new ones);
* ``on_attachments(submission, attachments, actor)`` when later requests add files to a
  submission already stored (phones split large submissions over several requests).

A handler raising a ``raqib.core.errors`` error refuses the whole submission: nothing is kept,
the phone is told why and keeps the form to send again. Records a handler makes are linked to
the submission with :func:`link`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Model

from raqib.core import services
from raqib.openrosa.models import Submission, SubmissionAttachment, SubmissionRecord

FORMS_DIR = Path(__file__).resolve().parent / "forms"

Handler = Callable[[Submission, Any], None]
AttachmentsHandler = Callable[[Submission, Sequence[SubmissionAttachment], Any], None]


@dataclass(frozen=True)
class BuiltinForm:
    form_id: str
    xlsform: str
    """File name under ``raqib/openrosa/forms/``."""
    handler: Handler | None = None
    on_attachments: AttachmentsHandler | None = None

    @property
    def path(self) -> Path:
        return FORMS_DIR / self.xlsform


REGISTRY: dict[str, BuiltinForm] = {}


def register(form: BuiltinForm) -> BuiltinForm:
    if form.form_id in REGISTRY and REGISTRY[form.form_id] != form:
        raise ValueError(f"built-in form {form.form_id!r} is already registered")
    REGISTRY[form.form_id] = form
    return form


def _registered() -> dict[str, BuiltinForm]:
    # The handlers live with the records they make; importing them registers them.
    from raqib.openrosa.handlers import incident_report  # noqa: F401
    from raqib.openrosa.handlers import patrol_report  # noqa: F401
    from raqib.openrosa.handlers import movement_restriction  # noqa: F401
    from raqib.openrosa.handlers import hazard_report  # noqa: F401
    from raqib.openrosa.handlers import forces_sighting  # noqa: F401

    return REGISTRY


def get(form_id: str) -> BuiltinForm | None:
    return _registered().get(form_id)


def all_forms() -> list[BuiltinForm]:
    return sorted(_registered().values(), key=lambda f: f.form_id)


def submission_received(submission: Submission, previous: Submission | None, actor: Any) -> None:
    form = get(submission.form_id) if submission.xform.builtin else None
    if form is not None and form.handler is not None:
        form.handler(submission, actor)


def attachments_added(submission: Submission, attachments: Sequence[SubmissionAttachment], actor: Any) -> None:
    form = get(submission.form_id) if submission.xform.builtin else None
    if form is not None and form.on_attachments is not None:
        form.on_attachments(submission, attachments, actor)


def previous(submission: Submission) -> Submission | None:
    """The version an edit replaces (None for a first submission)."""
    return Submission.objects.filter(superseded_by=submission).first()


def link(submission: Submission, obj: Model, actor: Any) -> None:
    services.create(SubmissionRecord(submission=submission, model=obj._meta.label_lower, object_id=str(obj.pk)),
                    actor, validate=False)


def records_of(submission: Submission, model: type[Model]) -> list[Any]:
    ids = submission.records.filter(model=model._meta.label_lower).values_list("object_id", flat=True)
    return list(model._default_manager.filter(pk__in=list(ids)).order_by("pk"))


def load(actor: Any = None) -> list[Any]:
    """Publish every built-in form (unchanged ones are left as they are); returns the uploads."""
    from raqib.openrosa.services import upload_xlsform

    return [upload_xlsform(form.xlsform, form.path.read_bytes(), actor, builtin=True) for form in all_forms()]
