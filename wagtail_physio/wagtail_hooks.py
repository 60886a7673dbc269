"""Wagtail admin registration only."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .admin.locations import ClinicLocationAdmin, clinic_location_chooser_viewset
from .admin.notices import NoticeBannerAdmin


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


@hooks.register("register_admin_viewset")
def register_clinic_location_chooser():
    return clinic_location_chooser_viewset
