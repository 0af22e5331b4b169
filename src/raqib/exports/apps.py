from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "raqib.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        # The built-in formats register themselves on import.
        from raqib.exports import formats  # noqa: F401
