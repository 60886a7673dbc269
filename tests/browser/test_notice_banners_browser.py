"""Notice banners in a real browser: dismissal per version, no-JS, client mode."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.factories import make_home_page, make_notice
from tests.factories.browser import save_screenshot


@pytest.fixture
def clinic_site(live_site, settings):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    cache.clear()
    # live_site has rebuilt the tree root if an earlier live-server test flushed it.
    home = make_home_page("Riverside clinic", "riverside")
    parts = urlsplit(live_site.url)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": parts.hostname, "port": parts.port, "root_page": home},
    )
    yield live_site.url + "/"
    cache.clear()


def test_dismissal_is_remembered_until_the_banner_changes(clinic_site, page):
    banner = make_notice(
        message="<p>Online booking is unavailable today. Please phone us.</p>",
        severity="urgent",
        cta_type="phone",
        cta_phone="0151 496 0321",
    )
    make_notice(message="<p>New car park opens on Monday.</p>", dismissible=False)

    page.goto(clinic_site)
    urgent = page.get_by_role("region", name="Urgent notice")
    assert urgent.is_visible()
    assert page.get_by_role("link", name="Call 0151 496 0321").is_visible()
    save_screenshot(page, "notice-banners")

    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # first thing after it: inside the urgent notice
    assert page.evaluate(
        "document.activeElement.closest('[data-physio-notice]') !== null"
    )

    page.get_by_role("button", name="Dismiss this notice").click()
    assert urgent.count() == 0
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The notice that cannot be dismissed has no button and stays.
    assert page.get_by_role("region", name="Notice").is_visible()
    assert page.get_by_role("button", name="Dismiss this notice").count() == 0

    page.reload()
    assert page.get_by_role("region", name="Urgent notice").count() == 0
    assert page.get_by_role("region", name="Notice").is_visible()
    assert page.evaluate("document.cookie") == ""

    banner.message = "<p>Online booking is back tomorrow. Please phone us today.</p>"
    banner.save()
    page.reload()
    urgent = page.get_by_role("region", name="Urgent notice")
    assert urgent.is_visible()
    assert "back tomorrow" in urgent.inner_text()


def test_without_javascript_banner_shows_with_no_dismiss_button(
    clinic_site, no_js_page
):
    make_notice(
        message="<p>Online booking is unavailable today. Please phone us.</p>",
        severity="urgent",
    )
    no_js_page.goto(clinic_site)
    assert no_js_page.get_by_role("region", name="Urgent notice").is_visible()
    assert no_js_page.get_by_role("button", name="Dismiss this notice").count() == 0
    save_screenshot(no_js_page, "notice-banners-no-js")


def test_client_mode_fills_the_container_from_the_endpoint(clinic_site, page, settings):
    settings.WAGTAIL_PHYSIO = {
        "BASE_TEMPLATE": "base.html",
        "NOTICE_BANNER_MODE": "client",
    }
    make_notice(
        message='<p>Phone lines only. <a href="mailto:desk@clinic.example">Email</a></p>',
        severity="warning",
    )
    page.goto(clinic_site)
    region = page.get_by_role("region", name="Important notice")
    region.wait_for()
    assert "Phone lines only." in region.inner_text()
    assert page.get_by_role("link", name="Email").get_attribute("href") == (
        "mailto:desk@clinic.example"
    )
    page.get_by_role("button", name="Dismiss this notice").click()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("region", name="Important notice").count() == 0
    save_screenshot(page, "notice-banners-client-mode")
