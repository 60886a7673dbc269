"""Editing banners in a real browser, as a member of the "Clinic editors" group:
the preview follows the form before anything is saved, the counter counts as the
server does, the list keeps its buttons in their rows. Screenshots go to
test-artifacts/ (notice-banner-admin-*.png)."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site

from tests.factories import at, make_home_page, make_notice, make_user, notice_admin_url
from tests.factories.browser import save_screenshot, serve_default_site_from
from tests.live_requests import finish_live_requests
from wagtail_physio.models import ClinicContactSettings, NoticeBanner
from wagtail_physio.notices.models import NOTICE_MESSAGE_MAX_LENGTH

# A policy without 'unsafe-inline' for scripts, and refusing to be framed:
# Wagtail's admin needs inline styles (Draftail), nothing of the package's does.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@pytest.fixture
def clinic_site(live_server, transactional_db, settings):
    serve_default_site_from(live_server)
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    cache.clear()
    home = make_home_page("Riverside clinic", "riverside")
    parts = urlsplit(live_server.url)
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": parts.hostname, "port": parts.port, "root_page": home},
    )
    ClinicContactSettings.objects.update_or_create(
        site=site, defaults={"main_phone": "0151 496 0100"}
    )
    yield live_server.url
    finish_live_requests()  # before the flush (tests/live_requests.py)
    cache.clear()


@pytest.fixture
def editor_tab(clinic_site, page):
    """A tab logged in as a member of the "Clinic editors" group, every admin page
    served with STRICT_CSP, and the policy's complaints collected."""
    call_command("physio_setup_groups", stdout=StringIO())
    user = make_user("clinic-editor")
    user.groups.add(Group.objects.get(name="Clinic editors"))

    def with_csp(route):
        response = route.fetch(max_redirects=0)
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/admin/**", with_csp)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__violations.push({directive: e.violatedDirective,"
        " blocked: e.blockedURI, source: e.sourceFile, sample: e.sample}));"
    )
    page.goto(clinic_site + "/admin/login/")
    page.fill("input[name=username]", "clinic-editor")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    # The preview posts the form as the editor types: a post still in flight when
    # a test ends must not fail the next one as the browser context closes.
    page.unroute_all(behavior="ignoreErrors")


def package_violations(tab):
    """What the policy blocked of the package's: its files, the preview's frame.
    (Wagtail's own date-time widget has an inline script the policy blocks.)"""
    return [
        violation
        for violation in tab.evaluate("window.__violations")
        if "/static/wagtail_physio/" in violation["blocked"] + violation["source"]
        or "srcdoc" in violation["blocked"] + violation["source"]
        or violation["directive"].startswith("frame")
        or "physio" in (violation["sample"] or "")
    ]


def preview_section(tab):
    return tab.frame_locator("iframe[data-physio-notice-preview]").locator(
        "section.physio-notice"
    )


def type_message(tab, text):
    editor = tab.locator('[data-contentpath="message"] [contenteditable="true"]')
    editor.click()
    tab.keyboard.type(text)


def test_the_preview_follows_the_form_before_anything_is_saved(editor_tab, clinic_site):
    tab = editor_tab
    tab.set_viewport_size({"width": 1280, "height": 1600})
    tab.goto(clinic_site + notice_admin_url("create"))
    counter = tab.locator("[data-physio-notice-counter]")
    assert (
        counter.inner_text() == f"You have {NOTICE_MESSAGE_MAX_LENGTH} characters left"
    )

    type_message(tab, "Online booking is unavailable today. Please phone us.")
    tab.select_option("select[name=severity]", "urgent")
    tab.select_option("select[name=cta_type]", "phone")
    banner = preview_section(tab)
    tab.wait_for_function(
        "() => { const f = document.querySelector('[data-physio-notice-preview]');"
        " const s = f.contentDocument.querySelector('section');"
        " return s && s.classList.contains('physio-notice--urgent')"
        " && s.querySelector('.physio-notice__button'); }"
    )
    assert (
        "Online booking is unavailable today. Please phone us." in banner.inner_text()
    )
    assert banner.get_by_role("link", name="Call 0151 496 0100").is_visible()
    # The close button shows, as notice-banners.js shows it on the site.
    assert banner.get_by_role("button", name="Dismiss this notice").is_visible()
    assert counter.inner_text() == "You have 227 characters left"
    # Nothing is live yet.
    assert not NoticeBanner.objects.exists()
    save_screenshot(tab, "notice-banner-admin-preview")

    tab.get_by_role("button", name="Phone (390 px)").click()
    box = tab.locator("iframe[data-physio-notice-preview]").bounding_box()
    assert box["width"] == pytest.approx(390, abs=2)
    save_screenshot(tab, "notice-banner-admin-preview-phone")

    # The preview at phone width is the banner a phone shows: same size, colours.
    tab.get_by_role("button", name="Save").click()
    tab.wait_for_url("**/noticebanner/")
    saved = NoticeBanner.objects.get()
    tab.goto(clinic_site + notice_admin_url("edit", saved.pk))
    tab.get_by_role("button", name="Phone (390 px)").click()
    in_preview = preview_section(tab)
    in_preview.wait_for()
    preview_style = in_preview.evaluate(STYLE_OF)
    assert preview_style["width"] == 390
    site_tab = tab.context.new_page()
    site_tab.set_viewport_size({"width": 390, "height": 844})
    site_tab.goto(clinic_site + "/")
    on_site = site_tab.locator("section.physio-notice")
    # The test site's page has a margin of its own; give the banner 390 px.
    margin = 390 - on_site.evaluate(STYLE_OF)["width"]
    site_tab.set_viewport_size({"width": 390 + margin, "height": 844})
    assert on_site.evaluate(STYLE_OF) == preview_style
    assert package_violations(tab) == []


