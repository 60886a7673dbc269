"""Fetching every output the package gives and checking it (``checks.py``).

Readers see the condition page and its index (with the notice banners, the
"Get in touch" panel and the JSON-LD the site template places), the index
filtered by category, the API and the notices JSON; editors see the admin
listings, inspect, edit and delete views, the review report and its CSV.

Every response must answer 200 (a 500 raises in the test client); what it shows
is checked, and findings are collected rather than raised, so one failure lists
every leak of a batch. ``TALLY`` counts what was checked, for the README.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from wagtail.models import Page

from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
)

from .checks import csv_findings, html_findings, json_findings
from .inventory import fields_of
from .payloads import Payload

#: (route, output) -> how many (payload, field) pairs that output showed.
TALLY: Counter[tuple[str, str]] = Counter()

#: Rich text in API answers: HTML a client inserts as it is.
API_HTML_KEYS = ("html", "$.intro", "paragraph=value")
REVIEW_REPORT = "/admin/physio/reviews-due/"


def field_count(*models: type) -> int:
    """How many inventory fields ``models`` have: the payload is in each."""
    return sum(len(fields_of(model)) for model in models)


#: The site-wide tags on every reader's page: banners, locations, contact details.
SITE_WIDE = (ClinicLocation, NoticeBanner, ClinicContactSettings)


@dataclass
class Made:
    """What one payload became by one route."""

    payload: Payload
    index: ConditionIndexPage
    page: ConditionPage
    category: ConditionCategory
    location: ClinicLocation
    banners: list[NoticeBanner]
    #: Refused form posts (answered 200 with field errors), with the number of
    #: fields each showed back: checked as admin HTML.
    refusals: list[tuple[Any, int]] = field(default_factory=list)


@dataclass
class Reader:
    """Reads and checks outputs for one route; ``findings`` says what leaked."""

    route: str
    anonymous: Any
    editors: dict[str, Any]
    findings: list[str] = field(default_factory=list)

    def _record(self, what: str, found: list[str], pairs: int) -> None:
        TALLY[(self.route, what.split(" ", 1)[0])] += pairs
        self.findings += [f"{what}: {finding}" for finding in found]

    def _get(self, client: Any, url: str, what: str) -> Any:
        response = client.get(url)
        assert response.status_code == 200, f"{what} answered {response.status_code}"
        return response

    def html(self, what: str, url: str, pairs: int, *, client: Any = None) -> None:
        """A reader's page (anonymous), or an admin page as ``client`` sees it."""
        response = self._get(client or self.anonymous, url, what)
        self.record_html(what, response.content, pairs, admin=client is not None)

    def json(self, what: str, url: str, pairs: int) -> None:
        data = self._get(self.anonymous, url, what).json()
        self.record_json(what, data, API_HTML_KEYS, pairs)

    def record_html(
        self, what: str, html: str | bytes, pairs: int, *, admin: bool
    ) -> None:
        self._record(what, html_findings(html, admin=admin), pairs)

    def record_json(
        self, what: str, data: Any, html_keys: tuple[str, ...], pairs: int
    ) -> None:
        self._record(what, json_findings(data, html_keys=html_keys), pairs)

    # -- per payload -------------------------------------------------------------

    def read_public(self, made: Made) -> None:
        """What readers see of ``made``'s objects, while they alone are live: the
        condition page and its index (with banners, contact panel and JSON-LD),
        the index filtered by the category, the notices JSON."""
        label = made.payload.id
        show_only(made)
        site_wide = field_count(*SITE_WIDE)
        self.html(
            f"page {label}",
            made.page.url,
            field_count(ConditionPage, ConditionIndexPage) + site_wide,
        )
        listing = field_count(ConditionIndexPage, ConditionPage, ConditionCategory)
        self.html(f"index {label}", made.index.url, listing + site_wide)
        self.html(
            f"index-category {label}",
            f"{made.index.url}?category={quote(made.category.slug, safe='')}",
            listing + site_wide,
        )
        self.json(
            f"notices-json {label}",
            reverse("wagtail_physio:notice_banners"),
            field_count(NoticeBanner),
        )

    def read_editorial(self, made: Made, *, stored: bool = True) -> None:
        """The API, and the admin's inspect, edit and delete views, of ``made``'s
        objects, and the admin forms that refused them.

        ``stored``: also the views showing what is stored as the editor's form
        shows it (the page's edit view; the location's delete view, listing the
        pages using it), for content no form checked. The admin route has just
        been through the forms.
        """
        label = made.payload.id
        page_fields = field_count(ConditionPage)
        self.json(f"api {label}", f"/api/v2/pages/{made.page.pk}/", page_fields)
        self.json(
            f"api-html {label}",
            f"/api/v2/pages/{made.page.pk}/?rich_text_format=html",
            page_fields,
        )
        self.json(
            f"api {label} (index)",
            f"/api/v2/pages/{made.index.pk}/",
            field_count(ConditionIndexPage),
        )
        self.html(
            f"admin-inspect {label} (location)",
            reverse(
                "wagtail_physio_cliniclocation_modeladmin_inspect",
                args=[made.location.pk],
            ),
            field_count(ClinicLocation),
            client=self.editors["location"],
        )
        # The first and last banners (an import makes a link, a phone and a
        # hostile-choices banner): the phone banner's admin views show no more.
        for banner in dict.fromkeys(made.banners[:1] + made.banners[-1:]):
            self.html(
                f"admin-inspect {label} (banner {banner.pk})",
                reverse(
                    "wagtail_physio_noticebanner_modeladmin_inspect", args=[banner.pk]
                ),
                field_count(NoticeBanner),
                client=self.editors["banner"],
            )
        if stored:
            self.html(
                f"admin-edit {label} (page)",
                reverse("wagtailadmin_pages:edit", args=[made.page.pk]),
                page_fields,
                client=self.editors["page"],
            )
            self.html(
                f"admin-delete {label} (location)",
                reverse(
                    "wagtail_physio_cliniclocation_modeladmin_delete",
                    args=[made.location.pk],
                ),
                field_count(ClinicLocation, ConditionPage),
                client=self.editors["location"],
            )
        for number, (response, pairs) in enumerate(made.refusals):
            self.record_html(
                f"admin-refusal {label} #{number}", response.content, pairs, admin=True
            )

    # -- per batch ---------------------------------------------------------------

    def read_listings(self, batch: list[Made], home: Page) -> None:
        """The admin listings and the review report, showing the whole batch."""

        def pairs(*models: type) -> int:
            return len(batch) * field_count(*models)

        for what, url, models, editor in [
            (
                "admin-listing locations",
                reverse("wagtail_physio_cliniclocation_modeladmin_index"),
                (ClinicLocation,),
                "location",
            ),
            (
                "admin-listing banners",
                reverse("wagtail_physio_noticebanner_modeladmin_index"),
                (NoticeBanner,),
                "banner",
            ),
            (
                "admin-listing categories",
                reverse("wagtailsnippets_wagtail_physio_conditioncategory:list"),
                (ConditionCategory,),
                "category",
            ),
            (
                "admin-listing pages",
                reverse("wagtailadmin_explore", args=[home.pk]),
                (ConditionIndexPage,),
                "page",
            ),
            ("admin-listing review", REVIEW_REPORT, (ConditionPage,), "page"),
        ]:
            self.html(what, url, pairs(*models), client=self.editors[editor])
        response = self._get(
            self.editors["page"], REVIEW_REPORT + "?export=csv", "review CSV"
        )
        text = b"".join(response.streaming_content).decode()
        self._record("csv review", csv_findings(text), pairs(ConditionPage))


def show_only(made: Made) -> None:
    """Only ``made``'s location and banners live, so a page shows that payload's."""
    ClinicLocation.objects.update(is_active=False)
    NoticeBanner.objects.update(is_active=False)
    ClinicLocation.objects.filter(pk=made.location.pk).update(is_active=True)
    NoticeBanner.objects.filter(pk__in=[b.pk for b in made.banners]).update(
        is_active=True
    )
