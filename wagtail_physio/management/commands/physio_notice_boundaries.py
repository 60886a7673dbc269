"""``manage.py physio_notice_boundaries``: purge pages when a notice starts or ends.

A scheduled start or end is not a save, so nothing else tells front-end caches about
it. Run this from cron every minute or few. Each banner records when caches last
heard of it, so a late or missed run still catches every start and end since.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import F, Q
from django.utils import timezone

from ...notices.banners import (
    clear_notice_cache,
    frontend_cache_configured,
    purge_sites,
)
from ...notices.models import NoticeBanner


class Command(BaseCommand):
    help = (
        "Purge front-end caches for every notice banner that started or ended "
        "since it was last checked. Run it from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        passed_since_check = (
            Q(starts_at__lte=now, starts_at__gt=F("boundary_checked_at"))
            | Q(ends_at__lte=now, ends_at__gt=F("boundary_checked_at"))
            | Q(boundary_checked_at__isnull=True)
            & (Q(starts_at__lte=now) | Q(ends_at__lte=now))
        )
        due = list(
            NoticeBanner.objects.filter(is_active=True)
            .filter(passed_since_check)
            .prefetch_related("sites")
        )
        if not due:
            self.stdout.write("No notice started or ended since the last check.")
            return

        site_ids: set[int] = set()
        every_site = False
        for banner in due:
            banner_sites = [site.pk for site in banner.sites.all()]
            every_site = every_site or not banner_sites
            site_ids.update(banner_sites)
        clear_notice_cache()
        urls = purge_sites(None if every_site else sorted(site_ids))
        # update() rather than save(): a save would purge all over again.
        NoticeBanner.objects.filter(pk__in=[b.pk for b in due]).update(
            boundary_checked_at=now
        )
        if frontend_cache_configured():
            self.stdout.write(
                f"{len(due)} notice(s) started or ended; purged {len(urls)} URL(s)."
            )
        else:
            self.stdout.write(
                f"{len(due)} notice(s) started or ended; nothing to purge (no "
                "front-end cache is configured)."
            )