def test_a_banner_that_would_stack_is_flagged_before_and_after_saving(
    editor_tab, clinic_site
):
    tab = editor_tab
    tab.set_viewport_size({"width": 1280, "height": 1600})
    make_notice(message="<p>Online booking is down today.</p>", severity="urgent")
    tab.goto(clinic_site + notice_admin_url("create"))
    type_message(tab, "Our booking system is down. Please call.")
    tab.select_option("select[name=severity]", "urgent")
    overlaps = tab.locator("[data-physio-notice-overlaps]")
    overlaps.wait_for()
    assert "Online booking is down today." in overlaps.inner_text()
    save_screenshot(tab, "notice-banner-admin-overlap-before-saving")

    tab.get_by_role("button", name="Save").click()
    tab.wait_for_url("**/noticebanner/")
    warning = tab.get_by_text("Readers will also see another urgent banner")
    assert warning.is_visible()
    assert tab.get_by_role("link", name="Edit “Online booking is down today.”").count()
    assert NoticeBanner.objects.count() == 2
    save_screenshot(tab, "notice-banner-admin-overlap-after-saving")
    assert package_violations(tab) == []


def test_a_banner_at_the_limit_leaves_most_of_a_phone_screen(editor_tab, clinic_site):
    tab = editor_tab
    words = "Online booking is down until Monday. Please phone us to book. " * 5
    banner = make_notice(
        message=f"<p>{words[:NOTICE_MESSAGE_MAX_LENGTH].strip()}</p>",
        severity="urgent",
        cta_type="phone",
    )
    tab.goto(clinic_site + notice_admin_url("edit", banner.pk))
    tab.get_by_role("button", name="Phone (390 px)").click()
    section = preview_section(tab)
    section.wait_for()
    height = section.evaluate(STYLE_OF)["height"]
    print("banner at the limit, 390 px wide:", height, "px")
    save_screenshot(tab, "notice-banner-admin-preview-at-limit")
    # A phone 390 px wide shows about 844 px: the worst case (urgent, with a
    # button) leaves more than half of it to the page.
    assert height < 844 / 2


UNCOVERED = """(element) => {
  const box = element.getBoundingClientRect();
  const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return element.contains(top);
}"""

TEXT_HEIGHT = """(cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  return range.getBoundingClientRect().height;
}"""

STYLE_OF = """(section) => {
  const style = getComputedStyle(section);
  const message = getComputedStyle(section.querySelector('.physio-notice__message'));
  const box = section.getBoundingClientRect();
  return {width: Math.round(box.width), height: Math.round(box.height),
          background: style.backgroundColor, color: message.color,
          font: message.fontSize + ' ' + message.fontFamily};
}"""


