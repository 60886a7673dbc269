"""Condition pages in the Wagtail API v2: blocks, images and locations as objects."""

import copy
import datetime
import os
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Site

from tests.factories import (
    full_body,
    locations_block,
    make_condition_index,
    make_condition_page,
    make_image,
    make_location,
    make_long_condition_page,
    make_private_page,
    shared_test_data,
)
from wagtail_physio.models import ConditionCategory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=wagtail_physio.ConditionPage&fields=*"
# Monday 1 July 2024, 10:00 in London (BST).
MONDAY_MORNING = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)
SUNDAY_MORNING = datetime.datetime(2024, 6, 30, 9, 0, tzinfo=datetime.UTC)


def detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def blocks_of(data, block_type):
    return [child["value"] for child in data["body"] if child["type"] == block_type]


def build_full_page(condition_index):
    """A condition page with every block, a hero image and a chosen location."""
    linked = make_condition_page(condition_index, title="Knee replacement")
    location = make_location(
        "Quayside clinic",
        host_building="inside Riverside Leisure Club",
        address_line_2="Dockside",
        latitude="53.401234",
        longitude="-2.987654",
        email="quayside@example.com",
        hours=[(0, "09:00", "12:30"), (0, "13:30", "17:00"), (2, "08:00", "12:00")],
    )
    body = [
        *full_body(make_image("Stretch", width=1000, height=600), linked),
        locations_block(),
        locations_block([location], heading="Our Quayside clinic"),
    ]
    return make_condition_page(
        condition_index,
        title="Back surgery",
        body=body,
        hero_image=make_image("Hero", width=900, height=600),
        hero_image_alt="A physiotherapist guiding a stretch",
        hero_caption="Week two of rehab",
        related_conditions=[("condition", linked)],
        reviewer_name="Sam Patel",
        reviewer_role="Senior physiotherapist",
        last_reviewed=datetime.date(2024, 5, 20),
    )


@pytest.fixture(scope="class")
def shared_full_page(django_db_setup, django_db_blocker, tmp_path_factory):
    """``full_page`` made once for each class using it, with its images in a media
    folder of its own (see ``shared_test_data``). A first request has made the
    images' renditions, as the first visitor's would."""
    media = str(tmp_path_factory.mktemp("full-page-media"))
    with override_settings(MEDIA_ROOT=media), shared_test_data(django_db_blocker):
        index = make_condition_index(Site.objects.get(is_default_site=True).root_page)
        page = build_full_page(index)
        detail(Client(), page)
        yield {"page": page, "index": index, "media": media}


