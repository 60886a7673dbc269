"""Wagtail admin registration: each feature's own hooks, and the Clinic menu.

Wagtail imports only this module of an app, so it brings in every feature's
``wagtail_hooks``; the Clinic menu groups admins from two features, so it is made
here rather than in either.
"""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .conditions import wagtail_hooks as condition_hooks  # noqa: F401
from .locations import wagtail_hooks as location_hooks  # noqa: F401
from .locations.admin import ClinicLocationAdmin
from .notices.admin import NoticeBannerAdmin
from .review import wagtail_hooks as review_hooks  # noqa: F401


class ClinicAdminGroup(ModelAdminGroup):
    """The "Clinic" menu. Add a ModelAdmin to ``items`` to give it a menu entry."""

    menu_label = _("Clinic")
    menu_icon = "site"
    menu_order = 250
    items = [
        ClinicLocationAdmin,
        NoticeBannerAdmin,
    ]


modeladmin_register(ClinicAdminGroup)
