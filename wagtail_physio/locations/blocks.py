"""Blocks that show clinic locations: address, phone, map link and opening hours."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site

from ..core.api import request_from
from ..core.blocks import PREVIEW_TEMPLATE, HeadedStructBlock
from ..core.bulk_loading import BulkLoadedChooserMixin
from ..core.translations import localized_by_pk
from .api import location_data
from .chooser import clinic_location_chooser_viewset
from .models import ClinicLocation

if TYPE_CHECKING:
    from django.http import HttpRequest


class ClinicLocationChooserBlock(BulkLoadedChooserMixin, blocks.ChooserBlock):
    """Choose one clinic location; loads a list of them, with hours, in two queries."""

    target_model = "wagtail_physio.ClinicLocation"

    @cached_property
    def widget(self) -> Any:
        return clinic_location_chooser_viewset.widget_class()

    def _queryset(self) -> Any:
        return self.model_class.objects.with_hours()

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        return self._queryset().filter(pk=value).first()

    def load_objects(self, ids: Iterable[Any]) -> dict[Any, Any]:
        # Wagtail's default uses in_bulk() without the hours, which would cost one
        # more query per location at render time. With translation on, a chosen
        # location of any language shows in the reader's, with its source's hours.
        return localized_by_pk(ClinicLocation, ids, self._queryset())

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Any]:
        # The site's active locations are loaded once per request for the
        # structured data; chosen ones are almost always among them.
        objects = {}
        if request is not None:
            objects = {
                location.pk: location
                for location in ClinicLocation.for_request(request)
                if location.pk in ids
            }
        missing = [pk for pk in ids if pk not in objects]
        if missing:
            objects.update(self.load_objects(missing))
        return objects

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        # Deleted: None, as the page leaves it out.
        return location_data(value) if value is not None else None

    class Meta:
        icon = "site"
        label = _("Clinic location")
        description = _("One clinic location, picked from Clinic → Locations.")


class ClinicLocationsBlock(HeadedStructBlock):
    """A heading, then every active location of the site or a chosen list."""

    SHOW_ALL = "all"
    SHOW_CHOSEN = "chosen"

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        default=_("Where to find us"),
        help_text=_("Shown above the locations. Leave blank for none."),
    )
    show = blocks.ChoiceBlock(
        label=_("Show"),
        choices=[
            (SHOW_ALL, _("All active locations")),
            (SHOW_CHOSEN, _("Only the locations chosen below")),
        ],
        default=SHOW_ALL,
        help_text=_(
            "“All” keeps the page up to date as clinics open and close; choose "
            "locations for a page about one clinic."
        ),
    )
    locations = blocks.ListBlock(
        ClinicLocationChooserBlock(),
        label=_("Locations"),
        min_num=0,
        help_text=_("Used only when showing chosen locations, in this order."),
    )

    class Meta:
        icon = "site"
        label = _("Clinic locations")
        description = _(
            "Addresses, phone numbers, map links and opening hours of your clinics."
        )
        template = "wagtail_physio/blocks/clinic_locations_block.html"
        form_classname = "struct-block physio-clinic-locations-block"
        preview_template = PREVIEW_TEMPLATE
        label_format = "{heading}"
        preview_value = {
            "heading": _("Where to find us"),
            "show": "all",
            "locations": [],
        }

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value.get("show") == self.SHOW_CHOSEN and not [
            location for location in value.get("locations") or [] if location
        ]:
            raise StructBlockValidationError(
                block_errors={
                    "locations": ValidationError(
                        _("Choose at least one location, or show all of them.")
                    )
                }
            )
        return value

    def get_locations(
        self, value: Any, request: HttpRequest | None = None
    ) -> list[ClinicLocation]:
        """The active locations to show, in order, with their hours loaded."""
        if value.get("show") == self.SHOW_CHOSEN:
            # Chosen locations were loaded (with hours) by bulk_to_python; deleted
            # ones are None, inactive ones and those kept for another site hidden.
            site = Site.find_for_request(request) if request is not None else None
            return [
                location
                for location in value.get("locations") or []
                if location is not None
                and location.is_active
                and (site is None or location.site_id in (None, site.pk))
            ]
        if request is not None:
            # Shared with the structured data and the contact panel: one load a request.
            return list(ClinicLocation.for_request(request))
        return list(ClinicLocation.objects.active().for_site(None).with_hours())

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["locations"] = self.get_locations(value, request=request)
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        """The heading and the locations shown, resolved as the page resolves them."""
        request = request_from(context)
        if value.get("show") != self.SHOW_CHOSEN and request is not None:
            # "All active": loaded once per request, however many blocks ask.
            locations = ClinicLocation.for_request(request)
        else:
            locations = self.get_locations(value, request=request)
        now = timezone.now()
        return {
            "heading": value.get("heading") or "",
            "show": value.get("show"),
            "locations": [location_data(location, now) for location in locations],
        }
