"""The modal editors pick a clinic location from (behind ``ClinicLocationChooserBlock``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ClinicLocationChooserViewSet(ChooserViewSet):
    """The modal editors pick a location from, behind ``ClinicLocationChooserBlock``."""

    model = "wagtail_physio.ClinicLocation"
    icon = "site"
    choose_one_text = _("Choose a clinic location")
    choose_another_text = _("Choose another location")
    edit_item_text = _("Edit this location")
    # No "Create" tab: a location's opening hours need the full edit form.


clinic_location_chooser_viewset = ClinicLocationChooserViewSet(
    "wagtail_physio_location_chooser",
    url_prefix="wagtail-physio/location-chooser",
)
