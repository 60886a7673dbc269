"""Wagtail admin registration: each feature's own hooks, and the Clinic menu.

Wagtail imports only this module of an app, so it brings in every feature's
``wagtail_hooks``; the Clinic menu groups admins from two features, so it is made
here rather than in either.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .conditions.wagtail_hooks import category_viewset
from .locations import wagtail_hooks as location_hooks  # noqa: F401
from .locations.admin import ClinicLocationAdmin
from .notices.admin import NoticeBannerAdmin
from .review import wagtail_hooks as review_hooks  # noqa: F401


class ClinicAdminGroup(ModelAdminGroup):
    """The "Clinic" menu. Add a ModelAdmin to ``items`` to give it a menu entry."""

    menu_label = _("Clinic")
    # Not "site": Wagtail's Reports menu and the locations entry use that one.
    menu_icon = "home"
    menu_order = 250
    items = [
        ClinicLocationAdmin,
        NoticeBannerAdmin,
    ]

    def get_submenu_items(self) -> list[Any]:
        items = super().get_submenu_items()
        # Condition categories are a snippet (for its listing, search and usage
        # screens); editors look for them here, beside locations and banners.
        items.append(category_viewset.get_menu_item(order=len(items) + 1))
        return items


modeladmin_register(ClinicAdminGroup)
