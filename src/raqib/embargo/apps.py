from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbargoConfig(AppConfig):
    name = "raqib.embargo"
    label = "embargo"
    verbose_name = _("Arms embargo")
