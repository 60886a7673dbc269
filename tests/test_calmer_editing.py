"""Calmer editing: the outline a new condition page starts with, what the lists tell
the editor's script, and the emphasised overdue state of the review report.

The script itself (pasting, collapsing) is tested in the browser:
tests/browser/test_editing_browser.py.
"""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import (
    add_condition_page_url,
    condition_page_form,
    edit_page_url,
    make_condition_page,
)
from tests.testapp.models import TreatmentIndexPage, TreatmentPage
from wagtail_physio.conditions.blocks.lists import LONG_LIST_ITEMS
from wagtail_physio.models import ConditionPage
from wagtail_physio.review.models import add_months

pytestmark = pytest.mark.django_db

OUTLINE = [
    ("heading", "About this condition"),
    ("heading", "How physiotherapy helps"),
    ("heading", "When to get help"),
    ("call_to_action", "Book an appointment"),
]


def outline_of(body):
    return [
        (child.block_type, child.value.get("text") or child.value.get("heading"))
        for child in body
    ]


def form_body(response):
    """The body the page form shows the editor."""
    return response.context["form"]["body"].value()


def posted_value(state):
    """A field's form state as the browser sends it: "" when empty, a select's
    one choice (held in a list) on its own."""
    if state is None:
        return ""
    if isinstance(state, list) and len(state) == 1:
        return state[0]
    return state


def as_posted(body):
    """The form data the admin sends back for ``body`` left as it is."""
    return streamfield(
        [
            (
                child.block_type,
                {
                    name: posted_value(state)
                    for name, state in child.block.get_form_state(child.value).items()
                },
            )
            for child in body
        ]
    )


# A new page starts with the outline ----------------------------------------------


def test_each_outline_block_has_an_id_of_its_own(admin_client, condition_index):
    """The editor names each block's fields after its id: blocks without one all
    render as "block-null-…" and their fields collide."""
    response = admin_client.get(add_condition_page_url(condition_index))
    ids = [child.id for child in form_body(response)]
    assert all(ids) and len(set(ids)) == len(ids) == len(OUTLINE)
    assert b"block-null" not in response.content


def test_new_page_in_the_admin_starts_with_the_outline(admin_client, condition_index):
    response = admin_client.get(add_condition_page_url(condition_index))

    assert response.status_code == 200
    assert outline_of(form_body(response)) == OUTLINE
    # The call to action's other fields are empty: the clinic's own number and
    # booking link show.
    call = form_body(response)[3].value
    assert not any(call[name] for name in ("text", "phone", "booking_url"))


def test_the_outline_publishes_untouched(admin_client, condition_index):
    outline = form_body(admin_client.get(add_condition_page_url(condition_index)))
    data = condition_page_form(slug="tennis-elbow", title="Tennis elbow")
    data.update(nested_form_data({"body": as_posted(outline)}))

    response = admin_client.post(add_condition_page_url(condition_index), data)

    assert response.status_code == 302, response.context["form"].errors
    page = ConditionPage.objects.get(slug="tennis-elbow")
    assert page.live
    assert outline_of(page.body) == OUTLINE
    html = admin_client.get(page.url).content.decode()
    assert "When to get help" in html
    assert "Book an appointment" in html


def test_pages_made_in_code_and_existing_pages_keep_their_body(
    admin_client, condition_index
):
    assert list(ConditionPage(title="Sciatica").body) == []
    page = make_condition_page(condition_index, title="Sciatica")
    assert list(page.body) == []

    response = admin_client.get(edit_page_url(page))
    assert list(form_body(response)) == []


def test_a_form_sent_back_with_errors_keeps_what_the_editor_wrote(
    admin_client, condition_index
):
    data = condition_page_form(summary="")  # summary is required

    response = admin_client.post(add_condition_page_url(condition_index), data)

    assert response.status_code == 200
    assert list(form_body(response)) == []


def test_a_project_changes_or_removes_the_outline(
    admin_client, condition_index, monkeypatch
):
    url = add_condition_page_url(condition_index)
    monkeypatch.setattr(
        ConditionPage,
        "body_outline",
        (
            ("heading", {"text": "Symptoms"}),
            ("project_block", {"text": "Not in this body: left out"}),
        ),
    )
    assert outline_of(form_body(admin_client.get(url))) == [("heading", "Symptoms")]
    # The level takes the heading block's default.
    assert form_body(admin_client.get(url))[0].value["level"] == "h2"

    monkeypatch.setattr(ConditionPage, "body_outline", ())
    assert list(form_body(admin_client.get(url))) == []


def test_project_page_types_start_with_the_outline_too(admin_client, home_page):
    index = TreatmentIndexPage(title="Treatments", slug="treatments")
    home_page.add_child(instance=index)
    url = reverse("wagtailadmin_pages:add", args=("testapp", "treatmentpage", index.pk))

    assert outline_of(form_body(admin_client.get(url))) == OUTLINE
    assert list(TreatmentPage(title="Acupuncture").body) == []


# Lists tell the editor's script what to do --------------------------------------

