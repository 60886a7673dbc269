import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import ReferenceIndex

from tests.factories import (
    locations_block,
    make_location,
    make_locations_page,
    request_sql,
    site_request,
)
from wagtail_physio.blocks import ClinicLocationsBlock, ConditionStreamBlock
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db

# Monday 1 July 2024, 10:00 in London (BST).
MONDAY_MORNING = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)


def render_body(page_pk, request):
    """Load a page's body from the database and render it, as serving a page does."""
    page = ConditionPage.objects.get(pk=page_pk)
    return "".join(
        child.render(context={"request": request, "page": page}) for child in page.body
    )


def test_block_has_editor_furniture():
    block = ClinicLocationsBlock()
    assert block.meta.icon == "site"
    assert str(block.meta.label) == "Clinic locations"
    assert block.meta.description
    assert block.meta.preview_value["show"] == "all"
    assert block.meta.template == "wagtail_physio/blocks/clinic_locations_block.html"
    for child in block.child_blocks.values():
        assert (
            child.field.help_text if hasattr(child, "field") else child.meta.help_text
        )
    assert "clinic_locations" in ConditionStreamBlock.base_blocks


def test_preview_renders_the_active_locations(site):
    make_location("Quayside clinic")
    block = ClinicLocationsBlock()
    html = block.render(
        block.get_preview_value(), context={"request": site_request(site)}
    )
    assert "Quayside clinic" in html


def test_chosen_mode_needs_at_least_one_location():
    block = ClinicLocationsBlock()
    value = block.to_python({"heading": "Find us", "show": "chosen", "locations": []})
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(value)
    assert "locations" in excinfo.value.block_errors


def test_a_location_renders_address_links_status_and_hours_table(site, condition_index):
    location = make_location(
        host_building="inside Millbrook Leisure Club",
        email="quayside@example.com",
        latitude="53.4",
        longitude="-2.9",
        visitor_notes="Step-free entrance on Ferry Road.\nFree parking.",
        hours=[(0, "08:00", "12:00"), (0, "13:00", "18:00"), (5, None, None)],
    )
    page = make_locations_page(condition_index, [location])
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        soup = BeautifulSoup(render_body(page.pk, site_request(site)), "html.parser")

    address = soup.find("address")
    assert "inside Millbrook Leisure Club" in address.get_text()
    assert "RV1 4QT" in address.get_text()
    assert address.find("a", href="tel:+441514960313").get_text() == "0151 496 0313"
    assert address.find("a", href="mailto:quayside@example.com")
    map_link = soup.find("a", string="Show Quayside clinic on a map")
    assert map_link["href"].startswith(
        "https://www.openstreetmap.org/?mlat=53.4&mlon=-2.9"
    )

    table = soup.find("table")
    assert table.caption.get_text() == "Opening hours, Quayside clinic"
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    rows = {
        tr.th.get_text(): " ".join(tr.td.get_text().split())
        for tr in table.tbody.find_all("tr")
    }
    assert rows["Monday"] == "8 a.m. to noon, 1 p.m. to 6 p.m."
    assert rows["Saturday"] == "Closed"
    assert rows["Sunday"] == "Closed"
    assert all(th["scope"] == "row" for th in table.tbody.find_all("th"))

    status = " ".join(soup.find(class_="physio-location__status").get_text().split())
    assert status == "Open now – closes at noon"
    assert "Free parking." in soup.find(class_="physio-location__notes").get_text()


def test_status_line_after_closing_names_the_next_opening(site, condition_index):
    location = make_location()  # Monday to Friday, 9 to 5
    page = make_locations_page(condition_index, [location])
    friday_evening = datetime.datetime(2024, 7, 5, 16, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=friday_evening):
        soup = BeautifulSoup(render_body(page.pk, site_request(site)), "html.parser")
    status = " ".join(soup.find(class_="physio-location__status").get_text().split())
    assert status == "Closed now – opens Monday at 9 a.m."


def test_editor_text_is_escaped(site, condition_index):
    location = make_location('<script>alert("x")</script>')
    page = make_locations_page(condition_index, [location])
    html = render_body(page.pk, site_request(site))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_all_mode_shows_active_locations_of_this_site_in_order(
    site, condition_index, second_site
):
    make_location("Second", sort_order=2)
    make_location("First", sort_order=1, site=site)
    make_location("Other site", site=second_site)
    make_location("Closed down", is_active=False)
    page = make_locations_page(condition_index, None)
    soup = BeautifulSoup(render_body(page.pk, site_request(site)), "html.parser")
    assert [h.get_text() for h in soup.find_all("h3")] == ["First", "Second"]


def test_chosen_mode_keeps_the_editors_order_and_hides_inactive(site, condition_index):
    a = make_location("Alpha")
    b = make_location("Bravo")
    c = make_location("Charlie", is_active=False)
    page = make_locations_page(condition_index, [b, c, a])
    soup = BeautifulSoup(render_body(page.pk, site_request(site)), "html.parser")
    assert [h.get_text() for h in soup.find_all("h3")] == ["Bravo", "Alpha"]


