"""Clinical review governance: who last checked a page, when, and when it is due again.

Health content should say when it was last clinically reviewed and when the next
review is planned. The next review date is stored in its own column on save, so
reports, dashboards and reminder emails can filter on it in SQL.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from ..core.conf import physio_settings
from ..core.pages import get_page_model, lookup_from_page, models_owning_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from wagtail.query import PageQuerySet

#: Fields whose values decide ``next_review_due``.
REVIEW_SOURCE_FIELDS = (
    "last_reviewed",
    "review_interval_months",
    "next_review_due_override",
)

#: Default look-ahead, in days, for "due soon" on the dashboard and in reminders.
DUE_SOON_DAYS = 30


def add_months(date: datetime.date, months: int) -> datetime.date:
    """``date`` plus whole calendar months, clamped to the end of a shorter month."""
    month_index = date.month - 1 + months
    year = date.year + month_index // 12
    month = month_index % 12 + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return date.replace(year=year, month=month, day=day)


class ClinicalReviewMixin(models.Model):
    """Reviewer, last-reviewed date and a planned review cycle for a page."""

    reviewer_name = models.CharField(
        _("reviewer name"),
        max_length=120,
        blank=True,
        help_text=_("The clinician who last checked this page, e.g. 'Sam Patel'."),
    )
    reviewer_role = models.CharField(
        _("reviewer role"),
        max_length=120,
        blank=True,
        help_text=_("Their role, e.g. 'Senior musculoskeletal physiotherapist'."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date a clinician last checked this page was accurate."),
    )
    # Nullable so that most pages follow the site-wide REVIEW_INTERVAL_MONTHS and
    # only pages with a reason to differ carry their own value.
    review_interval_months = models.SmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        help_text=_(
            "How often this page should be reviewed. Leave blank to use the "
            "site's usual interval."
        ),
    )
    next_review_due_override = models.DateField(
        _("next review due (set by hand)"),
        null=True,
        blank=True,
        help_text=_(
            "Only if the next review must happen on a particular date; otherwise "
            "it is worked out from the last review and the interval."
        ),
    )
    # Derived from the three fields above on every clean and save, so that "which
    # pages are due" is one indexed SQL filter instead of a loop over every page.
    next_review_due = models.DateField(
        _("next review due"), null=True, blank=True, editable=False, db_index=True
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("reviewer_name"), FieldPanel("reviewer_role")]
                ),
                FieldPanel("last_reviewed"),
                FieldRowPanel(
                    [
                        FieldPanel("review_interval_months"),
                        FieldPanel("next_review_due_override"),
                    ]
                ),
            ],
            heading=_("Clinical review"),
        )
    ]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.next_review_due = self.compute_next_review_due()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(REVIEW_SOURCE_FIELDS):
            kwargs["update_fields"] = {*update_fields, "next_review_due"}
        return super().save(*args, **kwargs)

    @property
    def review_interval(self) -> int:
        """The interval in months that applies to this page."""
        if self.review_interval_months is not None:
            return self.review_interval_months
        return physio_settings.REVIEW_INTERVAL_MONTHS

    def compute_next_review_due(self) -> datetime.date | None:
        """The explicit date if set, else last reviewed plus the interval, else None."""
        if self.next_review_due_override:
            return self.next_review_due_override
        if self.last_reviewed and self.review_interval > 0:
            return add_months(self.last_reviewed, self.review_interval)
        return None

    @property
    def review_overdue(self) -> bool:
        return bool(
            self.next_review_due and self.next_review_due < timezone.localdate()
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, StrOrPromise] = {}
        if self.review_interval_months is not None and self.review_interval_months <= 0:
            errors["review_interval_months"] = _(
                "The review interval must be at least 1 month."
            )
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = _("The last review date cannot be in the future.")
        if (
            self.next_review_due_override
            and self.last_reviewed
            and self.next_review_due_override < self.last_reviewed
        ):
            errors["next_review_due_override"] = _(
                "The next review must be on or after the last review date."
            )
        if errors:
            raise ValidationError(errors)
        # Previews render an unsaved page after clean(): keep the date current there too.
        self.next_review_due = self.compute_next_review_due()


def reviewable_models() -> list[type[Page]]:
    """Concrete page models whose own table holds the review columns."""
    return models_owning_field(ClinicalReviewMixin, "next_review_due")


def reviewable_pages(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Pages with review fields, as ``Page`` rows annotated with those fields.

    Every page type built on ``ClinicalReviewMixin`` keeps its columns in its own
    table; the annotations reach each table through a join so one query answers
    for all of them.
    """
    queryset = get_page_model().objects.all() if queryset is None else queryset
    paths = [lookup_from_page(model) for model in reviewable_models()]
    if not paths:
        return queryset.none()

    def coalesce(field: str) -> F | Coalesce:
        expressions = [F(f"{path}__{field}") for path in paths]
        if len(expressions) == 1:
            return expressions[0]
        return Coalesce(*expressions)

    # A page has review fields when the row for one of those tables exists.
    has_review_row = models.Q()
    for path in paths:
        has_review_row |= models.Q(**{f"{path}__isnull": False})
    return queryset.filter(has_review_row).annotate(
        next_review_due=coalesce("next_review_due"),
        last_reviewed=coalesce("last_reviewed"),
        reviewer_name=coalesce("reviewer_name"),
        reviewer_role=coalesce("reviewer_role"),
    )


def review_counts(
    pages: PageQuerySet | None = None, days: int = DUE_SOON_DAYS
) -> dict[str, int]:
    """How many pages are overdue, and how many fall due in the next ``days``.

    ``pages`` is a queryset from ``reviewable_pages()``; all live ones by default.
    """
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=days)
    if pages is None:
        pages = reviewable_pages().live()
    return pages.aggregate(
        overdue=models.Count("pk", filter=models.Q(next_review_due__lt=today)),
        due_soon=models.Count(
            "pk",
            filter=models.Q(next_review_due__gte=today, next_review_due__lte=soon),
        ),
    )
