"""Getting live notice banners onto pages cheaply, and always up to date.

* ``get_live_notices(site)`` reads the site's banners with **one query on every
  request**. Which banners show is never cached, so a banner switched off, raised
  or edited in any process (any worker, a shell, a cron job) shows on the next
  request everywhere, whatever the cache configuration.
* Only the rendered HTML is cached, in Django's cache, under one key per site and
  keyed inside it by what a banner shows (``render_key``), so an edited banner is a
  new entry and nothing ever needs invalidating to be correct.
* A banner that cannot be rendered is logged and left out; a cache that fails is
  logged, left alone for ``CACHE_RETRY_SECONDS`` and replaced by rendering.
* ``purge_sites()`` purges front-end caches when banners change (see
  ``notices/signals.py``) and from the ``physio_notice_boundaries`` command.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db.models import Subquery
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from ..core.assets import stylesheet_link
from ..core.conf import physio_settings
from ..core.pages import get_page_model
from ..core.rich_text import clean_inline_rich_text
from ..locations.contact import ClinicContactSettings
from .models import NoticeBanner

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger("wagtail_physio")

#: One entry per site: ``{render_key: banner dict with its "html"}``.
CACHE_KEY = "wagtail_physio:notice_banners:site:{site_id}"
BANNER_TEMPLATE = "wagtail_physio/includes/notice_banner.html"
ENDPOINT_URL_NAME = "wagtail_physio:notice_banners"
#: After a cache error this process renders without the cache for this long, so a
#: cache server that is down (or slow to time out) costs one failed call per
#: process per interval, not one per request.
CACHE_RETRY_SECONDS = 30.0


@dataclass(frozen=True)
class LiveNotices:
    """The banners a site shows now, and when that answer stops being true."""

    #: Dicts ready for notice_banner.html, each with its rendered ``html``, most
    #: severe first.
    banners: list[dict[str, Any]]
    valid_until: datetime | None  # next scheduled start or end; None if none

    def seconds_valid(self, now: datetime) -> int | None:
        if self.valid_until is None:
            return None
        return max(0, math.ceil((self.valid_until - now).total_seconds()))


def cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


# --- the cache, used only while it works ----------------------------------------

_cache_down_until = 0.0


def _cache_usable() -> bool:
    return (
        bool(physio_settings.NOTICE_BANNER_CACHE_TIMEOUT)
        and time.monotonic() >= _cache_down_until
    )


def _cache_failed(action: str) -> None:
    global _cache_down_until
    _cache_down_until = time.monotonic() + CACHE_RETRY_SECONDS
    logger.warning(
        "Notice banner cache failed while %s; rendering banners without it for "
        "%d seconds.",
        action,
        CACHE_RETRY_SECONDS,
        exc_info=True,
    )


@receiver(setting_changed)
def _retry_new_caches(*, setting: str, **kwargs: Any) -> None:
    """A new cache configuration (tests, mostly) gets a fresh try."""
    global _cache_down_until
    if setting == "CACHES":
        _cache_down_until = 0.0


def _read_renderings(site_id: int) -> dict[str, dict[str, Any]]:
    if not _cache_usable():
        return {}
    try:
        found = cache.get(cache_key(site_id))
    except Exception:
        _cache_failed("reading")
        return {}
    return found if isinstance(found, dict) else {}


def _write_renderings(site_id: int, renderings: dict[str, dict[str, Any]]) -> None:
    if not _cache_usable():
        return
    try:
        # Always a bounded timeout: an entry left behind by a lost write or a
        # renamed template goes by itself.
        cache.set(
            cache_key(site_id),
            renderings,
            physio_settings.NOTICE_BANNER_CACHE_TIMEOUT,
        )
    except Exception:
        _cache_failed("writing")


# --- reading and rendering ------------------------------------------------------


def get_live_notices(site: Site, now: datetime | None = None) -> LiveNotices:
    """The live banners of ``site``, rendered: one query, every time."""
    now = now or timezone.now()
    candidates, valid_until = read_live_banners(site, now)
    cached = _read_renderings(site.pk)
    shown: dict[str, dict[str, Any]] = {}
    for banner, phone in candidates:
        key = render_key(banner, phone)
        rendering = cached.get(key) or render_live_banner(banner, phone)
        if rendering is not None:
            shown[key] = rendering
    # Written only when something was rendered or is no longer shown.
    if shown.keys() != cached.keys():
        _write_renderings(site.pk, shown)
    return LiveNotices(banners=list(shown.values()), valid_until=valid_until)


def live_notices_for_request(
    request: HttpRequest, site: Site, now: datetime | None = None
) -> LiveNotices:
    """``get_live_notices`` once per request, however many templates ask."""
    notices = getattr(request, "_physio_live_notices", None)
    if notices is None:
        notices = get_live_notices(site, now)
        request._physio_live_notices = notices  # type: ignore[attr-defined]
    return notices


def read_live_banners(
    site: Site, now: datetime
) -> tuple[list[tuple[NoticeBanner, str]], datetime | None]:
    """The site's live banners with the site's main phone number, most severe
    first, and the next scheduled start or end, from one query."""
    main_phone = ClinicContactSettings.objects.filter(site=site).values("main_phone")
    # Scheduled banners are read too: their start is when this answer expires.
    candidates = (
        NoticeBanner.objects.not_expired(now)
        .for_site(site)
        .annotate(site_main_phone=Subquery(main_phone[:1]))
        .by_severity()
    )
    banners: list[tuple[NoticeBanner, str]] = []
    boundaries: list[datetime] = []
    for banner in candidates:
        if banner.starts_at and banner.starts_at > now:
            boundaries.append(banner.starts_at)
            continue
        if banner.ends_at:
            boundaries.append(banner.ends_at)
        banners.append((banner, banner.site_main_phone or ""))
    return banners, min(boundaries, default=None)


def render_key(banner: NoticeBanner, default_phone: str = "") -> str:
    """Changes whenever the banner's HTML would: what it says (``version``), its
    close button, the site's main number and the language of its labels."""
    return "\x1f".join(
        [banner.version, str(banner.dismissible), default_phone, get_language() or ""]
    )


