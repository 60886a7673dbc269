import datetime
from unittest import mock

from wagtail.models import Site

from tests.factories import make_condition_index, make_location, make_locations_page
from tests.factories.browser import save_screenshot
from wagtail_physio.models import ClinicContactSettings


def test_locations_render_with_call_and_map_links_and_hours(live_site, page, settings):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    site = Site.objects.get(is_default_site=True)
    ClinicContactSettings.objects.create(site=site, main_phone="0151 496 0312")
    index = make_condition_index(site.root_page)
    quayside = make_location(
        "Quayside clinic",
        address_line_2="Harbour Quarter",
        email="quayside@example.com",
        latitude="53.4012",
        longitude="-2.9876",
        hours=[(day, "08:00", "12:30") for day in range(5)]
        + [(day, "13:30", "19:00") for day in range(5)]
        + [(5, "09:00", "13:00")],
        visitor_notes="Step-free entrance from Chandlers Row.",
    )
    millbrook = make_location(
        "Millbrook clinic",
        host_building="inside Millbrook Leisure Club",
        address_line_1="Millbrook Park, Ferry Road",
        postcode="RV4 2LN",
        phone="0151 496 0314",
    )
    condition = make_locations_page(index, [quayside, millbrook])

    # Wednesday 3 July 2024, 11:00 in London: Quayside is open until 12:30.
    wednesday = datetime.datetime(2024, 7, 3, 10, 0, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=wednesday):
        page.goto(live_site.url + condition.url)

    main = page.locator("main")
    first = main.locator("article.physio-location").first
    call = first.get_by_role("link", name="0151 496 0313")
    assert call.get_attribute("href") == "tel:+441514960313"
    map_link = first.get_by_role("link", name="Show Quayside clinic on a map")
    assert map_link.get_attribute("href").startswith(
        "https://www.openstreetmap.org/?mlat=53.4012&mlon=-2.9876"
    )
    table = first.get_by_role("table", name="Opening hours, Quayside clinic")
    assert table.is_visible()
    monday = table.get_by_role("row", name="Monday")
    assert (
        " ".join(monday.inner_text().split())
        == "Monday 8 a.m. to 12:30 p.m., 1:30 p.m. to 7 p.m."
    )
    assert (
        table.get_by_role("row", name="Sunday").get_by_role("cell").inner_text()
        == "Closed"
    )
    assert first.locator(".physio-location__status").inner_text().startswith("Open now")
    assert main.get_by_text("inside Millbrook Leisure Club").is_visible()

    footer = page.locator("footer.site-footer")
    assert footer.get_by_role("heading", name="Get in touch").is_visible()
    assert footer.get_by_role("link", name="0151 496 0312").get_attribute("href") == (
        "tel:+441514960312"
    )
    assert footer.get_by_role("link", name="Map of Millbrook clinic").is_visible()

    assert save_screenshot(page, "clinic-locations").stat().st_size > 0
