"""The modal editors pick a clinic location from (behind ``ClinicLocationChooserBlock``):
each location's name, town and whether it is open now, closed or inactive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .models import ClinicLocation


def location_status(location: ClinicLocation) -> StrOrPromise:
    """What the chooser says of a location: hidden from the site, or open or
    closed at this moment (special opening hours included)."""
    if not location.is_active:
        return _("Inactive")
    status = location.opening_status()
    if status.is_open:
        return _("Open now")
    if status.closed_today:
        return _("Closed today")
    return _("Closed now")


class LocationColumnsMixin:
    """Town and status beside each name, read from locations loaded with their hours
    (two queries a page of results, however many locations it lists)."""

    model_class: Any

    def get_object_list(self) -> Any:
        return self.model_class.objects.with_hours()

    @cached_property
    def columns(self) -> list[Column]:
        return [
            *super().columns,  # type: ignore[misc]
            Column("town", label=_("Town or city"), accessor="town"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor=location_status,
                primary=lambda location: location.is_active and location.is_open(),
            ),
        ]


class ClinicLocationChooseView(LocationColumnsMixin, ChooseView):
    pass


class ClinicLocationChooseResultsView(LocationColumnsMixin, ChooseResultsView):
    pass


class ClinicLocationChooserViewSet(ChooserViewSet):
    """The modal editors pick a location from, behind ``ClinicLocationChooserBlock``."""

    model = "wagtail_physio.ClinicLocation"
    icon = "site"
    choose_one_text = _("Choose a clinic location")
    choose_another_text = _("Choose another location")
    edit_item_text = _("Edit this location")
    choose_view_class = ClinicLocationChooseView
    choose_results_view_class = ClinicLocationChooseResultsView
    # No "Create" tab: a location's opening hours need the full edit form.


clinic_location_chooser_viewset = ClinicLocationChooserViewSet(
    "wagtail_physio_location_chooser",
    url_prefix="wagtail-physio/location-chooser",
)
