"""What condition pages tell ``wagtail.contrib.sitemaps`` about themselves.

A search engine re-reads a page when its ``lastmod`` moves. For health content a
clinical review is news even when nothing was edited: the page is now vouched for
again, so the later of the last publish and the last review counts.
"""

import datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from ..core.pages import exclude_view_restricted


def review_datetime(date):
    """Start of ``date`` in the site's time zone, comparable with publish times."""
    if date is None:
        return None
    moment = datetime.datetime.combine(date, datetime.time.min)
    return timezone.make_aware(moment) if settings.USE_TZ else moment


def latest(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


class ReviewedSitemapMixin:
    """``lastmod`` is the later of the last publish and the ``last_reviewed`` date."""

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request=request)
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

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request=request)
        # Live, public children: the pages the A–Z list shows.
        newest_child = exclude_view_restricted(self.get_children().live()).aggregate(
            newest=Max("last_published_at")
        )["newest"]
        for url in urls:
            url["lastmod"] = latest(url.get("lastmod"), newest_child)
        return urls
