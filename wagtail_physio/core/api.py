"""Plain JSON data for the images, pages and phone numbers blocks refer to.

Everything here works on objects already loaded in bulk (images with their
renditions, chosen pages), so serialising a long page
costs no queries per item.
"""

from wagtail.images.models import SourceImageIOError

from .images import specs_for


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
