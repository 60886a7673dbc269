"""The clinic and each of its locations in a page's schema.org JSON-LD."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings

from ..core.conf import physio_settings
from ..core.protocols import SchemaNode
from ..core.structured_data import StructuredDataBuilder, clinic_id, site_root_url
from .contact import ClinicContactSettings
from .hours import SpecialDays
from .models import ClinicLocation

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Site

# schema.org LocalBusiness types that fit a clinic; CLINIC_SCHEMA_TYPE must be one.
CLINIC_SCHEMA_TYPES = ("MedicalClinic", "Physiotherapy", "MedicalBusiness")


def location_id(
    location: ClinicLocation, site: Site | None, request: HttpRequest | None
) -> str:
    return site_root_url(site, request) + f"#location-{location.pk}"


WEEKDAY_URLS = [
    f"https://schema.org/{day}"
    for day in (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )
]


def postal_address(location: ClinicLocation) -> SchemaNode:
    address = {
        "@type": "PostalAddress",
        "streetAddress": ", ".join(
            line for line in (location.address_line_1, location.address_line_2) if line
        ),
        "addressLocality": location.town,
        "postalCode": location.postcode,
        "addressCountry": location.country or physio_settings.DEFAULT_COUNTRY,
    }
    return {key: value for key, value in address.items() if value}


def opening_hours_specification(location: ClinicLocation) -> list[SchemaNode]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": WEEKDAY_URLS[number],
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
        for number, _name, periods in location.opening_days()
        for opens, closes in periods
    ]


#: schema.org's way to say "closed all day" in an OpeningHoursSpecification.
CLOSED_ALL_DAY = ("00:00", "00:00")


def special_opening_hours_specification(
    location: ClinicLocation, now: datetime.datetime | None = None
) -> list[SchemaNode]:
    """Special opening hours from today on: one node per run of dates with the
    same hours (``validFrom`` to ``validThrough``); closed all day is opening and
    closing at 00:00."""
    return [special_days_node(run) for run in location.special_days(now, days=None)]


def special_days_node(run: SpecialDays) -> SchemaNode:
    if run.hours is None:
        opens, closes = CLOSED_ALL_DAY
    else:
        opens, closes = (time.strftime("%H:%M") for time in run.hours)
    node: SchemaNode = {
        "@type": "OpeningHoursSpecification",
        "validFrom": run.first.isoformat(),
        "validThrough": run.last.isoformat(),
        "opens": opens,
        "closes": closes,
    }
    if run.note:
        node["description"] = run.note
    return node


def location_node(
    location: ClinicLocation, site: Site | None, request: HttpRequest | None
) -> SchemaNode:
    """One clinic location as a ``MedicalClinic`` (or the configured type)."""
    node: SchemaNode = {
        "@type": physio_settings.CLINIC_SCHEMA_TYPE,
        "@id": location_id(location, site, request),
        "name": location.name,
        "url": site_root_url(site, request),
        "address": postal_address(location),
        "parentOrganization": {"@id": clinic_id(site, request)},
    }
    phone = location.phone_number
    if phone is not None:
        node["telephone"] = phone.e164
    if location.email:
        node["email"] = location.email
    if location.latitude is not None and location.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    if location.map_link:
        node["hasMap"] = location.map_link
    hours = opening_hours_specification(location)
    if hours:
        node["openingHoursSpecification"] = hours
    special = special_opening_hours_specification(location)
    if special:
        node["specialOpeningHoursSpecification"] = special
    return node


def clinic_node(
    site: Site | None,
    request: HttpRequest | None,
    contact: ClinicContactSettings | None,
    locations: Sequence[ClinicLocation],
) -> SchemaNode:
    """The clinic as an organisation, linking each of its locations."""
    name = (site.site_name if site else "") or getattr(
        settings, "WAGTAIL_SITE_NAME", ""
    )
    node: SchemaNode = {
        "@type": physio_settings.CLINIC_SCHEMA_TYPE,
        "@id": clinic_id(site, request),
        "name": name,
        "url": site_root_url(site, request),
    }
    phone = contact.phone if contact is not None else None
    if phone is not None:
        node["telephone"] = phone.e164
    if contact is not None and contact.email:
        node["email"] = contact.email
    if locations:
        node["department"] = [
            {"@id": location_id(location, site, request)} for location in locations
        ]
    return node


class ClinicStructuredDataBuilder(StructuredDataBuilder):
    """Adds the clinic (from the site's contact details) and each active location."""

    def get_site_nodes(self) -> list[SchemaNode]:
        request = self.request
        contact = ClinicContactSettings.for_request(request)
        locations = ClinicLocation.for_request(request) if request is not None else []
        return [
            *super().get_site_nodes(),
            clinic_node(self.site, request, contact, locations),
            *(location_node(location, self.site, request) for location in locations),
        ]
