"""Calmer editing in the page editor: the outline of a new page, lists that split
pasted lines into items, long lists that open collapsed, and the review report on
a phone.

The editor's heights are printed (``-s``) so a change can be measured against the
body editor of the demo's *Back surgery* page.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from home.demo_content import back_surgery_body
from tests.factories import (
    contrast,
    make_condition_index,
    make_condition_page,
    make_image,
    make_user,
)
from tests.factories.browser import save_screenshot
from wagtail_physio.models import ConditionPage
from wagtail_physio.review.models import add_months

PASSWORD = "pw"


@pytest.fixture
def index(live_site):
    return make_condition_index(Site.objects.get(is_default_site=True).root_page)


@pytest.fixture
def editor(live_site, page):
    """``page``, logged in to the admin as a superuser."""
    get_user_model().objects.create_superuser("admin", "", PASSWORD)
    log_in(page, live_site.url)
    return page


def log_in(tab, base_url):
    tab.goto(base_url + "/admin/login/")
    tab.fill("#id_username", "admin")
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(base_url + "/admin/")


def open_editor(tab, url):
    tab.goto(url)
    tab.wait_for_selector("#body-root [data-streamfield-child]")


def stream_children(tab):
    """(label, height in px, expanded) of each block of the body, in order."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('#body-root [data-streamfield-child]')]
            .filter((child) => !child.parentElement.closest('[data-streamfield-child]'))
            .map((child) => [
                child.querySelector('[data-panel-heading-text]').textContent.trim(),
                Math.round(child.getBoundingClientRect().height),
                child.querySelector('[data-panel-toggle]').getAttribute('aria-expanded'),
            ])"""
    )


def body_height(tab):
    return round(tab.locator("#body-root").bounding_box()["height"])


def list_items_of(block):
    """The items of the first list in a block, as Wagtail's list editor shows them."""
    return block.locator("[data-streamfield-list-container] > [data-streamfield-child]")


def expanded(item):
    return item.locator("[data-panel-toggle]").first.get_attribute("aria-expanded")


def save_draft(tab):
    tab.get_by_role("button", name="Save draft").click()
    expect(tab.locator(".messages")).to_contain_text("has been updated")


def paste(tab, field, text):
    """Paste ``text`` into ``field`` through the clipboard, as Ctrl+V does."""
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    field.focus()
    field.press("ControlOrMeta+v")


# A new page ----------------------------------------------------------------------


def test_new_page_starts_with_the_outline_and_publishes_as_it_is(
    editor, live_site, index
):
    editor.goto(
        f"{live_site.url}/admin/pages/add/wagtail_physio/conditionpage/{index.pk}/"
    )
    editor.wait_for_selector("#body-root [data-streamfield-child]")
    assert [label for label, _height, _open in stream_children(editor)] == [
        "About this condition",
        "How physiotherapy helps",
        "When to get help",
        "Book an appointment",
    ]
    editor.fill("#id_title", "Tennis elbow")
    editor.fill("#id_summary", "Help for pain on the outside of the elbow.")
    editor.locator("footer").get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.wait_for_url(f"{live_site.url}/admin/pages/{index.pk}/")

    page = ConditionPage.objects.get(slug="tennis-elbow")
    assert page.live
    assert [
        (block.block_type, block.value.get("text") or block.value.get("heading"))
        for block in page.body
    ] == [
        ("heading", "About this condition"),
        ("heading", "How physiotherapy helps"),
        ("heading", "When to get help"),
        ("call_to_action", "Book an appointment"),
    ]


# Pasting a list -----------------------------------------------------------------


def aims_page(index, aims):
    return make_condition_page(
        index,
        title="Back surgery",
        body=[
            {
                "type": "aims",
                "value": {
                    "heading": "What surgery aims to do",
                    "intro": "",
                    "aims": aims,
                    "overall_aim": "",
                },
            }
        ],
    )


