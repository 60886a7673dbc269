"""The package stylesheet, linked once per page wherever the package first renders.

A site's base template may have no block for the ``<head>`` (``wagtail start``
makes ``extra_css``, many sites have neither), so package pages and the site-wide
tags link the stylesheet themselves, first thing in what they render; a
``<link rel="stylesheet">`` in the body is valid HTML and blocks rendering of what
follows it until loaded, so nothing shows unstyled. ``{% physio_stylesheet %}`` in
the ``<head>`` links it earlier, and everything after it then adds nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .conf import physio_settings

if TYPE_CHECKING:
    from django.http import HttpRequest

STYLESHEET = "wagtail_physio/css/physio.css"


def stylesheet_link(request: HttpRequest | None) -> SafeString:
    """The stylesheet's ``<link>``, or "" when this request already has it (or the
    project turned it off with ``INCLUDE_STYLESHEET``)."""
    # SafeString even when empty, so what it is joined to stays safe too.
    if not physio_settings.INCLUDE_STYLESHEET:
        return SafeString()
    if request is not None:
        if getattr(request, "_physio_stylesheet_linked", False):
            return SafeString()
        request._physio_stylesheet_linked = True  # type: ignore[attr-defined]
    return format_html('<link rel="stylesheet" href="{}">', static(STYLESHEET))