def test_the_counter_and_the_server_refuse_a_long_message(editor_tab, clinic_site):
    tab = editor_tab
    tab.set_viewport_size({"width": 1280, "height": 1600})
    tab.goto(clinic_site + notice_admin_url("create"))
    type_message(tab, "Closed. " * 36)  # 287 characters, the last space aside
    counter = tab.locator("[data-physio-notice-counter]")
    tab.wait_for_function(
        "() => document.querySelector('[data-physio-notice-counter]')"
        ".textContent.includes('too many')"
    )
    assert counter.inner_text() == "7 characters too many"
    assert "physio-notice-counter--over" in counter.get_attribute("class")
    # The notes under the preview say so before saving...
    tab.wait_for_selector("[data-physio-notice-errors]")
    assert "Shorten the message to 280 characters or fewer; it has 287." in (
        tab.locator("[data-physio-notice-errors]").inner_text()
    )
    # ...and saving is refused, with the error on the field.
    tab.get_by_role("button", name="Save").click()
    error = tab.locator("#panel-child-message-errors")
    error.wait_for()
    assert "Shorten the message to 280 characters or fewer" in error.inner_text()
    assert not NoticeBanner.objects.exists()
    save_screenshot(tab, "notice-banner-admin-too-long")

    # Taking words away brings the count under the limit again.
    tab.locator('[data-contentpath="message"] [contenteditable="true"]').click()
    tab.keyboard.press("Control+End")
    for _ in range(8):
        tab.keyboard.press("Backspace")
    tab.wait_for_function(
        "() => document.querySelector('[data-physio-notice-counter]')"
        ".textContent.includes('left')"
    )
    assert package_violations(tab) == []


def test_the_counter_counts_as_the_server_does(editor_tab, clinic_site):
    tab = editor_tab
    tab.goto(clinic_site + notice_admin_url("create"))
    type_message(tab, "Book now")
    tab.keyboard.press("Shift+Enter")
    tab.keyboard.type("or call.")
    tab.keyboard.press("Enter")
    tab.keyboard.type("  Thank you.")
    expected = len("Book now or call. Thank you.")
    counter = tab.locator("[data-physio-notice-counter]")
    # The length the preview view worked out on the server, from the same form.
    server = tab.locator("[data-physio-notice-editor]")
    tab.wait_for_function(
        "(n) => document.querySelector('[data-physio-notice-editor]')"
        ".getAttribute('data-length') === String(n)",
        arg=expected,
    )
    assert counter.get_attribute("data-length") == str(expected)
    assert server.get_attribute("data-length") == str(expected)

    # A saved message with a link and bold: the address does not count.
    banner = make_notice(
        message='<p>Call <a href="https://clinic.example/a/long/address">us</a> '
        "<b>now</b>.</p><p>Thanks.</p>"
    )
    tab.goto(clinic_site + notice_admin_url("edit", banner.pk))
    tab.locator('[data-contentpath="message"] a.TooltipEntity').wait_for()
    tab.wait_for_timeout(300)
    assert counter.get_attribute("data-length") == str(len("Call us now. Thanks."))
    assert server.get_attribute("data-length") == str(len("Call us now. Thanks."))


def test_the_list_keeps_each_rows_buttons_in_the_row(editor_tab, clinic_site):
    tab = editor_tab
    make_notice(
        message="<p>Online booking is unavailable today because of a system "
        "upgrade. Please phone us to book or change an appointment.</p>",
        severity="urgent",
    )
    make_notice(
        message="<p>New car park opens on Monday.</p>",
        severity="info",
        starts_at=at(2030, 1, 1),
        ends_at=at(2030, 2, 1),
    )
    make_notice(
        message="<p>Lift out of order.</p>", severity="warning", is_active=False
    )
    # Tall enough for the whole list to be in view: nothing is scrolled to.
    for width, height in ((1280, 900), (390, 1600)):
        tab.set_viewport_size({"width": width, "height": height})
        tab.goto(clinic_site + notice_admin_url("index"))
        rows = tab.locator("table.listing tbody tr")
        assert rows.count() == 3
        for index in range(3):
            row = rows.nth(index)
            row_box = row.bounding_box()
            buttons = row.locator("ul.actions a").all()
            assert len(buttons) == 3
            for button in buttons:
                box = button.bounding_box()
                assert box["y"] >= row_box["y"] - 1, (width, index)
                assert box["y"] + box["height"] <= row_box["y"] + row_box["height"] + 1
                # And nothing is drawn over it (the pagination once was).
                assert button.evaluate(UNCOVERED), (width, index, button.inner_text())
            # One line: "Information" no longer breaks mid-word.
            assert row.locator("td.field-severity").evaluate(TEXT_HEIGHT) < 30
        # The pagination starts below the list, not over its last row.
        assert tab.evaluate(
            "document.querySelector('table.listing').getBoundingClientRect().bottom"
            " <= document.querySelector('nav.pagination').getBoundingClientRect().top"
        ), width
        # The page itself does not scroll sideways; the table may.
        assert tab.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ), width
        save_screenshot(tab, f"notice-banner-admin-list-{width}")
