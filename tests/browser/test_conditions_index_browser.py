from playwright.sync_api import expect
from wagtail.models import Site

from tests.factories import make_condition_index, make_condition_page
from tests.factories.browser import save_screenshot
from wagtail_physio.models import ConditionCategory

TITLES = {
    "Achilles tendinopathy": "Heel and ankle",
    "Ankle sprain": "Heel and ankle",
    "Back surgery": "Back and spine",
    "Frozen shoulder": None,
    "Knee replacement": "Knee",
    "Sciatica": "Back and spine",
    "Whiplash": "Back and spine",
}


def build_index(live_site):
    home = Site.objects.get(is_default_site=True).root_page
    index = make_condition_index(home, title="Conditions we treat")
    categories = {
        name: ConditionCategory.objects.create(name=name)
        for name in dict.fromkeys(TITLES.values())
        if name
    }
    for title, category_name in TITLES.items():
        make_condition_page(
            index,
            title=title,
            categories=[categories[category_name]] if category_name else [],
        )
    return index


def test_conditions_index_a_to_z_filter_and_search_without_javascript(
    live_site, no_js_page
):
    index = build_index(live_site)
    tab = no_js_page
    tab.goto(live_site.url + index.url)

    az = tab.get_by_role("navigation", name="Conditions A to Z")
    assert az.get_by_role("link", name="K").is_visible()
    # Letters with no conditions are not links.
    assert az.get_by_role("link", name="C").count() == 0
    az.get_by_role("link", name="S").click()
    assert tab.url.endswith("#letter-s")

    filters = tab.get_by_role("navigation", name="Filter by category")
    filters.get_by_role("link", name="Back and spine").click()
    # expect() waits for the new page: the URL changes before its list is parsed.
    titles = tab.locator(".physio-condition-list__title")
    expect(titles).to_have_text(["Back surgery", "Sciatica", "Whiplash"])
    assert "category=back-and-spine" in tab.url
    assert filters.locator('[aria-current="true"]').inner_text() == "Back and spine"
    save_screenshot(tab, "conditions-index-filtered")

    tab.get_by_label("Search conditions").fill("whiplash")
    tab.get_by_role("button", name="Search").click()
    expect(titles).to_have_text(["Whiplash"])
    assert "q=whiplash" in tab.url and "category=back-and-spine" in tab.url

    tab.goto(live_site.url + index.url)
    path = save_screenshot(tab, "conditions-index-a-to-z")
    assert path.stat().st_size > 0
