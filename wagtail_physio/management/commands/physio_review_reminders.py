"""Email the people responsible for pages that are due for clinical review.

Meant for a daily or weekly cron job::

    python manage.py physio_review_reminders --days 30
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...core.conf import physio_settings
from ...review.models import DUE_SOON_DAYS, reviewable_pages
from ...review.translations import group_due_pages

if TYPE_CHECKING:
    from django.core.management.base import CommandParser


class Command(BaseCommand):
    help = (
        "Email each page owner (or REVIEW_REMINDER_EMAIL) the live pages that are "
        "overdue or fall due for clinical review within --days days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=f"Include pages due within this many days (default {DUE_SOON_DAYS}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be emailed about which pages, and send nothing.",
        )

    def handle(self, *args: Any, days: int, dry_run: bool, **options: Any) -> None:
        if days < 0:
            self.stderr.write(_("--days must be 0 or more."))
            return
        today = timezone.localdate()
        until = today + datetime.timedelta(days=days)
        pages = (
            reviewable_pages()
            .live()
            .filter(next_review_due__lte=until)
            .select_related("owner")
            .order_by(F("next_review_due").asc(), "title")
        )
        # Pages by the addresses (a tuple) that get one email about them.
        by_recipient: defaultdict[tuple[str, ...], list[Any]] = defaultdict(list)
        fixed = physio_settings.REVIEW_REMINDER_EMAIL
        fixed_recipients = [fixed] if isinstance(fixed, str) else list(fixed or [])
        # With translation on, one entry per page, its due translations in it.
        for page, translations in group_due_pages(list(pages), until):
            page.overdue = page.next_review_due is not None and (
                page.next_review_due < today
            )
            page.due_translations = translations
            for version in translations:
                version.overdue = (
                    version.next_review_due is not None
                    and version.next_review_due < today
                )
            if fixed_recipients:
                by_recipient[tuple(fixed_recipients)].append(page)
            elif page.owner is not None and page.owner.email:
                by_recipient[(page.owner.email,)].append(page)
            else:
                self.stderr.write(
                    _(
                        "No one to remind about “%(title)s” (id %(id)s): its owner has no email address."
                    )
                    % {"title": page.title, "id": page.pk}
                )

        base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        for recipients, due_pages in by_recipient.items():
            for page in due_pages:
                page.edit_url = base_url + reverse(
                    "wagtailadmin_pages:edit", args=[page.pk]
                )
                for version in page.due_translations:
                    version.edit_url = base_url + reverse(
                        "wagtailadmin_pages:edit", args=[version.page.pk]
                    )
            context = {"pages": due_pages, "days": days, "today": today}
            subject = ngettext(
                "%(count)d page due for clinical review",
                "%(count)d pages due for clinical review",
                len(due_pages),
            ) % {"count": len(due_pages)}
            body = render_to_string(
                "wagtail_physio/emails/review_reminder.txt", context
            )
            if dry_run:
                self.stdout.write(
                    _("Would email %(to)s about: %(titles)s")
                    % {
                        "to": ", ".join(recipients),
                        "titles": ", ".join(page.title for page in due_pages),
                    }
                )
                continue
            send_mail(subject, body, None, list(recipients))
            self.stdout.write(
                ngettext(
                    "Emailed %(to)s about %(count)d page.",
                    "Emailed %(to)s about %(count)d pages.",
                    len(due_pages),
                )
                % {"to": ", ".join(recipients), "count": len(due_pages)}
            )
        if not by_recipient:
            self.stdout.write(_("No pages are due for review."))
