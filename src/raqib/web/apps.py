from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "raqib.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from django.contrib import admin

        admin.site.site_header = _("Raqib: reference data")
        admin.site.site_title = _("Raqib administration")
        admin.site.index_title = _("Reference data")
