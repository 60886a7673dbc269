"""Admin for clinic locations: the Locations listing, edit, inspect and delete views,
and the form adding special opening hours to several locations at once.

An edit opened before someone else's save is refused, naming what they changed,
and the check and the save (with the opening hours) share one transaction with
the location locked (``EditConflictViewMixin``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import re_path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.models import ReferenceIndex
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import DeleteView, EditView, IndexView

from ..core.pages import get_page_model
from ..core.translation_admin import (
    TranslatableModelAdminMixin,
    TranslationEditViewMixin,
)
from .models import ClinicLocation
from .panels import EditConflictFormMixin, EditConflictViewMixin
from .special_hours import AddSpecialHoursView

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern
    from django_stubs_ext import StrOrPromise

SPECIAL_HOURS_URL_NAME = "wagtail_physio_cliniclocation_modeladmin_special_hours"


class ClinicLocationDeleteView(DeleteView):
    """modeladmin's delete view, plus a list of the pages that show the location.

    modeladmin knows nothing of StreamField references, so without this an editor
    could delete a clinic that live pages still show, with no warning.
    """

    @cached_property
    def usage(self) -> list[dict[str, Any]]:
        # Pages (and anything else indexed) that point at this location, one entry
        # per object however many times it refers to the location.
        finder = AdminURLFinder(self.request.user)
        usage: list[dict[str, Any]] = []
        for source, _references in ReferenceIndex.get_grouped_references_to(
            self.instance
        ):
            if isinstance(source, get_page_model()):
                source = source.specific_deferred
                label = source.get_admin_display_title()
            else:
                label = str(source)
            usage.append({"label": label, "edit_url": finder.get_edit_url(source)})
        return usage

    def confirmation_message(self) -> StrOrPromise:
        if self.usage:
            return _(
                "This location is shown on the pages listed above. They will keep "
                "working but will no longer show it. Delete it anyway?"
            )
        return super().confirmation_message()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["usage"] = self.usage
        return context


class ClinicLocationForm(EditConflictFormMixin, WagtailAdminModelForm):
    pass


class ClinicLocationEditView(TranslationEditViewMixin, EditConflictViewMixin, EditView):
    """A translation's form holds its words only: its hours are the source's."""


class ClinicLocationIndexView(IndexView):
    """The listing, with a button to add special opening hours to several locations
    for those who may change them."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.permission_helper.user_has_specific_permission(
            self.request.user, self.permission_helper.get_perm_codename("change")
        ):
            context["special_hours_url"] = reverse(SPECIAL_HOURS_URL_NAME)
        return context


class ClinicLocationAdmin(TranslatableModelAdminMixin, ModelAdmin):
    model = ClinicLocation
    menu_label = _("Locations")
    menu_icon = "site"
    list_display = ("name", "town", "phone", "is_active")
    list_filter = ("is_active", "town", "site")
    search_fields = ("name", "host_building", "address_line_1", "town", "postcode")
    ordering = ("sort_order", "name")
    edit_handler = ObjectList(ClinicLocation.panels, base_form_class=ClinicLocationForm)
    edit_view_class = ClinicLocationEditView
    index_view_class = ClinicLocationIndexView
    index_template_name = "wagtail_physio/admin/clinic_location_index.html"
    inspect_view_enabled = True
    inspect_view_fields = (
        "name",
        "host_building",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "country",
        "phone",
        "email",
        "latitude",
        "longitude",
        "map_url",
        "visitor_notes",
        "is_active",
        "site",
    )
    delete_view_class = ClinicLocationDeleteView
    delete_template_name = "wagtail_physio/admin/clinic_location_delete.html"

    def get_admin_urls_for_registration(self) -> tuple[URLPattern, ...]:
        base = self.url_helper.base_url_path
        return (
            *super().get_admin_urls_for_registration(),
            re_path(
                rf"^{base}/special-hours/$",
                self.special_hours_view,
                name=SPECIAL_HOURS_URL_NAME,
            ),
        )

    def special_hours_view(self, request: HttpRequest) -> HttpResponse:
        return AddSpecialHoursView.as_view(model_admin=self)(request)
