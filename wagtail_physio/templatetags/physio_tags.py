"""Template tags of wagtail-physio: ``{% load physio_tags %}``."""

from django import template
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

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
    from ..models import ClinicContactSettings, ClinicLocation

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if request is not None:
        # Cached on the request, so a page that also reads {{ settings }} pays once.
        contact = ClinicContactSettings.for_request(request)
    elif site is not None:
        contact = ClinicContactSettings.for_site(site)
    else:
        contact = None
    return {
        "request": request,
        "heading": heading or _("Get in touch"),
        "contact": contact,
        "phone": contact.phone if contact is not None else None,
        "locations": list(ClinicLocation.objects.active().for_site(site)),
    }
