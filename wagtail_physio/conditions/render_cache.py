"""Condition pages and the conditions index served from the render cache.

``core/render_cache.py`` keeps the versions, keys and holes; this module decides
when a package page view may use them and keeps the versions of what condition
pages show beyond Wagtail's own models: clinic locations and their hours, the
clinic's contact settings, condition categories and objects chosen in blocks.
See docs/caching.md.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from wagtail import blocks, hooks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Site, get_page_models

from ..core import render_cache
from ..core.conf import physio_settings
from ..core.pages import is_view_restricted
from ..core.protocols import BulkLoadable, implements
from ..locations.contact import ClinicContactSettings
from ..locations.models import ClinicLocation, OpeningHours, SpecialOpeningHours
from .categories import ConditionCategory

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.http import HttpRequest
    from wagtail.models import Page

#: GET parameters the conditions index may be cached for, the search (``q``) aside;
#: any other renders uncached.
INDEX_CACHED_PARAMETERS = ("category", "page")

#: Longest search (in characters, as sent) whose results may be cached.
CACHED_SEARCH_MAX_LENGTH = 100


def page_rendering(
    page: Page,
    request: HttpRequest,
    variant: str | None,
    kinds: Iterable[str],
    timeout: int | None = None,
) -> render_cache.Rendering | None:
    """The cached rendering of ``page`` for ``request``, or None when this view
    must render on its own: a preview, a page not live, a private page, a variant
    not cached (``variant`` None), or the render cache off or down. Kept for
    ``timeout`` seconds (default ``RENDER_CACHE_TIMEOUT``).

    Asked once per page per request, however many times the page asks.
    """
    memo = request.__dict__.setdefault("_physio_renderings", {})
    if page.pk not in memo:
        memo[page.pk] = _find_rendering(page, request, variant, kinds, timeout)
    rendering: render_cache.Rendering | None = memo[page.pk]
    return rendering


def _find_rendering(
    page: Page,
    request: HttpRequest,
    variant: str | None,
    kinds: Iterable[str],
    timeout: int | None,
) -> render_cache.Rendering | None:
    if (
        variant is None
        or page.pk is None
        or not page.live
        or getattr(request, "is_preview", False)
        or request.method not in ("GET", "HEAD")
    ):
        return None
    site = Site.find_for_request(request)
    rendering = render_cache.start_rendering(
        [
            "page",
            page._meta.label,
            page.pk,
            page.live_revision_id,
            # Ids come back after a rollback (tests) or a restore; times do not.
            page.last_published_at.isoformat() if page.last_published_at else "",
            getattr(page, "locale_id", ""),
            variant,
            *render_cache.request_parts(request, site.pk if site else None),
        ],
        kinds,
        timeout,
    )
    if rendering is None:
        return None
    # A stored rendering was of a public page, and any privacy change since has
    # changed the pages version, so only a miss needs to ask.
    if not rendering.is_hit and is_private(page):
        return None
    return rendering


# --- privacy, asked once per page view -------------------------------------------

NOTED_RESTRICTIONS = "_physio_view_restrictions"


def note_view_restrictions(
    page: Page, request: HttpRequest, serve_args: Any, serve_kwargs: Any
) -> None:
    """``before_serve_page``, before Wagtail's own privacy check: load the page's
    view restrictions once, for that check and for the render cache to share."""
    if hasattr(page, "render_cache_kinds"):  # a package page
        restrictions = page.get_view_restrictions()
        len(restrictions)  # evaluated now, so every later reader reuses the rows
        page.__dict__[NOTED_RESTRICTIONS] = restrictions


def noted_view_restrictions(page: Page) -> Any:
    """The restrictions ``note_view_restrictions`` loaded, or None."""
    return page.__dict__.get(NOTED_RESTRICTIONS)


def is_private(page: Page) -> bool:
    noted = noted_view_restrictions(page)
    if noted is not None:
        return bool(noted)
    return is_view_restricted(page)


def index_variant(request: HttpRequest) -> str | None:
    """Which cached listing a conditions index request is, or None for one not
    cached: other parameters, values no link of the index makes, or a search
    when searches are not cached (``RENDER_CACHE_SEARCH_TIMEOUT`` 0) or longer
    than ``CACHED_SEARCH_MAX_LENGTH``.

    A search is keyed by a hash of its exact text: the listing repeats it in its
    search box and page links, so two spellings of one search are two entries."""
    params = request.GET
    if set(params) - {*INDEX_CACHED_PARAMETERS, "q"}:
        return None
    parts = []
    if "q" in params:
        searches = params.getlist("q")
        if (
            not physio_settings.RENDER_CACHE_SEARCH_TIMEOUT
            or len(searches) > 1
            or len(searches[0]) > CACHED_SEARCH_MAX_LENGTH
        ):
            return None
        parts.append("q=" + hashlib.sha256(searches[0].encode()).hexdigest())
    for name in INDEX_CACHED_PARAMETERS:
        values = params.getlist(name)
        if len(values) > 1 or not all(
            render_cache.SAFE_VALUE.fullmatch(value) for value in values
        ):
            return None
        # "?category=" links differently from no category at all.
        parts.append(f"{name}={values!r}")
    return "&".join(parts)


# --- versions of what condition pages show ---------------------------------------


def index_timeout(request: HttpRequest) -> int | None:
    """How long a conditions index rendering is kept: briefly for a search, each
    query being an entry of its own; ``None`` for the usual timeout."""
    if "q" in request.GET:
        return int(physio_settings.RENDER_CACHE_SEARCH_TIMEOUT)
    return None


def chosen_models() -> set[type[Model]]:
    """Models chosen in the StreamFields of any page type (a project's snippets,
    say), besides pages, images and locations, which have versions of their own."""
    found: set[type[Model]] = set()
    for page_model in get_page_models():
        for model_field in page_model._meta.get_fields():
            if isinstance(model_field, StreamField):
                _collect_chosen(model_field.stream_block, found, set())
    covered = {get_image_model(), ClinicLocation, *get_page_models()}
    return {
        model for model in found if isinstance(model, type) and model not in covered
    }


def _collect_chosen(block: Any, found: set[Any], seen: set[int]) -> None:
    if id(block) in seen:
        return
    seen.add(id(block))
    if implements(block, BulkLoadable):
        found.add(block.model_class)
    elif isinstance(block, blocks.ChooserBlock):
        found.add(block.target_model)
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        for child in block.child_blocks.values():
            _collect_chosen(child, found, seen)
    elif isinstance(block, blocks.ListBlock):
        _collect_chosen(block.child_block, found, seen)


_hook_registered = False


def connect_signals() -> None:
    """Keep every version up to date (``AppConfig.ready``)."""
    global _hook_registered
    if not _hook_registered:  # once, however many times the app is made ready
        # Before Wagtail's check_view_restrictions (order 0).
        hooks.register("before_serve_page", note_view_restrictions, order=-1)
        _hook_registered = True
    render_cache.connect_signals()
    render_cache.bump_on_change(
        render_cache.LOCATIONS, ClinicLocation, OpeningHours, SpecialOpeningHours
    )
    render_cache.bump_on_change(render_cache.CONTACT, ClinicContactSettings)
    render_cache.bump_on_change(render_cache.CATEGORIES, ConditionCategory)
    render_cache.bump_on_change(render_cache.CHOSEN, *chosen_models())
