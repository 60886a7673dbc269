"""The demo clinic loads idempotently and shows off every block."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.images import get_image_model

from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_cached_site_paths():
    """The demo re-roots the default site; Wagtail caches site root paths in the
    cache, which the test's database rollback does not undo."""
    yield
    cache.clear()


def test_demo_command_twice_adds_nothing_the_second_time(client):
    call_command("demo", no_serve=True, verbosity=0)
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
    call_command("demo", no_serve=True, verbosity=0)
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
    call_command("demo", no_serve=True, verbosity=0)
    for slug in ("knee-replacement", "sciatica"):
        page = ConditionPage.objects.get(slug=slug)
        types = [block.block_type for block in page.body]
        assert 3 <= len(types) <= 6
        assert client.get(page.url).status_code == 200
