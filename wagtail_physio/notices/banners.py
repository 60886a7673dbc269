"""Getting live notice banners onto pages cheaply and keeping caches honest.

* ``get_live_notices(site)`` answers from Django's cache, or with one query. A cache
  entry ends at the next scheduled start or end, so schedules work without purges.
* ``clear_notice_cache()`` and ``purge_sites()`` run when banners change (see
  ``notices/signals.py``) and from the ``physio_notice_boundaries`` command.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Subquery
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
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

CACHE_KEY = "wagtail_physio:notice_banners:site:{site_id}"
BANNER_TEMPLATE = "wagtail_physio/includes/notice_banner.html"
ENDPOINT_URL_NAME = "wagtail_physio:notice_banners"


@dataclass(frozen=True)
class LiveNotices:
    """The banners a site shows now, and when that answer stops being true."""

    #: Dicts ready for notice_banner.html, most severe first.
    banners: list[dict[str, Any]]
    valid_until: datetime | None  # next scheduled start or end; None if none

    def seconds_valid(self, now: datetime) -> int | None:
        if self.valid_until is None:
            return None
        return max(0, math.ceil((self.valid_until - now).total_seconds()))


def cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


def get_live_notices(site: Site, now: datetime | None = None) -> LiveNotices:
    """The live banners of ``site``: no query when cached, one query otherwise."""
    now = now or timezone.now()
    timeout = physio_settings.NOTICE_BANNER_CACHE_TIMEOUT
    if timeout:
        cached = cache.get(cache_key(site.pk))
        # Checking the boundary here too keeps scheduled banners on time even
        # when a cache backend rounds expiry times.
        if cached is not None and (
            cached.valid_until is None or now < cached.valid_until
        ):
            return cached
    notices = build_live_notices(site, now)
    if timeout:
        seconds = notices.seconds_valid(now)
        cache.set(
            cache_key(site.pk),
            notices,
            timeout if seconds is None else max(1, min(timeout, seconds)),
        )
    return notices


def build_live_notices(site: Site, now: datetime) -> LiveNotices:
    """Read the site's banners in one query and work out the next boundary."""
    main_phone = ClinicContactSettings.objects.filter(site=site).values("main_phone")
    # Scheduled banners are read too: their start is when this answer expires.
    candidates = (
        NoticeBanner.objects.not_expired(now)
        .for_site(site)
        .annotate(site_main_phone=Subquery(main_phone[:1]))
        .by_severity()
    )
    banners: list[dict[str, Any]] = []
    boundaries: list[datetime] = []
    for banner in candidates:
        if banner.starts_at and banner.starts_at > now:
            boundaries.append(banner.starts_at)
            continue
        if banner.ends_at:
            boundaries.append(banner.ends_at)
        banners.append(serialise_banner(banner, banner.site_main_phone or ""))
    return LiveNotices(banners=banners, valid_until=min(boundaries, default=None))


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
    }


def render_banner(banner: dict[str, Any]) -> SafeString:
    return render_to_string(BANNER_TEMPLATE, {"banner": banner})


def render_notice_banners(request: HttpRequest | None) -> SafeString | str:
    """The HTML of ``{% physio_notice_banners %}`` for ``request``'s site.

    In "client" mode it renders an empty container that notice-banners.js fills
    from the JSON endpoint, so pages cached by a CDN still show notices on time.
    """
    site = Site.find_for_request(request) if request is not None else None
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
    banners = get_live_notices(site).banners
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
    """Forget the cached banners of the given sites (every site when None)."""
    if site_ids is None:
        site_ids = Site.objects.values_list("pk", flat=True)
    cache.delete_many([cache_key(pk) for pk in site_ids])


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
