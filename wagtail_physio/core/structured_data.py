"""schema.org JSON-LD: serialising it safely, and the nodes every page view has.

``StructuredDataBuilder`` builds a page view's graph (the website, the page and its
breadcrumb trail); the locations feature adds the clinic and each location in its
``ClinicStructuredDataBuilder``, the default for every page.

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

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks
from wagtail.models import Page, Site

from .conf import physio_settings
from .pages import site_ancestors
from .protocols import DescribesPage, SchemaNode
from .translations import active_content_language, translation_enabled

if TYPE_CHECKING:
    from django.http import HttpRequest

SCHEMA_CONTEXT = "https://schema.org"
HOOK_NAME = "physio_structured_data"

# Values of STRUCTURED_DATA_PAGE_NODES and STRUCTURED_DATA_PUBLISHER: which pages
# a part of the graph is on.
ALL_PAGES = "all"
PACKAGE_PAGES = "package_pages"
NO_PAGES = "none"
STRUCTURED_DATA_SCOPES = (ALL_PAGES, PACKAGE_PAGES, NO_PAGES)


def on_this_page(scope: str, *, package_page: bool) -> bool:
    """Whether a setting of ``STRUCTURED_DATA_SCOPES`` covers the current page."""
    return scope == ALL_PAGES or (scope == PACKAGE_PAGES and package_page)


# JSON allows these escapes inside strings; HTML parsers then never see a tag.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dumps_json_ld(data: Any) -> SafeString:
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


def absolute_url(request: HttpRequest | None, path: str | None) -> str | None:
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def page_url(page: Page, request: HttpRequest | None) -> str:
    return page.get_full_url(request=request) or ""


def site_root_url(site: Site | None, request: HttpRequest | None) -> str:
    """The site's home page address: in the reader's language, on a site with i18n."""
    if site is None:
        return absolute_url(request, "/") or "/"
    return site.root_url.rstrip("/") + home_path(site)


def home_path(site: Site) -> str:
    """``/``, or the language prefix (``/cy/``) of the active language's home page
    when the site has one; from Wagtail's cached root paths, so no query."""
    if not translation_enabled():
        return "/"
    language = active_content_language()
    if language is None or not any(
        root.site_id == site.pk and root.language_code == language
        for root in Site.get_site_root_paths()
    ):
        return "/"
    try:
        # Under i18n_patterns this carries the language's prefix, as Wagtail's
        # page URLs do.
        return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


def clinic_id(site: Site | None, request: HttpRequest | None) -> str:
    return site_root_url(site, request) + "#clinic"


def web_page_node(
    page: Page,
    request: HttpRequest | None,
    site: Site | None,
    *,
    publisher: bool = True,
) -> SchemaNode:
    """``WebPage`` for any page; condition pages describe themselves further.

    ``publisher``: whether the node names the clinic as the page's publisher.
    """
    url = page_url(page, request)
    # Wagtail's Page has seo_title and search_description; a site's own base page
    # (WAGTAIL_PAGE_MODEL) may not.
    description = getattr(page, "search_description", "")
    node: SchemaNode = {
        "@type": "WebPage",
        "@id": url + "#webpage",
        "name": getattr(page, "seo_title", "") or page.title,
        "url": url,
        "isPartOf": {"@id": site_root_url(site, request) + "#website"},
        "breadcrumb": {"@id": url + "#breadcrumbs"},
    }
    if publisher:
        node["publisher"] = {"@id": clinic_id(site, request)}
    if description:
        node["description"] = description
    if isinstance(page, DescribesPage):
        node = page.get_structured_data(node, request=request)
    return node


def website_node(
    site: Site | None, request: HttpRequest | None, *, publisher: bool = True
) -> SchemaNode:
    name = (site.site_name if site else "") or getattr(
        settings, "WAGTAIL_SITE_NAME", ""
    )
    node: SchemaNode = {
        "@type": "WebSite",
        "@id": site_root_url(site, request) + "#website",
        "name": name,
        "url": site_root_url(site, request),
    }
    if publisher:
        node["publisher"] = {"@id": clinic_id(site, request)}
    return node


def breadcrumb_list(
    ancestors: Iterable[Page], page: Page, request: HttpRequest | None
) -> SchemaNode:
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


def apply_hooks(
    graph: list[SchemaNode], page: Page | None, request: HttpRequest | None
) -> list[SchemaNode]:
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook(graph, page=page, request=request)
        if result is not None:
            graph = result
    return graph


def document(graph: list[SchemaNode]) -> dict[str, Any]:
    """Wrap a list of nodes into one JSON-LD document."""
    return {"@context": SCHEMA_CONTEXT, "@graph": [node for node in graph if node]}


class StructuredDataBuilder:
    """Builds the JSON-LD graph of one page view.

    Subclass it and extend ``get_site_nodes`` (nodes every page of the site carries)
    or ``get_page_nodes``; a page type names its builder in
    ``structured_data_builder_class``. ``package_page`` says whether the page is
    one of the package's own (condition pages and their index), for the
    ``STRUCTURED_DATA_PAGE_NODES`` and ``STRUCTURED_DATA_PUBLISHER`` settings.
    """

    def __init__(
        self,
        page: Page | None,
        request: HttpRequest | None,
        *,
        ancestors: list[Page] | None = None,
        package_page: bool = False,
    ) -> None:
        self.page = page
        self.request = request
        # Taken from the page context when the template already loaded the trail.
        self.ancestors = ancestors
        self.package_page = package_page
        self.site = Site.find_for_request(request) if request is not None else None

    def names_publisher(self, *, site_wide: bool = False) -> bool:
        """Whether a node names the clinic as publisher (``STRUCTURED_DATA_PUBLISHER``).

        The website node is ``site_wide``: it is the same on every page, so it
        names the publisher only when every page does.
        """
        scope = physio_settings.STRUCTURED_DATA_PUBLISHER
        if site_wide:
            return scope == ALL_PAGES
        return on_this_page(scope, package_page=self.package_page)

    def describes_page(self) -> bool:
        """Whether the graph has the page's own nodes (``STRUCTURED_DATA_PAGE_NODES``)."""
        return on_this_page(
            physio_settings.STRUCTURED_DATA_PAGE_NODES, package_page=self.package_page
        )

    def get_site_nodes(self) -> list[SchemaNode]:
        return [
            website_node(
                self.site, self.request, publisher=self.names_publisher(site_wide=True)
            )
        ]

    def get_page_nodes(self) -> list[SchemaNode]:
        page = self.page
        if page is None or not getattr(page, "pk", None) or not self.describes_page():
            return []
        ancestors = self.ancestors
        if ancestors is None:
            ancestors = site_ancestors(page, self.request)
        return [
            web_page_node(
                page, self.request, self.site, publisher=self.names_publisher()
            ),
            breadcrumb_list(ancestors, page, self.request),
        ]

    def build(self) -> list[SchemaNode]:
        """Page nodes first, then the site's, changed by any registered hooks."""
        graph = self.get_page_nodes() + self.get_site_nodes()
        return apply_hooks(graph, self.page, self.request)