class TestConditionPageDetail:
    """What the API says of a page with every block; the tests only read it, or
    change it in their own transaction (none deletes a file)."""

    @pytest.fixture
    def shared(self, shared_full_page, db):
        return copy.deepcopy(shared_full_page)

    @pytest.fixture
    def full_page(self, shared):
        return shared["page"]

    @pytest.fixture
    def condition_index(self, shared):
        return shared["index"]

    @pytest.fixture
    def media_root(self, shared, settings):
        settings.MEDIA_ROOT = shared["media"]
        return settings.MEDIA_ROOT

    def test_captioned_image_has_its_srcset_renditions(
        self, client, full_page, media_root
    ):
        (figure,) = blocks_of(detail(client, full_page), "image")

        image = figure["image"]
        assert (image["title"], image["width"], image["height"]) == (
            "Stretch",
            1000,
            600,
        )
        # IMAGE_WIDTHS is 480, 800, 1200; the original is 1000 wide and never upscaled.
        assert [r["width"] for r in image["renditions"]] == [480, 800, 1000]
        assert [r["height"] for r in image["renditions"]] == [288, 480, 600]
        for rendition in image["renditions"]:
            assert rendition["url"].startswith("/media/images/")
            assert rendition["full_url"].endswith(rendition["url"])
            # The URL points at a file that exists.
            path = rendition["url"].removeprefix("/media/")
            assert os.path.exists(os.path.join(media_root, path))
        assert figure["alt"] == "A patient stretching"
        assert figure["decorative"] is False
        assert figure["caption"] == "Stretching at home"
        assert figure["attribution"] == "Photo: A. Jones"

    def test_hero_image_is_an_object_with_alt_caption_and_renditions(
        self, client, full_page
    ):
        hero = detail(client, full_page)["hero_image"]

        assert hero["id"] == full_page.hero_image_id
        assert hero["alt"] == "A physiotherapist guiding a stretch"
        assert hero["caption"] == "Week two of rehab"
        assert [r["width"] for r in hero["renditions"]] == [480, 800, 900]

    def test_procedure_and_treatment_links_are_page_objects(self, client, full_page):
        data = detail(client, full_page)
        (procedures,) = blocks_of(data, "procedures")
        (treatments,) = blocks_of(data, "treatments")
        linked = full_page.get_parent().get_children().get(title="Knee replacement")

        discectomy, fusion = procedures["procedures"]
        assert discectomy["page"] == {
            "id": linked.pk,
            "title": "Knee replacement",
            "url": "/conditions/knee-replacement/",
            "html_url": "http://localhost/conditions/knee-replacement/",
        }
        assert discectomy["link_url"] == "/conditions/knee-replacement/"
        assert fusion["page"] is None
        assert fusion["link_url"] == "https://example.com/fusion"
        assert treatments["treatments"][0]["page"]["id"] == linked.pk
        assert treatments["treatments"][1]["page"] is None

    def test_locations_are_objects_with_contact_details_and_hours(
        self, client, full_page
    ):
        with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
            data = detail(client, full_page)
        all_active, chosen = blocks_of(data, "clinic_locations")

        assert all_active["show"] == "all"
        assert [loc["name"] for loc in all_active["locations"]] == ["Quayside clinic"]
        assert chosen["heading"] == "Our Quayside clinic"
        (location,) = chosen["locations"]
        assert location["host_building"] == "inside Riverside Leisure Club"
        assert location["address_lines"] == [
            "12 Chandlers Row",
            "Dockside",
            "Riverton",
            "RV1 4QT",
        ]
        assert (location["town"], location["postcode"], location["country"]) == (
            "Riverton",
            "RV1 4QT",
            "GB",
        )
        assert location["phone"] == {
            "display": "0151 496 0313",
            "e164": "+441514960313",
        }
        assert location["email"] == "quayside@example.com"
        assert (location["latitude"], location["longitude"]) == (53.401234, -2.987654)
        assert "53.401234" in location["map_url"]
        assert location["opening_hours"] == [
            {"weekday": 0, "day": "Monday", "opens": "09:00", "closes": "12:30"},
            {"weekday": 0, "day": "Monday", "opens": "13:30", "closes": "17:00"},
            {"weekday": 2, "day": "Wednesday", "opens": "08:00", "closes": "12:00"},
        ]
        assert location["open_now"] is True

    def test_open_now_is_false_outside_opening_hours(self, client, full_page):
        with mock.patch("django.utils.timezone.now", return_value=SUNDAY_MORNING):
            data = detail(client, full_page)
        _all_active, chosen = blocks_of(data, "clinic_locations")
        assert chosen["locations"][0]["open_now"] is False

    def test_call_to_action_phone_is_parsed(self, client, full_page):
        (cta,) = blocks_of(detail(client, full_page), "call_to_action")

        assert cta["phone"] == {"display": "0151 496 0123", "e164": "+441514960123"}
        assert cta["booking_url"] == "https://example.com/book"
        assert cta["button_label"] == "Book now"

    def test_review_fields_subject_and_related_conditions(self, client, full_page):
        data = detail(client, full_page)

        assert data["reviewer_name"] == "Sam Patel"
        assert data["reviewer_role"] == "Senior physiotherapist"
        assert data["last_reviewed"] == "2024-05-20"
        assert data["next_review_due"] == full_page.next_review_due.isoformat()
        assert data["subject_type"] == "MedicalCondition"
        assert [page["title"] for page in data["related_conditions"]] == [
            "Knee replacement"
        ]
        assert data["related_conditions"][0]["url"] == "/conditions/knee-replacement/"

    def test_listing_shows_live_public_condition_pages_with_every_field(
        self, client, condition_index, full_page
    ):
        draft = make_condition_page(condition_index, title="Hip pain", publish=False)
        private = make_private_page(condition_index, title="Staff only", password="x")

        response = client.get(LISTING)

        assert response.status_code == 200
        items = {item["title"]: item for item in response.json()["items"]}
        assert set(items) == {"Back surgery", "Knee replacement"}
        back = items["Back surgery"]
        assert back["hero_image"]["alt"] == "A physiotherapist guiding a stretch"
        assert blocks_of(back, "image")[0]["image"]["renditions"]
        assert back["related_conditions"][0]["title"] == "Knee replacement"
        # Drafts and private pages cannot be fetched directly either.
        assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
        assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404

    def test_deleted_image_drops_the_figure_and_the_hero(self, client, full_page):
        full_page.hero_image.delete()
        full_page.body[6].value["image"].delete()

        data = detail(client, full_page)

        assert blocks_of(data, "image") == []
        assert data["hero_image"] is None
        # The rest of the page is all there.
        assert len(data["body"]) == len(full_page.body) - 1

    def test_deleted_or_unpublished_linked_page_becomes_null(self, client, full_page):
        linked = full_page.get_parent().get_children().get(title="Knee replacement")
        linked.specific.unpublish()

        data = detail(client, full_page)
        (procedures,) = blocks_of(data, "procedures")
        assert procedures["procedures"][0]["page"] is None
        assert procedures["procedures"][0]["link_url"] is None
        assert data["related_conditions"] == []

        linked.delete()
        data = detail(client, full_page)
        (treatments,) = blocks_of(data, "treatments")
        assert treatments["treatments"][0]["page"] is None
        assert data["related_conditions"] == []