STREAM = ConditionPage.body.field.stream_block
SHORT_LISTS = [
    ("aims", "aims"),
    ("key_points", "points"),
    ("urgent_advice", "symptoms"),
    ("do_dont", "do"),
    ("do_dont", "dont"),
]
LONG_ITEM_LISTS = [
    ("procedures", "procedures"),
    ("treatments", "treatments"),
    ("questions", "questions"),
]


@pytest.mark.parametrize(("block", "field"), SHORT_LISTS + LONG_ITEM_LISTS)
def test_every_list_of_the_body_opens_collapsed_when_long(block, field):
    attrs = STREAM.child_blocks[block].child_blocks[field].meta.form_attrs
    assert attrs["data-physio-collapse-after"] == str(LONG_LIST_ITEMS)


@pytest.mark.parametrize(("block", "field"), SHORT_LISTS)
def test_lists_of_short_lines_split_pasted_lines(block, field):
    attrs = STREAM.child_blocks[block].child_blocks[field].meta.form_attrs
    assert "data-physio-split-pasted-lines" in attrs


@pytest.mark.parametrize(("block", "field"), LONG_ITEM_LISTS)
def test_lists_of_named_items_do_not_split_pasted_lines(block, field):
    attrs = STREAM.child_blocks[block].child_blocks[field].meta.form_attrs
    assert "data-physio-split-pasted-lines" not in attrs


def test_the_editor_loads_the_list_script_and_the_lists_carry_their_attributes(
    admin_client, condition_index
):
    assert finders.find("wagtail_physio/admin/list-editing.js")
    for url in (
        add_condition_page_url(condition_index),
        edit_page_url(make_condition_page(condition_index)),
    ):
        html = admin_client.get(url).content.decode()
        assert "wagtail_physio/admin/list-editing.js" in html
        # In the block definitions Wagtail hands to the editor (HTML-escaped JSON).
        assert "data-physio-split-pasted-lines" in html
        assert "data-physio-collapse-after" in html


# The review report emphasises overdue pages --------------------------------------

REPORT_URL = "/admin/physio/reviews-due/"


@pytest.fixture
def due_pages(condition_index):
    today = timezone.localdate()
    make_condition_page(
        condition_index, title="Plantar fasciitis", last_reviewed=add_months(today, -14)
    )
    make_condition_page(
        condition_index,
        title="Ankle sprain",
        last_reviewed=add_months(today + datetime.timedelta(days=7), -12),
    )
    make_condition_page(condition_index, title="Knee replacement")


def cells_of(html, soup_class):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select(soup_class)


def test_report_tags_overdue_and_due_soon_pages_with_words_and_icons(
    admin_client, due_pages
):
    html = admin_client.get(REPORT_URL).content.decode()

    (overdue,) = cells_of(html, ".physio-review-status--overdue")
    assert overdue.get_text(strip=True) == "Overdue"
    assert "w-status" in overdue["class"]
    assert overdue.select("svg.icon-warning")
    (due_soon,) = cells_of(html, ".physio-review-status--due-soon")
    assert due_soon.get_text(strip=True) == "Due soon"
    # How long ago the review fell due, in words.
    (overdue_for,) = cells_of(html, ".physio-review-overdue-for")
    assert overdue_for.get_text(strip=True).endswith("ago")
    # Pages not yet due are not tagged.
    assert "No review date" in html


def test_report_table_scrolls_in_its_own_box_with_status_after_the_title(
    admin_client, due_pages
):
    html = admin_client.get(REPORT_URL).content.decode()

    (box,) = cells_of(html, ".physio-review-table")
    assert box["tabindex"] == "0"  # keyboard users can scroll it
    assert box["role"] == "region" and box["aria-label"]
    headings = [th.get_text(strip=True) for th in box.select("thead th")]
    assert headings[:3] == ["Title", "Status", "Next review due"]
    assert "wagtail_physio/admin/review.css" in html
    assert finders.find("wagtail_physio/admin/review.css")


def test_report_results_fragment_keeps_the_tags(admin_client, due_pages):
    html = admin_client.get(REPORT_URL + "results/").content.decode()
    assert cells_of(html, ".physio-review-status--overdue")


def test_dashboard_panel_tags_the_overdue_count(admin_client, due_pages):
    html = admin_client.get("/admin/").content.decode()

    (panel,) = cells_of(html, ".physio-review-panel")
    assert panel.select(".physio-review-status--overdue svg.icon-warning")
    assert panel.select(".physio-review-status--due-soon")
    assert "wagtail_physio/admin/review.css" in html


def test_dashboard_panel_tags_nothing_when_nothing_is_due(
    admin_client, condition_index
):
    make_condition_page(
        condition_index, title="Sciatica", last_reviewed=timezone.localdate()
    )
    html = admin_client.get("/admin/").content.decode()

    (panel,) = cells_of(html, ".physio-review-panel")
    assert not panel.select(".physio-review-status")
    assert "0 condition pages overdue for review" in panel.get_text(" ", strip=True)
