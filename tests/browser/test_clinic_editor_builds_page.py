"""A clinic editor builds the seed page *Back surgery* in the real admin, and
raises a notice banner over it (issue 13's "Done when").

The editor is a member of the package's "Clinic editors" group (banners,
locations, contact details: no pages, by design) and of Wagtail's own
"Moderators" group (add, edit and publish pages). Every block goes in through
Wagtail's block chooser, as an editor would add it; the text is the test's own,
for a fictional clinic. Screenshots: test-artifacts/clinic-editor-*.png.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page, Site

from tests.factories import make_condition_index, make_user
from tests.factories.browser import save_screenshot
from wagtail_physio.models import ClinicContactSettings, ConditionPage, NoticeBanner

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@pytest.fixture
def clinic_site(live_site, settings):
    """The live server's default site, with the test app's base template (the
    package's own leaves out notice banners) and the clinic's main number."""
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    # No autosave (every 0.5 s after a change) and no editing-session pings: on
    # the suite's in-memory SQLite the live server's request threads share one
    # connection, and an autosave running beside the Publish request broke both
    # transactions ("no such savepoint", a 500) in about one run in twenty. Not
    # something a site on a real database sees.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    cache.clear()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Millbrook Physio"
    site.save()
    ClinicContactSettings.objects.update_or_create(
        site=site, defaults={"main_phone": "0151 496 0377"}
    )
    yield live_site.url
    cache.clear()


def moderators_group():
    """Wagtail's "Moderators" group: add, edit and publish pages from the root.

    Wagtail's migrations create it, but a live-server test ends with a flush that
    empties every table, groups and page permissions included (and
    ``live_site`` then rebuilds the tree's root). After an earlier live-server
    test in the same process, an equivalent group is made here.
    """
    group = Group.objects.filter(name="Moderators").first()
    if group is None:
        group = Group.objects.create(name="Moderators")
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=group,
                page=Page.get_first_root_node(),
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    held = GroupPagePermission.objects.filter(
        group=group, page=Page.get_first_root_node()
    ).values_list("permission__codename", flat=True)
    assert set(PAGE_PERMISSIONS) <= set(held)
    return group


@pytest.fixture
def member(clinic_site):
    """A member of "Clinic editors" (from physio_setup_groups) and "Moderators"."""
    call_command("physio_setup_groups", stdout=StringIO())
    user = make_user("sam")
    user.groups.add(Group.objects.get(name="Clinic editors"), moderators_group())
    return user


@pytest.fixture
def visitor(browser):
    """A tab of its own, never logged in: the public's view."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def log_in(tab, base_url, username):
    tab.goto(base_url + "/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill("pw")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(base_url + "/admin/")


# The body editor ------------------------------------------------------------------

TOP_LEVEL = (
    "#body-root > [data-streamfield-stream-container] > [data-streamfield-child]"
)


def outline_block(tab, title):
    """A block of the outline a new page starts with, found by the title in its
    header. (Not by its region: the outline's blocks have no id until the page is
    saved, so all four are rendered with id "block-null-heading" and every one is
    labelled by the first one's header.)"""
    return tab.locator(TOP_LEVEL).filter(
        has=tab.get_by_role("heading", name=title, exact=False)
    )


def slid_open(element):
    """Wait for a new block or list item to finish sliding open.

    Wagtail reveals one with jQuery's slideDown (0.4 s), clipping it meanwhile
    (an inline ``overflow: hidden`` and a growing height, removed at the end):
    a click on its lower part may land on what shows through.
    """
    expect(element).not_to_have_attribute("style", re.compile("overflow"))


def insert_block(tab, after, label):
    """Add a block after ``after`` through the block chooser; return it."""
    after.locator("xpath=following-sibling::div[1]").get_by_role(
        "button", name="Insert a block"
    ).click()
    tab.get_by_role("option", name=label, exact=True).click()
    added = after.locator("xpath=following-sibling::div[@data-streamfield-child][1]")
    expect(added.get_by_role("heading", name=label)).to_be_visible()
    slid_open(added)
    # Wagtail gives the new block an id: a locator that stays on it however many
    # blocks go in around it.
    block_id = added.locator(":scope > input[name$='-id']").input_value()
    return tab.locator(f"{TOP_LEVEL}:has(> input[value='{block_id}'])")


def fill_list(block, field, values):
    """Type ``values`` into a list field, adding an item with its "Add" button for
    each one after the first (a new list holds one empty item)."""
    scope = block.locator(f"[data-contentpath='{field}']")
    # Not found by their headers: an item's header turns into its name once typed.
    items = scope.locator(
        "[data-streamfield-list-container] > [data-streamfield-child]"
    )
    for number, value in enumerate(values):
        if number:
            scope.get_by_role("button", name="Add", exact=True).last.click()
            expect(items).to_have_count(number + 1)
        item = items.nth(number)
        slid_open(item)
        if isinstance(value, dict):
            for label, text in value.items():
                item.get_by_role("textbox", name=label).fill(text)
        else:
            # A one-line item's text box is not labelled: it is the item's only one.
            item.get_by_role("textbox").fill(value)


def type_rich_text(tab, block, text):
    """Type into a paragraph block's Draftail editor (its text box has no name)."""
    block.get_by_role("textbox").click()
    tab.keyboard.type(text)
    # Draftail copies what was typed into the form's field a moment later.
    expect(block.locator("input[name$='-value']")).to_have_value(
        re.compile(re.escape(text[:20]))
    )


def build_body(tab):
    """Fill the outline a new page starts with: blocks go in after its headings,
    and the first heading is reworded last (the outline's blocks have no id yet,
    so they are found by their heading)."""
    about = outline_block(tab, "About this condition")
    paragraph = insert_block(tab, about, "Paragraph")
    type_rich_text(
        tab,
        paragraph,
        "Our team at Millbrook helps people get moving again after an "
        "operation on the spine, from the first days at home onwards.",
    )

    aims = insert_block(tab, paragraph, "Aims")
    aims.get_by_label("Heading").fill("What an operation can do")
    fill_list(aims, "aims", ["Ease leg and back pain", "Help you walk further"])
    aims.get_by_label("Overall aim").fill(
        "Above all, rehab aims to get you back to the things you enjoy."
    )

    procedures = insert_block(tab, aims, "Procedure list")
    procedures.get_by_label("Heading").fill("Common operations")
    fill_list(
        procedures,
        "procedures",
        [
            {
                "Name": "Disc removal",
                "Description": "Takes away the part of a disc pressing on a nerve.",
            },
            {
                "Name": "Spinal fusion",
                "Description": "Joins two bones of the spine so they move as one.",
            },
        ],
    )

    callout = insert_block(tab, procedures, "Callout")
    callout.get_by_label("Kind").select_option(label="Warning")
    callout.get_by_label("Heading").fill("Go gently at first")
    callout.get_by_label("Text").fill(
        "Stop any exercise that makes pain spread down your leg, and tell us."
    )

    helps = insert_block(
        tab, outline_block(tab, "How physiotherapy helps"), "Paragraph"
    )
    type_rich_text(
        tab,
        helps,
        "A graded plan of exercise rebuilds the muscles that support your spine.",
    )
    do_dont = insert_block(tab, helps, "Do and don’t")
    do_dont.get_by_label("Heading").fill("Your first fortnight")
    fill_list(do_dont, "do", ["Take short walks often", "Use ice for soreness"])
    fill_list(do_dont, "dont", ["Carry heavy shopping", "Sit still for hours"])

    urgent = insert_block(tab, outline_block(tab, "When to get help"), "Urgent advice")
    urgent.get_by_label("How urgent").select_option(label="Emergency: call now")
    urgent.get_by_label("Heading").fill("Call 999 straight away if you notice")
    fill_list(
        urgent,
        "symptoms",
        ["Numb skin around your bottom", "Sudden weakness in both legs"],
    )

    questions = insert_block(tab, urgent, "Questions and answers")
    questions.get_by_label("Heading").fill("Questions we hear")
    fill_list(
        questions,
        "questions",
        [
            {
                "Question": "When can I swim again?",
                "Answer": "Usually once the wound has healed: we will check it with you.",
            }
        ],
    )

    about.get_by_label("Text").fill("About back operations")


def save_whole_editor(tab, name):
    """A screenshot of the whole editor: the admin scrolls in its <main>, not the
    document, so the window is made as tall as the editor for a moment."""
    viewport = tab.viewport_size
    height = tab.locator("main").evaluate("(main) => main.scrollHeight")
    tab.set_viewport_size({"width": viewport["width"], "height": height})
    save_screenshot(tab, name)
    tab.set_viewport_size(viewport)


def publish(tab):
    tab.locator("footer").get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Publish").click()


# The notice banner ----------------------------------------------------------------


def open_notice_banners(tab):
    """Clinic › Notice banners, from the admin's menu."""
    tab.get_by_role("button", name="Clinic").click()
    tab.get_by_role("link", name="Notice banners").click()
    tab.wait_for_url("**/noticebanner/")


# The test -------------------------------------------------------------------------


def test_a_clinic_editor_builds_back_surgery_and_raises_a_banner(
    clinic_site, member, page, visitor
):
    index = make_condition_index(Site.objects.get(is_default_site=True).root_page)
    tab = page
    log_in(tab, clinic_site, "sam")

    tab.goto(f"{clinic_site}/admin/pages/add/wagtail_physio/conditionpage/{index.pk}/")
    tab.get_by_role("textbox", name="Title").fill("Back surgery")
    tab.get_by_role("textbox", name="Summary").fill(
        "Getting strong and active again after an operation on your back."
    )
    build_body(tab)
    save_whole_editor(tab, "clinic-editor-editor-before-publishing")
    publish(tab)
    tab.wait_for_url(f"{clinic_site}/admin/pages/{index.pk}/")
    expect(tab.locator(".messages")).to_contain_text("published")

    back_surgery = ConditionPage.objects.get(slug="back-surgery")
    assert back_surgery.live
    assert all(child.id for child in back_surgery.body)
    assert [child.block_type for child in back_surgery.body] == [
        "heading",
        "paragraph",
        "aims",
        "procedures",
        "callout",
        "heading",
        "paragraph",
        "do_dont",
        "heading",
        "urgent_advice",
        "questions",
        "call_to_action",
    ]

    # A visitor (not logged in) reads the published page.
    visitor.goto(clinic_site + back_surgery.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Back surgery")
    for heading in (
        "About back operations",
        "What an operation can do",
        "Common operations",
        "How physiotherapy helps",
        "Your first fortnight",
        "When to get help",
        "Call 999 straight away if you notice",
        "Questions we hear",
    ):
        expect(
            visitor.get_by_role("heading", name=heading, exact=True, level=2)
        ).to_be_visible()
    expect(visitor.get_by_text("helps people get moving again")).to_be_visible()
    expect(visitor.get_by_text("A graded plan of exercise")).to_be_visible()

    aims = visitor.locator("section").filter(
        has=visitor.get_by_role("heading", name="What an operation can do")
    )
    expect(aims.get_by_role("listitem")).to_have_text(
        ["Ease leg and back pain", "Help you walk further"]
    )
    expect(aims).to_contain_text("Above all, rehab aims")

    procedures = visitor.locator("section").filter(
        has=visitor.get_by_role("heading", name="Common operations")
    )
    expect(procedures.get_by_role("heading", level=3)).to_have_text(
        ["Disc removal", "Spinal fusion"]
    )
    expect(procedures).to_contain_text("pressing on a nerve")

    urgent = visitor.get_by_role("region", name="Call 999 straight away if you notice")
    expect(urgent).to_contain_text("Emergency")
    expect(urgent.get_by_role("listitem")).to_have_text(
        ["Numb skin around your bottom", "Sudden weakness in both legs"]
    )
    expect(urgent.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")

    # The callout's kind is read out before its heading.
    callout = visitor.get_by_role("complementary", name="Warning: Go gently at first")
    expect(callout).to_contain_text("pain spread down your leg")

    do_dont = visitor.locator("section").filter(
        has=visitor.get_by_role("heading", name="Your first fortnight")
    )
    expect(do_dont.get_by_role("heading", level=3)).to_have_text(["Do", "Don’t"])
    lists = do_dont.get_by_role("list")
    expect(lists.nth(0).get_by_role("listitem")).to_have_text(
        ["Take short walks often", "Use ice for soreness"]
    )
    expect(lists.nth(1).get_by_role("listitem")).to_have_text(
        ["Carry heavy shopping", "Sit still for hours"]
    )

    # The answer opens under its question, in HTML's own disclosure.
    question = visitor.locator("details").filter(has_text="When can I swim again?")
    answer = question.get_by_text("Usually once the wound has healed")
    expect(answer).to_be_hidden()
    question.locator("summary").click()
    expect(answer).to_be_visible()
    # The outline's call to action, kept as it was: the clinic's own number.
    expect(visitor.get_by_role("link", name="Call 0151 496 0377")).to_be_visible()
    expect(visitor.get_by_role("region", name="Urgent notice")).to_have_count(0)

    # The member raises a banner from Clinic › Notice banners...
    open_notice_banners(tab)
    tab.get_by_role("link", name="Add notice banner").click()
    # Draftail's text box has no name of its own: it is in the "Message" panel.
    message = tab.get_by_role("region", name="Message").get_by_role("textbox")
    message.click()
    tab.keyboard.type("Our phones are down this morning. Please email us.")
    # Draftail writes what was typed to the form's field a moment later.
    expect(tab.locator("input[name=message]")).to_have_value(
        re.compile("phones are down")
    )
    tab.get_by_role("combobox", name="Severity").select_option(label="Urgent")
    tab.get_by_role("button", name="Save").click()
    tab.wait_for_url("**/noticebanner/")
    row = tab.get_by_role("row").filter(has_text="Our phones are down")
    expect(row).to_contain_text("Live")

    # ...sees it over the published page...
    visitor.reload()
    banner = visitor.get_by_role("region", name="Urgent notice")
    expect(banner).to_contain_text("Our phones are down this morning.")
    question.locator("summary").click()
    expect(answer).to_be_visible()
    save_screenshot(visitor, "clinic-editor-published-page")

    # ...and switches it off.
    row.get_by_role("link", name=re.compile("Our phones are down")).first.click()
    tab.get_by_role("checkbox", name="Switched on").uncheck()
    tab.get_by_role("button", name="Save").click()
    tab.wait_for_url("**/noticebanner/")
    expect(row).to_contain_text("Off")
    assert not NoticeBanner.objects.get().is_active
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Back surgery")
    expect(visitor.get_by_role("region", name="Urgent notice")).to_have_count(0)
