from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailPhysioAppConfig(AppConfig):
    name = "wagtail_physio"
    label = "wagtail_physio"
    verbose_name = _("Wagtail physio")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported for their side effects: system checks and signal receivers
        # register themselves on import.
        from . import checks, signals  # noqa: F401