def test_call_to_action_falls_back_to_the_clinic_phone_and_default_label(
    client, condition_index, clinic
):
    body = full_body(phone="")
    body[-1]["value"]["button_label"] = ""
    page = make_condition_page(condition_index, body=body)

    (cta,) = blocks_of(detail(client, page), "call_to_action")

    assert cta["phone"] == {"display": "0151 496 0100", "e164": "+441514960100"}
    assert cta["button_label"] == "Book online"


def test_categories_are_names_and_slugs_in_sort_order(client, condition_index):
    knee = ConditionCategory.objects.create(name="Knee", sort_order=2)
    spine = ConditionCategory.objects.create(name="Back and spine", sort_order=1)
    page = make_condition_page(condition_index, categories=[knee, spine])

    assert detail(client, page)["categories"] == [
        {"id": spine.pk, "name": "Back and spine", "slug": "back-and-spine"},
        {"id": knee.pk, "name": "Knee", "slug": "knee"},
    ]


def test_index_page_exposes_its_intro(client, condition_index):
    condition_index.intro = "<p>Conditions we <b>treat</b>.</p>"
    condition_index.save_revision().publish()

    response = client.get(
        "/api/v2/pages/?type=wagtail_physio.ConditionIndexPage&fields=intro"
    )

    (item,) = response.json()["items"]
    assert "Conditions we <b>treat</b>." in item["intro"]


# -- Content that has gone since the editor chose it ------------------------


@pytest.fixture
def full_page(condition_index):
    """``build_full_page`` for one test alone: its files are its own to delete."""
    return build_full_page(condition_index)


def test_image_whose_file_is_gone_is_dropped(client, full_page):
    image = full_page.body[6].value["image"]
    image.renditions.all().delete()
    os.remove(image.file.path)

    assert blocks_of(detail(client, full_page), "image") == []


