from wagtail.models import Site

from tests.factories import make_condition_index, make_condition_page
from tests.factories.browser import save_screenshot


def test_condition_page_reads_without_javascript(live_site, no_js_page):
    home = Site.objects.get(is_default_site=True).root_page
    page = make_condition_page(make_condition_index(home), title="Back surgery")

    no_js_page.goto(live_site.url + page.url)
    assert no_js_page.locator("h1").inner_text() == "Back surgery"
    back_to_top = no_js_page.get_by_role("link", name="Back to top")
    assert back_to_top.is_visible()
    back_to_top.click()
    assert no_js_page.url.endswith("#top")
    assert save_screenshot(no_js_page, "condition-page-no-js").stat().st_size > 0