def test_deleted_location_is_left_out_and_the_page_still_renders(
    client, condition_index
):
    kept = make_location("Kept clinic")
    gone = make_location("Gone clinic")
    page = make_locations_page(condition_index, [gone, kept])
    gone.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept clinic" in html and "Gone clinic" not in html


def test_reference_index_records_the_pages_showing_a_location(condition_index):
    shown = make_location("Shown clinic")
    unused = make_location("Unused clinic")
    page = make_locations_page(condition_index, [shown])
    sources = [obj for obj, _refs in ReferenceIndex.get_grouped_references_to(shown)]
    assert [source.pk for source in sources] == [page.pk]
    assert not ReferenceIndex.get_references_to(unused).exists()


# -- Query budgets ------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("show", ["chosen", "all"])
def test_locations_cost_three_queries_however_many(
    show, count, site, condition_index, django_assert_num_queries
):
    locations = [make_location(f"Clinic {i}") for i in range(count)]
    page = make_locations_page(condition_index, locations if show == "chosen" else None)
    request = site_request(site)
    page = ConditionPage.objects.get(pk=page.pk)
    # One query for the locations, one for all their weekly opening hours, one for
    # all their special opening hours.
    with django_assert_num_queries(3):
        html = "".join(
            child.render(context={"request": request}) for child in page.body
        )
    assert html.count("<table") == count


def test_two_location_blocks_share_one_lookup(
    site, condition_index, django_assert_num_queries
):
    a, b = make_location("Alpha"), make_location("Bravo")
    page = make_locations_page(condition_index, [a])
    page.body = StreamValue(
        page.body.stream_block,
        [locations_block([a]), locations_block([b, a])],
        is_lazy=True,
    )
    page.save_revision().publish()
    page = ConditionPage.objects.get(pk=page.pk)
    with django_assert_num_queries(3):
        html = "".join(
            child.render(context={"request": site_request(site)}) for child in page.body
        )
    assert html.count("<table") == 3


def test_a_page_with_twenty_locations_costs_what_a_page_with_one_does(
    client, settings, clinic, condition_index, django_assert_num_queries
):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    one = make_locations_page(condition_index, [make_location("Only")], title="One")
    baseline = len(request_sql(client, one))
    many = make_locations_page(
        condition_index,
        [make_location(f"Clinic {i}") for i in range(19)]
        + [one.body[0].value["locations"][0]],
        title="Twenty",
        slug="twenty",
    )
    with django_assert_num_queries(baseline):
        response = client.get(many.url)
    assert response.content.decode().count("<table") == 20


# -- {% physio_contact %} -------------------------------------------------------------

CONTACT_TEMPLATE = Template("{% load physio_tags %}{% physio_contact %}")


def render_contact(request):
    return CONTACT_TEMPLATE.render(Context({"request": request}))


def test_contact_panel_shows_main_phone_and_active_locations(site, clinic):
    make_location("Quayside clinic", map_url="https://maps.example/q")
    make_location(
        "Hillside clinic",
        host_building="inside Millbrook Leisure Club",
        phone="0151 496 0314",
    )
    make_location("Closed down", is_active=False)
    soup = BeautifulSoup(render_contact(site_request(site)), "html.parser")
    assert soup.h2.get_text() == "Get in touch"
    assert soup.find("a", href="tel:+441514960100").get_text() == "0151 496 0100"
    assert soup.find("a", href="mailto:hello@clinic.example")
    addresses = [" ".join(a.get_text().split()) for a in soup.find_all("address")]
    assert len(addresses) == 2
    # Listed by sort order, then name.
    assert addresses[0].startswith("Hillside clinic inside Millbrook Leisure Club")
    assert "0151 496 0314" in addresses[0]
    assert "Closed down" not in soup.get_text()
    assert (
        soup.find("a", href="https://maps.example/q").get_text()
        == "Map of Quayside clinic"
    )


@pytest.mark.parametrize("count", [1, 20])
def test_contact_panel_costs_the_same_however_many_locations(
    count, site, clinic, django_assert_num_queries
):
    for i in range(count):
        make_location(f"Clinic {i}")
    request = site_request(site)
    # The contact settings, the locations, their weekly and special hours (loaded
    # with them so the clinic's structured data can reuse the same list).
    with django_assert_num_queries(4):
        html = render_contact(request)
    assert html.count("<address>") == count
    # A second reader on the same request, such as the structured data, is free.
    with django_assert_num_queries(0):
        render_contact(request)


def test_contact_panel_heading_can_be_changed(site):
    make_location("Quayside clinic")
    template = Template(
        '{% load physio_tags %}{% physio_contact heading="Contact us" %}'
    )
    html = template.render(Context({"request": site_request(site)}))
    assert BeautifulSoup(html, "html.parser").h2.get_text() == "Contact us"


def test_contact_panel_renders_nothing_until_there_is_something_to_show(site):
    # No empty "Get in touch" heading in a new site's footer.
    assert render_contact(site_request(site)).strip() == ""
    make_location("Quayside clinic")
    html = render_contact(site_request(site))
    assert "Get in touch" in html
    # No main phone or email is configured, so only the location shows.
    assert "physio-contact__main" not in html
    assert "Quayside clinic" in html