def render_live_banner(
    banner: NoticeBanner, default_phone: str = ""
) -> dict[str, Any] | None:
    """The banner's dict with its ``html``, or None (logged) if it cannot be shown.

    One broken banner, e.g. a stored page link whose id is not a number, must not
    take down every page and the JSON endpoint with it.
    """
    try:
        data = serialise_banner(banner, default_phone)
        data["html"] = render_banner(data)
    except Exception:
        logger.exception(
            "Notice banner %s could not be rendered and was left out; edit it in "
            "the admin to fix it.",
            banner.pk,
        )
        return None
    return data


def serialise_banner(banner: NoticeBanner, default_phone: str = "") -> dict[str, Any]:
    """A plain, cacheable dict with the message already made safe."""
    return {
        "id": banner.pk,
        "version": banner.version,
        "severity": banner.severity,
        "is_urgent": banner.is_urgent,
        "dismissible": banner.dismissible,
        # Whitelisted before Wagtail expands page links, so nothing an editor
        # or an import stored can add markup beyond bold, italic and links.
        "message": mark_safe(expand_db_html(clean_inline_rich_text(banner.message))),
        "cta": banner.get_call_to_action(default_phone),
        # A translatable banner's locale: the template marks the message's
        # language when it is not the reader's (a banner not yet translated).
        "locale_id": getattr(banner, "locale_id", None),
    }


def render_banner(banner: dict[str, Any]) -> SafeString:
    return render_to_string(BANNER_TEMPLATE, {"banner": banner})


def render_notice_banners(request: HttpRequest | None) -> SafeString | str:
    """The HTML of ``{% physio_notice_banners %}`` for ``request``'s site.

    In "client" mode it renders an empty container that notice-banners.js fills
    from the JSON endpoint, so pages cached by a CDN still show notices on time.
    """
    if request is None:
        return ""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    if physio_settings.NOTICE_BANNER_MODE == "client":
        url = endpoint_url()
        if url:
            return stylesheet_link(request) + render_to_string(
                "wagtail_physio/includes/notice_banners_client.html",
                {"endpoint_url": url},
            )
        # Without the endpoint's URLs (system check E009) server mode still works.
    banners = live_notices_for_request(request, site).banners
    if not banners:
        return ""
    # The banners may be the first thing the package renders on a host's page.
    return stylesheet_link(request) + render_to_string(
        "wagtail_physio/includes/notice_banners.html",
        {
            "banners": banners,
            "any_dismissible": any(b["dismissible"] for b in banners),
        },
    )


def endpoint_url() -> str | None:
    """Path of the JSON endpoint, or None when the project has not included it."""
    try:
        return reverse(ENDPOINT_URL_NAME)
    except NoReverseMatch:
        return None


def clear_notice_cache(site_ids: Iterable[int] | None = None) -> None:
    """Forget the rendered banners of the given sites (every site when None).

    Never needed for correctness (renderings are keyed by what they show); it
    frees entries nobody will ask for again, e.g. those of a deleted site.
    """
    if site_ids is None:
        site_ids = Site.objects.values_list("pk", flat=True)
    keys = [cache_key(pk) for pk in site_ids]
    if keys and _cache_usable():
        try:
            cache.delete_many(keys)
        except Exception:
            _cache_failed("clearing")


def frontend_cache_configured() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


def purge_sites(site_ids: Iterable[int] | None = None) -> set[str]:
    """Purge every live page of the given sites (all when None) from front-end
    caches, so no cached page keeps an old banner. Returns the URLs purged."""
    if not frontend_cache_configured():
        return set()
    # Imported here: wagtail.contrib.frontend_cache is optional, and importing its
    # utils without the app installed would fail.
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    sites = Site.objects.select_related("root_page")
    if site_ids is not None:
        sites = sites.filter(pk__in=site_ids)
    batch = PurgeBatch()
    path = endpoint_url()
    for site in sites:
        batch.add_pages(
            get_page_model()
            .objects.live()
            .descendant_of(site.root_page, inclusive=True)
        )
        if path:
            batch.add_url(site.root_url + path)
    batch.purge()
    return batch.urls
