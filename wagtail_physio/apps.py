from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailPhysioAppConfig(AppConfig):
    name = "wagtail_physio"
    label = "wagtail_physio"
    verbose_name = _("Wagtail physio")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, as Django requires: system checks and signal receivers
        # register themselves on import, and need the models loaded first.
        from . import __version__
        from .conditions import checks as condition_checks  # noqa: F401
        from .conditions.render_cache import connect_signals
        from .core import checks as core_checks  # noqa: F401
        from .core.languages import connect_signals as connect_locale_signals
        from .core.render_cache import set_package_version
        from .locations import checks as location_checks  # noqa: F401
        from .notices import checks as notice_checks  # noqa: F401
        from .notices import signals as notice_signals  # noqa: F401
        from .review import checks as review_checks  # noqa: F401

        # A new release renders every page afresh.
        set_package_version(__version__)
        # Connected by class, once every app's page and image models are loaded.
        connect_signals()
        connect_locale_signals()
