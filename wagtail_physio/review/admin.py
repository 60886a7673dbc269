"""The "Condition pages due for review" report and its dashboard panel."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import django_filters
from django.db.models import F
from django.forms import Media
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from ..core.pages import get_page_model
from ..core.translations import translation_enabled
from .models import DUE_SOON_DAYS, review_counts, reviewable_pages
from .translations import GROUP_DUE, source_pages, translations_of

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise
    from wagtail.query import PageQuerySet

# The site's base page model (WAGTAIL_PAGE_MODEL on Wagtail 8): admin modules load
# once the app registry is ready.
Page = get_page_model()

#: Page actions that let a user see the report: the same as Wagtail's own
#: page reports, so anyone who looks after pages can plan reviews.
REPORT_PERMISSIONS = ["add", "change", "publish"]

STATUS_OVERDUE = "overdue"
STATUS_NEVER = "never"

#: The overdue and due-soon tags, and the report's table on a phone.
REVIEW_STYLESHEET = "wagtail_physio/admin/review.css"

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP's
#: list: =, +, -, @, tab and carriage return).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv_formula(value: Any) -> Any:
    """``value`` with a leading ``'`` if a spreadsheet would run it as a formula.

    OWASP's advice against CSV injection: after the quote, a spreadsheet reads the
    cell as text. Values that are not text (dates, numbers) stay as they are.
    """
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def user_can_see_report(user: AbstractBaseUser | AnonymousUser) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, REPORT_PERMISSIONS)


def pages_for_user(user: AbstractBaseUser | AnonymousUser) -> PageQuerySet:
    """Live pages with review fields that ``user`` may edit."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return reviewable_pages(editable).live()


# Where a page stands in its review cycle; the report's template tags the first two.
STATE_OVERDUE = "overdue"
STATE_DUE_SOON = "due_soon"
STATE_SCHEDULED = "scheduled"
STATE_NEVER = "never"

REVIEW_STATE_LABELS: dict[str, StrOrPromise] = {
    STATE_OVERDUE: _("Overdue"),
    STATE_DUE_SOON: _("Due soon"),
    STATE_SCHEDULED: _("Scheduled"),
    STATE_NEVER: _("No review date"),
}


def review_state(due: datetime.date | None, today: datetime.date | None = None) -> str:
    """Where a page stands in its review cycle: one of the ``STATE_*`` names."""
    today = today or timezone.localdate()
    if due is None:
        return STATE_NEVER
    if due < today:
        return STATE_OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return STATE_DUE_SOON
    return STATE_SCHEDULED


class ReviewDueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (STATUS_OVERDUE, _("Overdue")),
            (STATUS_NEVER, _("No review date")),
        ],
        method="filter_status",
        empty_label=_("Any"),
    )
    due_within = django_filters.NumberFilter(
        label=_("Due within (days)"),
        method="filter_due_within",
        min_value=0,
        max_value=3650,
        help_text=_("Pages due in this many days, overdue pages included."),
    )
    reviewer = django_filters.CharFilter(
        label=_("Reviewer"),
        field_name="reviewer_name",
        lookup_expr="icontains",
    )

    class Meta:
        model = Page
        fields: list[str] = []

    @staticmethod
    def due_field(queryset: QuerySet[Any]) -> str:
        # A page listed with its translations is due when its earliest version is.
        if GROUP_DUE in queryset.query.annotations:
            return GROUP_DUE
        return "next_review_due"

    def filter_status(
        self, queryset: QuerySet[Any], name: str, value: str | None
    ) -> QuerySet[Any]:
        due = self.due_field(queryset)
        if value == STATUS_OVERDUE:
            return queryset.filter(**{f"{due}__lt": timezone.localdate()})
        if value == STATUS_NEVER:
            return queryset.filter(**{f"{due}__isnull": True})
        return queryset

    def filter_due_within(
        self, queryset: QuerySet[Any], name: str, value: Decimal | None
    ) -> QuerySet[Any]:
        if value is None:
            return queryset
        until = timezone.localdate() + datetime.timedelta(days=int(value))
        return queryset.filter(**{f"{self.due_field(queryset)}__lte": until})


