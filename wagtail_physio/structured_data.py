"""schema.org JSON-LD for condition pages, the clinic and its locations.

The data is built as plain Python dicts and serialised with ``json.dumps``; never by
string templates. ``dumps_json_ld`` escapes ``<``, ``>`` and ``&`` so editor text such
as ``</script>`` cannot end the script element early.

Projects adjust the output with the ``physio_structured_data`` Wagtail hook::

    @hooks.register("physio_structured_data")
    def add_medical_specialty(graph, page, request):
        for node in graph:
            if node["@type"] == "MedicalWebPage":
                node["specialty"] = "https://schema.org/Physiotherapy"
        return graph
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Site

from .breadcrumbs import site_ancestors
from .conf import physio_settings

SCHEMA_CONTEXT = "https://schema.org"
# schema.org LocalBusiness types that fit a clinic; CLINIC_SCHEMA_TYPE must be one.
CLINIC_SCHEMA_TYPES = ("MedicalClinic", "Physiotherapy", "MedicalBusiness")
HOOK_NAME = "physio_structured_data"

# JSON allows these escapes inside strings; HTML parsers then never see a tag.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dumps_json_ld(data):
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


def absolute_url(request, path):
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def page_url(page, request):
    return page.get_full_url(request=request) or ""


def site_root_url(site, request):
    if site is None:
        return absolute_url(request, "/") or "/"
    return site.root_url.rstrip("/") + "/"


def clinic_id(site, request):
    return site_root_url(site, request) + "#clinic"


def location_id(location, site, request):
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


def postal_address(location):
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


def opening_hours_specification(location):
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


def location_node(location, site, request):
    """One clinic location as a ``MedicalClinic`` (or the configured type)."""
    node = {
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
    return node


def clinic_node(site, request, contact, locations):
    """The clinic as an organisation, linking each of its locations."""
    name = (site.site_name if site else "") or getattr(
        settings, "WAGTAIL_SITE_NAME", ""
    )
    node = {
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


def web_page_node(page, request, site):
    """``WebPage`` for any page; condition pages describe themselves further."""
    url = page_url(page, request)
    node = {
        "@type": "WebPage",
        "@id": url + "#webpage",
        "name": page.seo_title or page.title,
        "url": url,
        "isPartOf": {"@id": site_root_url(site, request) + "#website"},
        "publisher": {"@id": clinic_id(site, request)},
        "breadcrumb": {"@id": url + "#breadcrumbs"},
    }
    if page.search_description:
        node["description"] = page.search_description
    extend = getattr(page, "get_structured_data", None)
    if extend is not None:
        node = extend(node, request=request)
    return node


def website_node(site, request):
    name = (site.site_name if site else "") or getattr(
        settings, "WAGTAIL_SITE_NAME", ""
    )
    return {
        "@type": "WebSite",
        "@id": site_root_url(site, request) + "#website",
        "name": name,
        "url": site_root_url(site, request),
        "publisher": {"@id": clinic_id(site, request)},
    }


def breadcrumb_list(ancestors, page, request):
    """``BreadcrumbList`` from the site root down to ``page``.

    ``ancestors`` are the page's ancestors below the tree root, already loaded by the
    caller, so this adds no query.
    """
    trail = [*ancestors, page]
    return {
        "@type": "BreadcrumbList",
        "@id": page_url(page, request) + "#breadcrumbs",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": page_url(crumb, request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def build_graph(page, request, *, ancestors=None):
    """Every node for a page view: the page, breadcrumbs, website, clinic, locations.

    ``ancestors`` (the page's ancestors below the tree root) is taken from the page
    context when the template already loaded it for its breadcrumb trail.
    """
    from .models.locations import locations_for_request
    from .models.settings import contact_settings

    site = Site.find_for_request(request) if request is not None else None
    contact = contact_settings(request)
    locations = locations_for_request(request) if request is not None else []
    graph = [
        website_node(site, request),
        clinic_node(site, request, contact, locations),
    ]
    graph += [location_node(location, site, request) for location in locations]
    if page is not None and getattr(page, "pk", None):
        if ancestors is None:
            ancestors = site_ancestors(page, request)
        graph.insert(0, web_page_node(page, request, site))
        graph.insert(1, breadcrumb_list(ancestors, page, request))
    return apply_hooks(graph, page, request)


def apply_hooks(graph, page, request):
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook(graph, page=page, request=request)
        if result is not None:
            graph = result
    return graph


def document(graph):
    """Wrap a list of nodes into one JSON-LD document."""
    return {"@context": SCHEMA_CONTEXT, "@graph": [node for node in graph if node]}