def test_lines_pasted_into_an_aim_become_an_aim_each_and_save(editor, live_site, index):
    page = aims_page(index, ["Less pain"])
    open_editor(editor, f"{live_site.url}/admin/pages/{page.pk}/edit/")
    aims = editor.locator("#body-root [data-streamfield-child]").first
    first = list_items_of(aims).first.locator("input[type=text]")
    first.select_text()

    paste(editor, first, "• Ease pain\r\n\n - Move more freely\n2. Sleep better\n")

    inputs = list_items_of(aims).locator("input[type=text]")
    assert inputs.evaluate_all("(inputs) => inputs.map((input) => input.value)") == [
        "Ease pain",
        "Move more freely",
        "Sleep better",
    ]
    # Typing goes on at the end of the last item.
    editor.keyboard.type(" at night")
    assert inputs.nth(2).input_value() == "Sleep better at night"

    save_draft(editor)
    page.refresh_from_db()
    saved = page.get_latest_revision_as_object().body[0].value["aims"]
    assert list(saved) == ["Ease pain", "Move more freely", "Sleep better at night"]


def test_pasting_keeps_the_text_around_the_caret_and_one_line_pastes_as_usual(
    editor, live_site, index
):
    page = aims_page(index, ["Less pain", "Better sleep"])
    open_editor(editor, f"{live_site.url}/admin/pages/{page.pk}/edit/")
    aims = editor.locator("#body-root [data-streamfield-child]").first
    items = list_items_of(aims).locator("input[type=text]")
    first = items.first
    first.focus()
    first.evaluate("(input) => input.setSelectionRange(4, 4)")  # "Less| pain"

    paste(editor, first, "er back\nStronger legs\nMore")

    values = "(inputs) => inputs.map((input) => input.value)"
    assert items.evaluate_all(values) == [
        "Lesser back",
        "Stronger legs",
        "More pain",
        "Better sleep",
    ]

    # Pasted lines that end with a line break leave the text after the caret an
    # item of its own.
    last = items.nth(3)
    last.focus()
    last.press("Home")
    paste(editor, last, "Walk more\nEat well\n")
    assert items.evaluate_all(values)[3:] == ["Walk more", "Eat well", "Better sleep"]

    # One line is the browser's own paste; so is any field outside these lists.
    last = items.nth(5)
    last.focus()
    last.press("End")
    paste(editor, last, " at night")
    assert items.evaluate_all(values)[5] == "Better sleep at night"
    heading = aims.locator("input[name$='-heading']")
    heading.select_text()
    paste(editor, heading, "Aims\nof surgery")
    assert list_items_of(aims).count() == 6


# Long lists ---------------------------------------------------------------------


@pytest.fixture
def back_surgery(index):
    """A page with the demo's *Back surgery* body: every block, lists of 3 to 8."""
    return make_condition_page(
        index,
        title="Back surgery",
        body=back_surgery_body({"sciatica": make_image("Lower spine")}, {}),
    )


def block_named(tab, label):
    return (
        tab.locator("#body-root [data-streamfield-child]")
        .filter(has=tab.locator("[data-panel-heading-text]", has_text=label))
        .first
    )


def test_long_lists_open_collapsed_and_the_editor_is_far_shorter(
    editor, live_site, back_surgery
):
    open_editor(editor, f"{live_site.url}/admin/pages/{back_surgery.pk}/edit/")

    heights = stream_children(editor)
    print(f"\nBody editor: {body_height(editor)} px")
    for label, height, _open in heights:
        print(f"  {height:>5} px  {label}")
    # With every list open (as before the script): 18,889 px, the procedure list
    # 4,238 px. (The demo itself, with its locations block: 19,548 and 11,723 px.)
    assert body_height(editor) < 12000

    procedures = list_items_of(block_named(editor, "Types of back surgery"))
    assert procedures.count() == 6
    for item in procedures.all():
        assert expanded(item) == "false"
        assert item.locator("input").first.is_hidden()
    # Each collapsed item is labelled with its name.
    assert procedures.first.locator("[data-panel-heading-text]").inner_text() == (
        "Decompression"
    )
    assert block_named(editor, "Types of back surgery").bounding_box()["height"] < 1200
    # Three items are not a long list.
    do_dont = block_named(editor, "Your first weeks at home")
    for item in list_items_of(do_dont).all():
        assert expanded(item) == "true"

    # An item opens with a click, and one added later opens by itself.
    procedures.first.locator("[data-panel-toggle]").first.click()
    assert expanded(procedures.first) == "true"
    procedures.nth(5).locator("~ .c-sf-add-button, ~ * .c-sf-add-button").first.click()
    assert procedures.count() == 7
    assert expanded(procedures.nth(6)) == "true"