def test_deleted_and_inactive_locations_are_left_out(client, condition_index):
    gone, closed, kept = (
        make_location("Gone"),
        make_location("Closed", is_active=False),
        make_location("Kept"),
    )
    page = make_condition_page(
        condition_index, body=[locations_block([gone, closed, kept])]
    )
    gone.delete()

    (block,) = blocks_of(detail(client, page), "clinic_locations")

    assert [location["name"] for location in block["locations"]] == ["Kept"]


# -- Query budgets ----------------------------------------------------------

#: The detail endpoint for a condition page with every block, whatever its length.
#: Wagtail's API itself (8): the site, view restrictions and the page, looked up
#: twice, and the parent check. Then the page's own data (9): its locale (1, in
#: place of Wagtail's own lookup), the hero image with renditions (1), body images
#: with renditions (1), every page the body and related conditions link to (1),
#: the related pages' view restrictions (1), categories (1), the clinic's contact
#: settings for the phone fallback (1), the site's active locations with their
#: weekly and special hours (3, shared by every locations block, chosen or "all
#: active").
DETAIL_QUERIES = 18


# Any per-item query shows as soon as there are two of each (see test_performance).
@pytest.mark.parametrize("copies", [1, 3])
def test_detail_queries_do_not_grow_with_content(
    client, condition_index, clinic, django_assert_num_queries, copies
):
    page = make_long_condition_page(condition_index, f"page-{copies}", copies, phone="")
    detail(client, page)  # the first request generates renditions
    cache.clear()

    with django_assert_num_queries(DETAIL_QUERIES):
        data = detail(client, page)

    # The content really is there, several times over for the long page.
    assert len(blocks_of(data, "image")) == copies
    assert all(f["image"]["renditions"] for f in blocks_of(data, "image"))
    assert len(blocks_of(data, "clinic_locations")) == 2 * copies
    assert len(data["related_conditions"]) == copies


#: A page of listing results with every field, whatever the number of pages:
#: Wagtail's listing with a child_of filter (10: sites, view restrictions, the
#: parent, the count, the pages and the first page's locale, which the others
#: share) and, for all listed pages at once, hero images with renditions (1), body
#: images with renditions (1), every linked page (1) and their view restrictions
#: (1), categories (1), the site's locations with their weekly and special hours
#: (3).
LISTING_QUERIES = 18


@pytest.mark.parametrize("count", [1, 20])
def test_listing_with_every_field_costs_the_same_for_1_and_20_pages(
    client, condition_index, django_assert_num_queries, count
):
    knee = ConditionCategory.objects.create(name="Knee")
    other_index = make_condition_index(condition_index.get_parent(), slug="more")
    related = make_condition_page(other_index, title="Related")
    hero, body_image = make_image("Hero"), make_image("Body")
    location = make_location("Quayside clinic")
    body = [*full_body(body_image, related), locations_block([location])]
    for n in range(count):
        make_condition_page(
            condition_index,
            title=f"Condition {n}",
            hero_image=hero,
            categories=[knee],
            related_conditions=[("condition", related)],
            body=body,
        )
    url = f"{LISTING}&child_of={condition_index.pk}&limit=20"
    client.get(url)  # the first request generates renditions
    cache.clear()

    with django_assert_num_queries(LISTING_QUERIES):
        items = client.get(url).json()["items"]

    assert len(items) == count
    for item in items:
        assert item["meta"]["locale"] == "en-gb"
        assert item["hero_image"]["renditions"]
        assert item["categories"][0]["slug"] == "knee"
        assert item["related_conditions"][0]["title"] == "Related"
        types = [block["type"] for block in item["body"]]
        assert types[-1] == "clinic_locations"
        image = next(block for block in item["body"] if block["type"] == "image")
        assert image["value"]["image"]["renditions"]
        procedures = next(b for b in item["body"] if b["type"] == "procedures")
        assert procedures["value"]["procedures"][0]["page"]["title"] == "Related"
        locations = item["body"][-1]["value"]["locations"]
        assert [place["name"] for place in locations] == ["Quayside clinic"]
