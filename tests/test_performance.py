"""Query budgets: a condition page costs the same queries whatever its length."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from tests.factories import make_image, make_long_condition_page, page_html
from wagtail_physio.blocks import ResponsiveImageChooserBlock

pytestmark = pytest.mark.django_db

#: An anonymous visit to a condition page with every block, whatever its length:
#: site (1), routing to the page (3: the index reads its child condition page in
#: one query) and its privacy checks (2), the hero and every
#: body image with their renditions (1), every page linked from procedures and
#: treatments together with the related conditions (1), site root paths for page
#: URLs (1), the breadcrumb trail (1), the clinic's contact settings (1) and its
#: locations with their weekly and special opening hours (3), shared by the structured data and every
#: locations block, chosen or not.
CONDITION_PAGE_QUERIES = 14

#: How many times the long page repeats every block. Each copy brings its own
#: image, linked page and location (an "all active" and a "chosen" locations block
#: each), so any per-item query would show as soon as there are two.
COPIES = [1, 3]


def measured_visit(client, page, django_assert_num_queries, expected):
    # The first visit generates renditions, as any first visitor would. Then the
    # cache is emptied so the count does not depend on what earlier visits left.
    page_html(client, page)
    cache.clear()
    with django_assert_num_queries(expected):
        return page_html(client, page)


@pytest.mark.parametrize("copies", COPIES)
def test_condition_page_queries_do_not_grow_with_content(
    client, condition_index, clinic, django_assert_num_queries, copies
):
    page = make_long_condition_page(condition_index, f"page-{copies}", copies)
    html = measured_visit(
        client, page, django_assert_num_queries, CONDITION_PAGE_QUERIES
    )
    # The content really is there, several times over for the long page.
    assert html.count('class="physio-figure physio-captioned-image"') == copies
    assert html.count("srcset=") == copies + 1  # the hero too
    assert html.count("physio-procedures__link") == 2 * copies
    # Per copy: a table per active location (copies of them), then its own.
    assert html.count('class="physio-hours"') == copies * (copies + 1)
    related = BeautifulSoup(html, "html.parser").select(".physio-related__list a")
    assert len(related) == copies


@pytest.mark.parametrize("copies", COPIES)
def test_clinic_phone_fallback_costs_nothing_extra_for_any_number_of_calls_to_action(
    client, condition_index, clinic, django_assert_num_queries, copies
):
    # The contact settings are loaded once per request and shared with the
    # structured data, so falling back to the clinic's phone adds no query.
    page = make_long_condition_page(
        condition_index, f"fallback-{copies}", copies, phone=""
    )
    html = measured_visit(
        client, page, django_assert_num_queries, CONDITION_PAGE_QUERIES
    )
    assert html.count('href="tel:+441514960100"') == copies


def test_image_chooser_loads_shown_images_with_renditions_in_one_query(
    django_assert_num_queries,
):
    images = [make_image(f"Photo {n}", width=900) for n in range(5)]
    for image in images:
        image.get_renditions("width-480", "width-800", "width-1200")
    block = ResponsiveImageChooserBlock()
    ids = [image.pk for image in images] + [images[0].pk, None]

    with django_assert_num_queries(1):
        loaded = block.bulk_to_python(ids)
        for image in loaded[:6]:
            image.get_renditions("width-480", "width-800")

    assert [image.pk for image in loaded[:6]] == ids[:6]
    assert loaded[6] is None
    assert loaded[0] is not loaded[5]  # the repeated image is its own instance


def test_image_chooser_loads_new_and_deleted_images_in_bulk_too(
    django_assert_num_queries,
):
    shown = make_image("Shown", width=900)
    shown.get_renditions("width-480", "width-800", "width-1200")
    new = [make_image(f"New {n}") for n in range(3)]
    ids = [shown.pk, *[image.pk for image in new], 999999]

    # Renditions (1), then the images that had none, with a renditions prefetch (2).
    with django_assert_num_queries(3):
        loaded = ResponsiveImageChooserBlock().bulk_to_python(ids)

    assert [image.pk for image in loaded[:4]] == ids[:4]
    assert loaded[4] is None


def test_block_with_no_images_or_page_links_costs_no_queries(django_assert_num_queries):
    from wagtail_physio.blocks import TreatmentListBlock

    raw = {
        "heading": "Treatments",
        "treatments": [{"name": "Massage", "description": "", "page": None}] * 3,
    }
    with django_assert_num_queries(0):
        TreatmentListBlock().bulk_to_python([raw, raw])
        ResponsiveImageChooserBlock().bulk_to_python([None, None])
