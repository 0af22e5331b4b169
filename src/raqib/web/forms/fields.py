"""Form fields and widgets shared by the pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from raqib.core import taxonomy

# The image formats accepted as photos, by their first bytes.
IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MAX_PHOTOS = 10


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def sniff_image(upload: UploadedFile) -> str | None:
    """The media type of an uploaded photo from its first bytes, or None if it is not one we take."""
    head = upload.read(16)
    upload.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((media for sig, media in IMAGE_SIGNATURES if head.startswith(sig)), None)


class PhotosField(forms.FileField):
    """Several photos at once; each must really be a JPEG, PNG, GIF or WebP image."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, str]]:
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("Attach at most %(n)d photos.") % {"n": MAX_PHOTOS})
        out = []
        for upload in files:
            super().clean(upload, initial)
            media_type = sniff_image(upload)
            if media_type is None:
                raise forms.ValidationError(
                    _("“%(name)s” is not a JPEG, PNG, GIF or WebP photo.") % {"name": upload.name})
            out.append((upload, media_type))
        return out


def choose(field: forms.Field, choices: Any) -> None:
    """Set a choice field's choices at run time (they depend on the object or the language)."""
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def category_choices() -> list[tuple[str, Any]]:
    return [("", _("Choose a category")), *taxonomy.CATEGORY_CHOICES]


def subtype_choices() -> list[tuple[Any, Any]]:
    """Subtypes grouped under their category (the page shows only the chosen category's group)."""
    return [("", _("Choose a subtype")),
            *[(c.label, [(s.key, s.label) for s in c.subtypes]) for c in taxonomy.CATEGORIES]]


def check_category(cleaned: dict[str, Any]) -> None:
    category, subtype = cleaned.get("category"), cleaned.get("subtype")
    if category and subtype and not taxonomy.is_valid(category, subtype):
        raise forms.ValidationError({"subtype": _("Choose a subtype of the chosen category.")})


def check_window(cleaned: dict[str, Any], start: str, end: str) -> None:
    first, last = cleaned.get(start), cleaned.get(end)
    if first and last and last < first:
        raise forms.ValidationError({end: _("The end of the time window is before its start.")})


class NamedChoiceField(forms.ModelChoiceField):
    """Choices named in the page's language (``name_ar`` / ``name_en``), not by ``__str__``."""

    def label_from_instance(self, obj: Any) -> str:
        from django.utils.translation import get_language

        from raqib.web.queries.mapdata import localized

        lang = (get_language() or "en")[:2]
        number = getattr(obj, "number", None)
        if number is not None:  # a provision: its number and title
            return f"{number}. {localized(obj, 'title', lang) or localized(obj, 'text', lang)[:80]}"
        return localized(obj, "name", lang)


class WebRenderer(DjangoTemplates):
    """Each field in its own block (label, help, errors, control), so rows of fields line up."""

    field_template_name = "web/includes/field.html"


RENDERER = WebRenderer()


class WebForm(forms.Form):
    default_renderer = RENDERER
