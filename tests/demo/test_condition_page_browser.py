"""The demo's full condition page in a real browser: every section shows."""

import pytest

from tests.factories.browser import save_screenshot
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db


def test_full_condition_page_shows_every_section(demo_site, page):
    condition = ConditionPage.objects.get(slug="back-surgery")

    page.goto(demo_site.url + condition.url)

    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == "Back surgery"
    for heading in [
        "What surgery aims to do",
        "Types of back surgery",
        "How physiotherapy helps after back surgery",
        "What treatment involves",
        "Support every step of the way",
    ]:
        assert page.get_by_role("heading", name=heading, level=2).is_visible()
    assert page.get_by_role("heading", name="Selective dorsal rhizotomy").is_visible()
    assert page.locator(".physio-aims__overall").is_visible()
    assert page.locator(".physio-treatments__list li").count() == 8

    figure = page.locator("figure.physio-captioned-image")
    assert figure.locator("figcaption").is_visible()
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    # The browser picked a real rendition from the srcset and loaded it (body
    # images load lazily, so wait for it once it is in view).
    image.evaluate(
        "img => img.complete ? null : new Promise(done => img.addEventListener("
        "'load', done, {once: true}))"
    )
    assert image.evaluate("img => img.naturalWidth > 0")
    assert "width-" in image.evaluate("img => img.currentSrc")

    cta = page.get_by_role("region", name="Book an appointment")
    assert cta.is_visible()
    call = cta.get_by_role("link", name="Call 0151 496 0451")
    assert call.get_attribute("href") == "tel:+441514960451"

    # Keyboard users see where they are: the focused link gets an outline.
    call.focus()
    outline = call.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline == "solid"

    assert save_screenshot(page, "condition-page-full").stat().st_size > 0
