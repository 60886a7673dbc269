import pytest
from bs4 import BeautifulSoup

from home.demo_content import load_demo_content
from wagtail_physio.models import ClinicLocation, ConditionPage

pytestmark = pytest.mark.django_db


def test_demo_locations_load_once_and_show_on_back_surgery(client, settings):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    load_demo_content()
    load_demo_content()  # idempotent: nothing is added twice

    assert ClinicLocation.objects.count() == 2
    page = ConditionPage.objects.get(slug="back-surgery")
    blocks = [b for b in page.body if b.block_type == "clinic_locations"]
    assert len(blocks) == 1
    assert page.body[-1].block_type == "clinic_locations"

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    main, footer = soup.find("main"), soup.find("footer", class_="site-footer")
    locations_section = main.find("section", class_="physio-locations")
    names = [h.get_text() for h in locations_section.find_all("h3")]
    assert names == ["Quayside clinic", "Millbrook clinic"]
    assert "inside Millbrook Leisure Club" in main.get_text()
    for location in ClinicLocation.objects.all():
        # Fiction-range numbers only: 0151 496 0000 to 0999.
        assert location.phone_number.e164.startswith("+441514960")
        assert footer.find("a", href=location.phone_number.tel_url)
    assert footer.find("a", href="tel:+441514960312")
