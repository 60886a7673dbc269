"""What condition pages tell ``wagtail.contrib.sitemaps`` about themselves.

A search engine re-reads a page when its ``lastmod`` moves. For health content a
clinical review is news even when nothing was edited: the page is now vouched for
again, so the later of the last publish and the last review counts.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from ..core.pages import exclude_view_restricted

if TYPE_CHECKING:
    from django.http import HttpRequest


def review_datetime(date: datetime.date | None) -> datetime.datetime | None:
    """Start of ``date`` in the site's time zone, comparable with publish times."""
    if date is None:
        return None
    moment = datetime.datetime.combine(date, datetime.time.min)
    return timezone.make_aware(moment) if settings.USE_TZ else moment


def latest(*moments: datetime.datetime | None) -> datetime.datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


class ReviewedSitemapMixin:
    """``lastmod`` is the later of the last publish and the ``last_reviewed`` date."""

    def get_sitemap_urls(
        self, request: HttpRequest | None = None
    ) -> list[dict[str, Any]]:
        # Wagtail's Page, which comes after this mixin in a page type's bases.
        urls = super().get_sitemap_urls(request=request)  # type: ignore[misc]
        reviewed = review_datetime(getattr(self, "last_reviewed", None))
        for url in urls:
            # Always a datetime: Wagtail's sitemap compares every page's lastmod.
            url["lastmod"] = latest(url.get("lastmod"), reviewed)
        return urls


class ListingSitemapMixin:
    """An index's ``lastmod`` moves when a page it lists is published.

    The A–Z list is the index page's content, so a new or changed condition changes
    it. Costs one aggregate query per index page (a site has few).
    """

    def get_sitemap_urls(
        self, request: HttpRequest | None = None
    ) -> list[dict[str, Any]]:
        # Wagtail's Page, which comes after this mixin in a page type's bases.
        urls = super().get_sitemap_urls(request=request)  # type: ignore[misc]
        # Live, public children: the pages the A–Z list shows (Page.get_children).
        newest_child = exclude_view_restricted(self.get_children().live()).aggregate(  # type: ignore[attr-defined]
            newest=Max("last_published_at")
        )["newest"]
        for url in urls:
            url["lastmod"] = latest(url.get("lastmod"), newest_child)
        return urls
