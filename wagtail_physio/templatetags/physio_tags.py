"""Template tags of wagtail-physio: ``{% load physio_tags %}``."""

from django import template

from ..images import responsive_image as build_responsive_image

register = template.Library()


@register.simple_tag
def responsive_image(image, alt=""):
    """``{% responsive_image image alt as img %}``: srcset, sizes and size of ``image``.

    Render the result with ``{% include "wagtail_physio/includes/responsive_image.html" %}``;
    it is None when the image or its file is missing, so a template can leave out the
    whole figure.
    """
    return build_responsive_image(image, alt)
