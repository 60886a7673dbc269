"""Template tags of wagtail-physio: ``{% load physio_tags %}``.

Each tag is a thin entry point; the work is done by the feature it belongs to.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ..conditions.models import PhysioPageMixin
from ..core.assets import stylesheet_link
from ..core.conf import physio_settings
from ..core.images import ResponsiveImage
from ..core.images import responsive_image as build_responsive_image
from ..core.languages import content_language
from ..core.page_translations import alternates_context, language_switch_context
from ..core.render_cache import per_request, render_part
from ..core.structured_data import document, dumps_json_ld
from ..locations.contact import contact_panel_context
from ..locations.structured_data import ClinicStructuredDataBuilder
from ..notices.banners import render_notice_banners

register = template.Library()


@register.simple_tag(takes_context=True)
def physio_stylesheet(context: dict[str, Any]) -> SafeString | str:
    """The package stylesheet's ``<link>``, once per request.

    Optional: package pages and the site-wide tags link it themselves where they
    start. Placed in the ``<head>`` it loads earlier.
    """
    return stylesheet_link(context.get("request"))


@register.inclusion_tag(
    "wagtail_physio/includes/contact_panel.html", takes_context=True
)
def physio_contact(
    context: dict[str, Any], heading: str | None = None
) -> dict[str, Any]:
    """The "Get in touch" panel: main phone and email, then every active location.

    Reads the current site's ``ClinicContactSettings`` and locations on each request,
    so an edit in the admin shows on the next page view.
    """
    return contact_panel_context(context.get("request"), heading)


@register.simple_tag(takes_context=True)
def physio_notice_banners(context: dict[str, Any]) -> SafeString | str:
    """The live notice banners of the current site; place once, at the top of body."""
    return render_notice_banners(context.get("request"))


@register.inclusion_tag(
    "wagtail_physio/includes/structured_data.html", takes_context=True
)
def physio_structured_data(context: dict[str, Any]) -> dict[str, Any]:
    """schema.org JSON-LD for the current page, the clinic and each of its locations.

    Place once in the ``<head>`` of the site's base template. Reuses what the page
    already loaded (breadcrumbs, contact settings, locations), so it adds no query
    on package pages. A package page chooses its builder
    (``structured_data_builder_class``); any other page gets the clinic's.
    """
    request = context.get("request")
    # Package page templates and a site's base template may both place the tag;
    # the page carries one JSON-LD document however many places ask for it.
    if request is not None:
        if getattr(request, "_physio_structured_data_done", False):
            return {"json_ld": None}
        request._physio_structured_data_done = True
    # A package page's cached rendering holds its JSON-LD (docs/caching.md).
    rendering = context.get("physio_rendering")
    json_ld = rendering.get("json_ld") if rendering is not None else None
    if json_ld is None:
        json_ld = build_json_ld(context)
        if rendering is not None:
            rendering.put("json_ld", json_ld)
    return {"json_ld": json_ld}


def build_json_ld(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    page = context.get("page")
    package_page = isinstance(page, PhysioPageMixin)
    builder_class = (
        page.get_structured_data_builder_class()
        if isinstance(page, PhysioPageMixin)
        else ClinicStructuredDataBuilder
    )
    builder = builder_class(
        page,
        request,
        ancestors=context.get("breadcrumbs"),
        package_page=package_page,
    )
    return dumps_json_ld(document(builder.build()))


@register.inclusion_tag(
    "wagtail_physio/includes/language_switch.html", takes_context=True
)
def physio_language_switch(context: dict[str, Any]) -> dict[str, Any]:
    """Links to the current page in each of the site's languages (or that
    language's home page); nothing unless Wagtail's i18n is on."""
    return language_switch_context(context.get("page"), context.get("request"))


@register.inclusion_tag(
    "wagtail_physio/includes/language_alternates.html", takes_context=True
)
def physio_language_alternates(context: dict[str, Any]) -> dict[str, Any]:
    """``<link rel="alternate" hreflang>`` for each translation of the current page,
    in the ``<head>``; shares its one query with the language switch."""
    return alternates_context(context.get("page"), context.get("request"))


@register.simple_tag
def physio_setting(name: str) -> Any:
    """``{% physio_setting "SHOW_BREADCRUMBS" as show_breadcrumbs %}``: a
    ``WAGTAIL_PHYSIO`` setting (its default when the site sets none).

    Package templates ask it which optional parts to show; a site's templates may
    too. An unknown name raises ``AttributeError``, as ``physio_settings`` does.
    """
    return getattr(physio_settings, name)


@register.simple_tag
def responsive_image(image: Any, alt: str = "") -> ResponsiveImage | None:
    """``{% responsive_image image alt as img %}``: srcset, sizes and size of ``image``.

    Render the result with ``{% include "wagtail_physio/includes/responsive_image.html" %}``;
    it is None when the image or its file is missing, so a template can leave out the
    whole figure.
    """
    return build_responsive_image(image, alt)


@register.simple_tag
def physio_lang(locale_id: Any) -> SafeString | str:
    """`` lang="…"`` for an element of content in the locale ``locale_id`` when that
    is not the active language; nothing otherwise: ``<div{% physio_lang page.locale_id %}>``.
    """
    language = content_language(locale_id)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def physio_ui_lang(locale_id: Any) -> SafeString | str:
    """`` lang="…"`` of the active language for the package's own words inside
    content marked with ``physio_lang``: the same condition, the other language.
    """
    if not content_language(locale_id):
        return ""
    return format_html(' lang="{}"', get_language())


class RenderCachedNode(template.Node):
    def __init__(self, name: FilterExpression, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        rendering = context.get("physio_rendering")
        if rendering is None:
            return self.nodelist.render(context)
        name = f"part:{self.name.resolve(context)}"
        fragment = rendering.get(name)
        if fragment is None:
            fragment = render_part(lambda: self.nodelist.render(context))
            rendering.put(name, fragment)
        return fragment.fill(context.get("request"))


@register.tag("physio_render_cached")
def physio_render_cached(parser: Parser, token: Token) -> RenderCachedNode:
    """``{% physio_render_cached "article" %}…{% endphysio_render_cached %}``: on a
    package page, a part stored with the page's cached rendering (docs/caching.md).

    Elsewhere, or with the render cache off, the content renders as it stands.
    Anything in it must depend only on the page's revision and what the render
    cache's versions cover; mark what changes by the minute with
    ``{% physio_per_request %}``.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes one argument: the name of the part."
        )
    nodelist = parser.parse(("endphysio_render_cached",))
    parser.delete_first_token()
    return RenderCachedNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag(takes_context=True)
def physio_per_request(
    context: dict[str, Any], template_name: str, **values: Any
) -> SafeString:
    """``{% physio_per_request "template.html" location=location %}``: rendered on
    every request, also inside a cached part (whose stored HTML keeps a hole here).

    The template gets only ``values`` and ``request``; the values are stored with
    the cached part, so keep them small and picklable.
    """
    return per_request(template_name, values, context.get("request"))