def test_an_item_with_an_error_stays_open_in_a_collapsed_list(
    editor, live_site, back_surgery
):
    open_editor(editor, f"{live_site.url}/admin/pages/{back_surgery.pk}/edit/")
    procedures = list_items_of(block_named(editor, "Types of back surgery"))
    fourth = procedures.nth(3)
    fourth.locator("[data-panel-toggle]").first.click()
    fourth.locator("input[name$='-url']").fill("javascript:alert(1)")

    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messages")).to_contain_text("could not be saved")

    # The form comes back rendered anew: wait for the editor to draw the list.
    procedures = list_items_of(block_named(editor, "Types of back surgery"))
    expect(procedures).to_have_count(6)
    expect(procedures.nth(3).locator(".error-message")).to_be_visible()
    states = [expanded(item) for item in procedures.all()]
    assert states == ["false", "false", "false", "true", "false", "false"]


# The review report --------------------------------------------------------------


@pytest.fixture
def pages_to_review(index):
    today = timezone.localdate()
    owner = make_user("owner", "owner@clinic.example")
    make_condition_page(
        index,
        title="Plantar fasciitis",
        last_reviewed=add_months(today, -14),
        reviewer_name="Priya Okafor",
        reviewer_role="Podiatry lead",
        owner=owner,
    )
    make_condition_page(
        index,
        title="Ankle sprain",
        last_reviewed=add_months(today + datetime.timedelta(days=7), -12),
        reviewer_name="Alex Rivers",
        owner=owner,
    )
    make_condition_page(index, title="Knee replacement")


def colours_of(element):
    """(text colour, background colour) of an element, as ``#rrggbb``."""
    return element.evaluate(
        """(element) => {
            const style = getComputedStyle(element);
            const hex = (colour) => '#' + colour.match(/\\d+/g).slice(0, 3)
                .map((n) => Number(n).toString(16).padStart(2, '0')).join('');
            return [hex(style.color), hex(style.backgroundColor)];
        }"""
    )


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_review_report_emphasises_overdue_and_fits_a_phone(
    live_site, browser, pages_to_review, width, height
):
    get_user_model().objects.create_superuser("admin", "", PASSWORD)
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    log_in(tab, live_site.url)
    tab.goto(live_site.url + "/admin/physio/reviews-due/")

    # Red and amber tags with words and an icon, not Wagtail's grey tag; both
    # readable (WCAG AA).
    overdue = tab.locator(".physio-review-status--overdue")
    assert overdue.inner_text().strip().lower() == "overdue"
    assert overdue.locator("svg.icon-warning").count() == 1
    text, background = colours_of(overdue)
    assert text == "#ffffff"
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    assert red > 150 and green < 100 and blue < 100
    assert contrast(text, background) >= 4.5
    due_soon = tab.locator(".physio-review-status--due-soon")
    assert due_soon.inner_text().strip().lower() == "due soon"
    assert contrast(*colours_of(due_soon)) >= 4.5

    # The page never scrolls sideways; the table scrolls in its own box, and every
    # column can be reached.
    page_width = tab.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert page_width[0] <= page_width[1]
    box = tab.locator(".physio-review-table")
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= width
    title = tab.get_by_role("link", name="Plantar fasciitis")
    assert title.bounding_box()["width"] > 80  # not broken letter by letter
    owner = tab.locator(".physio-review-table tbody tr").first.locator("td").last
    box.evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    owner_box = owner.bounding_box()
    assert owner_box["x"] >= 0 and owner_box["x"] + owner_box["width"] <= width
    assert owner.inner_text() == "owner"
    # The titles stay in view while the table scrolls.
    assert title.bounding_box()["x"] >= 0
    save_screenshot(tab, f"review-report-{width}-scrolled")
    box.evaluate("(box) => { box.scrollLeft = 0; }")
    save_screenshot(tab, f"review-report-{width}")

    tab.goto(live_site.url + "/admin/")
    panel = tab.locator("#physio-review-due-section")
    assert panel.locator(".physio-review-status--overdue").is_visible()
    save_screenshot(tab, f"review-dashboard-{width}")
    context.close()