class ReviewDueReportView(ReportView):
    page_title = _("Condition pages due for review")
    header_icon = "time"
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "wagtail_physio/admin/review_due_results.html"
    index_url_name = "wagtail_physio_review_due"
    index_results_url_name = "wagtail_physio_review_due_results"
    filterset_class = ReviewDueFilterSet
    model = Page
    # Set explicitly: Wagtail 7.4's ReportView has no policy of its own and would
    # skip the permission check below.
    permission_policy = page_permission_policy
    any_permission_required = REPORT_PERMISSIONS
    export_filename = "condition-pages-due-for-review"
    #: Columns of the CSV and XLSX exports. With translation on, each page's row
    #: is followed by a row per translation, and two more columns say whose.
    base_list_export = [
        "title",
        "review_due",
        "review_status",
        "last_reviewed",
        "reviewer_name",
        "reviewer_role",
        "owner_name",
    ]
    translation_list_export = ["review_language", "translation_of"]
    export_headings = {
        "title": _("Title"),
        "review_due": _("Next review due"),
        "review_status": _("Status"),
        "last_reviewed": _("Last reviewed"),
        "reviewer_name": _("Reviewer"),
        "reviewer_role": _("Reviewer role"),
        "owner_name": _("Owner"),
        "review_language": _("Language"),
        "translation_of": _("Translation of"),
    }

    @property
    def list_export(self) -> list[str]:
        if translation_enabled():
            return self.base_list_export + self.translation_list_export
        return self.base_list_export

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        # Every cell of every export passes here (Wagtail's SpreadsheetExportMixin),
        # after the column's own preprocessing has turned it into text. Only the CSV
        # needs it: the XLSX export already stores such text as text.
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_csv_formula(value)
        return value

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["media"] = context.get("media", Media()) + Media(
            css={"all": [REVIEW_STYLESHEET]}
        )
        return context

    def get_queryset(self) -> PageQuerySet:
        # Overdue first (earliest due date first), then pages with no date yet.
        pages = pages_for_user(self.request.user).select_related("owner")
        if translation_enabled():
            # One row per page, its translations in it, sorted by the earliest.
            return source_pages(pages.select_related("locale")).order_by(
                F(GROUP_DUE).asc(nulls_last=True), "title", "pk"
            )
        return pages.order_by(F("next_review_due").asc(nulls_last=True), "title", "pk")

    def decorate_paginated_queryset(self, object_list: Any) -> Any:
        today = timezone.localdate()
        translations = {}
        if translation_enabled():
            translations = translations_of(
                list(object_list), pages_for_user(self.request.user)
            )
        for page in object_list:
            describe_for_review(page, page.next_review_due, today)
            page.review_translations = translations.get(page.pk, [])
            for version in page.review_translations:
                version.state = review_state(version.next_review_due, today)
                version.status = REVIEW_STATE_LABELS[version.state]
        if self.is_export and translation_enabled():
            return list(export_rows(object_list, today))
        return object_list


def describe_for_review(
    page: Any, due: datetime.date | None, today: datetime.date
) -> None:
    """Give ``page`` what a report row shows: its due date (its own, or its
    source's for a translation never reviewed on its own), state and owner."""
    page.review_due = due
    page.review_state = review_state(due, today)
    page.review_status = REVIEW_STATE_LABELS[page.review_state]
    page.owner_name = get_user_display_name(page.owner) if page.owner else ""


def export_rows(sources: Any, today: datetime.date) -> Any:
    """The export's rows with translation on: each page, then its translations,
    each a row of its own with its language and the page it translates."""
    for page in sources:
        page.review_language = page.locale.get_display_name()
        page.translation_of = ""
        yield page
        for version in page.review_translations:
            translation = version.page
            describe_for_review(translation, version.next_review_due, today)
            translation.review_language = version.language
            translation.translation_of = page.title
            yield translation


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_see_report(request.user)


class ReviewDuePanel(Component):
    """Dashboard counts of condition pages overdue or due soon for review."""

    name = "physio_review_due"
    order = 160
    template_name = "wagtail_physio/admin/review_due_panel.html"

    class Media:
        css = {"all": [REVIEW_STYLESHEET]}

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(
        self, parent_context: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        counts = review_counts(pages_for_user(self.request.user), days=DUE_SOON_DAYS)
        context.update(
            overdue=counts["overdue"],
            due_soon=counts["due_soon"],
            days=DUE_SOON_DAYS,
        )
        return context
