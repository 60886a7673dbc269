"""The demo clinic loads idempotently and shows off every block, review
governance, finding aids, its locations and its notice.

The demo is loaded once for the package, by ``manage.py demo`` as a developer
would (see ``demo_site``). Each test loads it a second time itself, so every test
still proves that loading twice adds and resets nothing.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.images import get_image_model

from home.demo_content import load_demo_content
from tests.factories import notice_texts
from wagtail_physio.models import (
    ClinicLocation,
    ConditionCategory,
    ConditionPage,
    NoticeBanner,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_command_twice_adds_nothing_the_second_time():
    pages = sorted(ConditionPage.objects.values_list("slug", flat=True))
    images = get_image_model().objects.count()
    bodies = {
        page.slug: list(page.body.raw_data) for page in ConditionPage.objects.all()
    }

    call_command("demo", no_serve=True, verbosity=0)

    assert sorted(ConditionPage.objects.values_list("slug", flat=True)) == pages
    assert pages == ["back-surgery", "knee-replacement", "sciatica"]
    assert get_image_model().objects.count() == images
    for page in ConditionPage.objects.all():
        assert list(page.body.raw_data) == bodies[page.slug]


def test_back_surgery_demo_uses_every_block_and_renders(client):
    load_demo_content()
    page = ConditionPage.objects.get(slug="back-surgery")
    used = {block.block_type for block in page.body}
    assert used == set(page.body.stream_block.child_blocks)

    procedures = next(b for b in page.body if b.block_type == "procedures")
    assert [p["name"] for p in procedures.value["procedures"]] == [
        "Decompression",
        "Discectomy",
        "Fusion",
        "Laminectomy",
        "Fracture fixation",
        "Selective dorsal rhizotomy",
    ]
    aims = next(b for b in page.body if b.block_type == "aims")
    assert aims.value["overall_aim"]

    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="tel:+441514960451"' in html
    # The discectomy entry links to the live sciatica page.
    assert f'href="{ConditionPage.objects.get(slug="sciatica").url}"' in html


def test_other_demo_pages_are_short_but_use_blocks(client):
    load_demo_content()
    for slug in ("knee-replacement", "sciatica"):
        page = ConditionPage.objects.get(slug=slug)
        types = [block.block_type for block in page.body]
        assert 3 <= len(types) <= 6
        assert client.get(page.url).status_code == 200


def test_demo_content_has_categories_related_pages_and_one_overdue_page(admin_client):
    load_demo_content()  # idempotent: nothing duplicated, nothing reset

    assert ConditionCategory.objects.count() == 3
    back = ConditionPage.objects.get(slug="back-surgery")
    assert [p.title for p in back.get_related_conditions()] == [
        "Sciatica",
        "Knee replacement",
    ]
    assert {c.slug for c in back.categories.all()} == {
        "back-and-spine",
        "after-surgery",
    }
    assert back.reviewer_name

    response = admin_client.get("/admin/physio/reviews-due/?status=overdue")
    assert [page.title for page in response.context["object_list"]] == ["Back surgery"]

    index_html = admin_client.get(back.get_parent().url + "?category=knee").content
    assert b"Knee replacement" in index_html
    assert b"Sciatica" not in index_html


def test_demo_locations_load_once_and_show_on_back_surgery(client, settings):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
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


def test_demo_notice_is_loaded_once_and_shown_on_every_page(client, settings):
    # The project's base template places the banner tag.
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    load_demo_content()
    assert NoticeBanner.objects.count() == 1
    expected = [
        "Urgent notice: Online booking is unavailable while we move to a new "
        "system. Please call us to book: the online booking discount still "
        "applies. Call 0151 496 0312"
    ]
    assert notice_texts(client.get("/")) == expected
    for page in ConditionPage.objects.live():
        assert notice_texts(client.get(page.url)) == expected
