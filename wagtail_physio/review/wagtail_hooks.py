"""Admin registration of clinical review: the report, its menu item and dashboard panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin import (
    ReviewDuePanel,
    ReviewDueReportView,
    ReviewReportMenuItem,
    user_can_see_report,
)

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.urls import URLPattern


@hooks.register("register_admin_urls")
def register_review_report_urls() -> list[URLPattern]:
    return [
        path(
            "physio/reviews-due/",
            ReviewDueReportView.as_view(),
            name="wagtail_physio_review_due",
        ),
        path(
            "physio/reviews-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="wagtail_physio_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item() -> ReviewReportMenuItem:
    return ReviewReportMenuItem(
        _("Due for review"),
        reverse("wagtail_physio_review_due"),
        name="physio-review-due",
        icon_name="time",
        order=1150,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request: HttpRequest, panels: list[Any]) -> None:
    if user_can_see_report(request.user):
        panels.append(ReviewDuePanel(request))
