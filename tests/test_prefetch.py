"""A page view loads what its blocks refer to once per model; what shows is unchanged."""

import pytest

from tests.factories import (
    full_body,
    locations_block,
    make_condition_page,
    make_image,
    make_location,
    make_private_page,
    page_soup,
    request_sql,
)
from wagtail_physio.blocks import ConditionStreamBlock
from wagtail_physio.core.bulk_loading import stream_ids

pytestmark = pytest.mark.django_db


def page_queries(client, page, table):
    return [sql for sql in request_sql(client, page) if f'FROM "{table}"' in sql]


def test_stream_ids_finds_every_chosen_object_by_model(condition_index):
    image = make_image("Stretch")
    linked = make_condition_page(condition_index, title="Sciatica")
    location = make_location("Quayside clinic")
    page = make_condition_page(
        condition_index,
        body=[*full_body(image, linked), locations_block([location])],
    )
    page.refresh_from_db()
    found = {
        model.__name__: ids for model, (_block, ids) in stream_ids(page.body).items()
    }
    assert found == {
        "Page": {linked.pk},
        "Image": {image.pk},
        "ClinicLocation": {location.pk},
    }


def test_converted_stream_needs_no_walk():
    # A stream built in memory (a preview) already holds its objects.
    stream = ConditionStreamBlock().to_python([])
    stream.is_lazy = False
    assert stream_ids(stream) == {}


def test_a_private_page_loads_with_the_others_but_is_linked_from_nothing(
    client, condition_index
):
    private = make_private_page(condition_index)
    page = make_condition_page(
        condition_index,
        title="Back surgery",
        body=full_body(linked_page=private),
        related_conditions=[("condition", private)],
    )
    # One query loads the page for the procedure, the treatment and the related list.
    by_id = [
        sql
        for sql in page_queries(client, page, "wagtailcore_page")
        if '"wagtailcore_page"."id" IN (' in sql
    ]
    assert len(by_id) == 1

    soup = page_soup(client, page)
    links = [a["href"] for a in soup.select(".physio-procedures__link a")]
    assert links == ["https://example.com/fusion"]
    assert soup.select_one("a.physio-treatments__name") is None
    assert soup.find("nav", class_="physio-related") is None


def test_hero_and_body_image_may_be_the_same_image(client, condition_index):
    image = make_image("Stretch", width=900)
    page = make_condition_page(condition_index, body=full_body(image), hero_image=image)
    soup = page_soup(client, page)
    assert len(soup.select("img[srcset]")) == 2
    assert len(page_queries(client, page, "wagtailimages_rendition")) == 1


def test_chosen_locations_follow_their_site_and_active_flag(
    client, condition_index, second_site
):
    here = make_location("Quayside clinic")
    elsewhere = make_location("Hillside clinic", site=second_site)
    closed = make_location("Old clinic", is_active=False)
    page = make_condition_page(
        condition_index, body=[locations_block([elsewhere, closed, here])]
    )
    soup = page_soup(client, page)
    names = [h.get_text() for h in soup.select(".physio-location__name")]
    # A location kept for another site shows only there ("Show this clinic on one
    # site only"); an inactive one never does.
    assert names == ["Quayside clinic"]
