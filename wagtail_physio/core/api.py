"""Plain JSON data for the images, pages and phone numbers blocks refer to.

Everything here works on objects already loaded in bulk (images with their
renditions, chosen pages with ``physio_view_restricted``), so serialising a long
page costs no queries per item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wagtail.images.models import SourceImageIOError

from .images import specs_for
from .pages import annotate_view_restricted, get_page_model

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    from .phone import Phone


def request_from(context: dict[str, Any] | None) -> HttpRequest | None:
    """The request of a template or serializer context, if it has one."""
    return (context or {}).get("request")


def phone_data(phone: Phone | None) -> dict[str, str] | None:
    """A ``Phone`` as ``{"display", "e164"}``, or None."""
    if phone is None:
        return None
    return {"display": phone.display, "e164": phone.e164}


def image_data(image: AbstractImage | None) -> dict[str, Any] | None:
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
    by_width: dict[int, Any] = {}
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


def is_public_page(page: Page | None) -> bool:
    """True for a live page that every reader may visit.

    False for a deleted page (None), a draft or unpublished page, and a page under a
    view restriction of any kind (login, password, groups), its own or an
    ancestor's: links to it and its title and URL are left out for everyone, as
    for related conditions. Pages from the shared page loader carry the answer
    (``physio_view_restricted``); any other page (a preview's form value, a page
    from a project's code) costs one query, remembered on the page.
    """
    if page is None or not page.live:
        return False
    restricted = getattr(page, "physio_view_restricted", None)
    if restricted is None:
        # The same test as the bulk loader's, so both ways give the same answer.
        restricted = bool(
            annotate_view_restricted(get_page_model().objects.filter(pk=page.pk))
            .values_list("physio_view_restricted", flat=True)
            .first()
        )
        page.physio_view_restricted = restricted
    return not restricted


def page_data(
    page: Page | None, request: HttpRequest | None = None
) -> dict[str, Any] | None:
    """``{"id", "title", "url", "html_url"}`` of a live, public page, else None.

    A page since unpublished or made private is None, as its link is left out on
    the page itself: neither its title nor its URL is given away. A deleted one
    already arrives as None from the chooser.
    """
    if page is None or not is_public_page(page):
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request=request),
        "html_url": page.get_full_url(request=request),
    }
