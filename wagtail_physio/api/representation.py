"""Plain JSON data for the objects blocks and pages refer to.

Everything here works on objects already loaded in bulk (images with their
renditions, locations with their hours, chosen pages), so serialising a long page
costs no queries per item.
"""

from django.utils import timezone
from wagtail.images.models import SourceImageIOError

from ..images import specs_for


def request_from(context):
    return (context or {}).get("request")


def phone_data(phone):
    """A ``Phone`` as ``{"display", "e164"}``, or None."""
    if phone is None:
        return None
    return {"display": phone.display, "e164": phone.e164}


def image_data(image):
    """An image with its ``IMAGE_WIDTHS`` renditions, or None when it cannot be shown.

    Renditions come from the image's prefetched renditions when present (see
    ``get_images_with_renditions``). None for a deleted image or a missing file,
    the same cases in which a page leaves the image out.
    """
    if image is None:
        return None
    try:
        renditions = image.get_renditions(*specs_for(image)).values()
    except SourceImageIOError:
        return None
    by_width = {}
    for rendition in renditions:
        # Wagtail never upscales: several specs can give the same size.
        by_width.setdefault(rendition.width, rendition)
    return {
        "id": image.pk,
        "title": image.title,
        "width": image.width,
        "height": image.height,
        "renditions": [
            {
                "width": rendition.width,
                "height": rendition.height,
                "url": rendition.url,
                "full_url": rendition.full_url,
            }
            for width, rendition in sorted(by_width.items())
        ],
    }


def page_data(page, request=None):
    """``{"id", "title", "url", "html_url"}`` of a live page, else None.

    A page since unpublished is None, as its link is left out on the page itself;
    a deleted one already arrives as None from the chooser.
    """
    if page is None or not page.live:
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request=request),
        "html_url": page.get_full_url(request=request),
    }


def _time(value):
    return value.strftime("%H:%M") if value is not None else None


def _coordinate(value):
    # Decimals would reach JSON as strings; a map library wants numbers.
    return float(value) if value is not None else None


def location_data(location, now=None):
    """A clinic location with its address, contact details and opening hours.

    ``opening_hours`` lists each opening period (two on a day with a lunch break);
    a day without periods is closed. ``open_now`` is worked out at ``now`` in the
    site's time zone.
    """
    now = now or timezone.now()
    return {
        "id": location.pk,
        "name": location.name,
        "host_building": location.host_building,
        "address_line_1": location.address_line_1,
        "address_line_2": location.address_line_2,
        "town": location.town,
        "postcode": location.postcode,
        "country": location.country,
        "address_lines": location.address_lines,
        "phone": phone_data(location.phone_number),
        "email": location.email,
        "latitude": _coordinate(location.latitude),
        "longitude": _coordinate(location.longitude),
        "map_url": location.map_link,
        "visitor_notes": location.visitor_notes,
        "opening_hours": [
            {
                "weekday": weekday,
                "day": str(day),
                "opens": _time(opens),
                "closes": _time(closes),
            }
            for weekday, day, periods in location.opening_days()
            for opens, closes in periods
        ],
        "open_now": location.is_open(now),
    }
