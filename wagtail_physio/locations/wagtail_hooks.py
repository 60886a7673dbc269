"""Admin registration of the locations feature: the location chooser's views.

The Locations listing joins the Clinic menu in the package's ``wagtail_hooks``.
"""

from __future__ import annotations

from wagtail import hooks

from .chooser import ClinicLocationChooserViewSet, clinic_location_chooser_viewset


@hooks.register("register_admin_viewset")
def register_clinic_location_chooser() -> ClinicLocationChooserViewSet:
    return clinic_location_chooser_viewset
