"""Template tags of wagtail-physio: ``{% load physio_tags %}``."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..conf import physio_settings
from ..images import responsive_image as build_responsive_image
from ..notice_banners import endpoint_url, get_live_notices

register = template.Library()


@register.inclusion_tag(
    "wagtail_physio/includes/contact_panel.html", takes_context=True
)
def physio_contact(context, heading=None):
    """The "Get in touch" panel: main phone and email, then every active location.

    Reads the current site's ``ClinicContactSettings`` and locations on each request,
    so an edit in the admin shows on the next page view. Costs a constant number of
    queries however many locations there are.
    """
    from ..models import ClinicLocation
    from ..models.locations import locations_for_request
    from ..models.settings import contact_settings

    request = context.get("request")
    contact = contact_settings(request)
    return {
        "request": request,
        "heading": heading or _("Get in touch"),
        "contact": contact,
        "phone": contact.phone if contact is not None else None,
        "locations": (
            locations_for_request(request)
            if request is not None
            else list(ClinicLocation.objects.active().for_site(None))
        ),
    }


@register.simple_tag(takes_context=True)
def physio_notice_banners(context):
    """The live notice banners of the current site; place once, at the top of body.

    In "client" mode it renders an empty container that notice-banners.js fills
    from the JSON endpoint, so pages cached by a CDN still show notices on time.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return ""
    if physio_settings.NOTICE_BANNER_MODE == "client":
        url = endpoint_url()
        if url:
            return render_to_string(
                "wagtail_physio/includes/notice_banners_client.html",
                {"endpoint_url": url},
            )
        # Without the endpoint's URLs (system check E008) server mode still works.
    banners = get_live_notices(site).banners
    return render_to_string(
        "wagtail_physio/includes/notice_banners.html",
        {
            "banners": banners,
            "any_dismissible": any(b["dismissible"] for b in banners),
        },
    )


@register.inclusion_tag(
    "wagtail_physio/includes/structured_data.html", takes_context=True
)
def physio_structured_data(context):
    """schema.org JSON-LD for the current page, the clinic and each of its locations.

    Place once in the ``<head>`` of the site's base template. Reuses what the page
    already loaded (breadcrumbs, contact settings, locations), so it adds no query
    on package pages.
    """
    from ..structured_data import build_graph, document, dumps_json_ld

    request = context.get("request")
    # Package page templates and a site's base template may both place the tag;
    # the page carries one JSON-LD document however many places ask for it.
    if request is not None:
        if getattr(request, "_physio_structured_data_done", False):
            return {"json_ld": None}
        request._physio_structured_data_done = True
    page = context.get("page")
    graph = build_graph(page, request, ancestors=context.get("breadcrumbs"))
    return {"json_ld": dumps_json_ld(document(graph))}


@register.simple_tag
def responsive_image(image, alt=""):
    """``{% responsive_image image alt as img %}``: srcset, sizes and size of ``image``.

    Render the result with ``{% include "wagtail_physio/includes/responsive_image.html" %}``;
    it is None when the image or its file is missing, so a template can leave out the
    whole figure.
    """
    return build_responsive_image(image, alt)
