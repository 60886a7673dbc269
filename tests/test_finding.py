"""Finding conditions: A–Z index, categories, search, pagination, related pages, contents."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import (
    heading,
    make_condition_index,
    make_condition_page,
    make_live_condition,
    make_private_page,
    shared_test_data,
    soup,
)
from wagtail_physio.conditions.listing import index_letter
from wagtail_physio.models import ConditionCategory, ConditionPage

pytestmark = pytest.mark.django_db


def make_categories():
    return {
        "back": ConditionCategory.objects.create(
            name="Back and spine", sort_order=1, description="Pain in the back."
        ),
        "knee": ConditionCategory.objects.create(name="Knee", sort_order=2),
        "surgery": ConditionCategory.objects.create(name="After surgery", sort_order=3),
        "unused": ConditionCategory.objects.create(name="Hand and wrist"),
    }


@pytest.fixture
def categories(db):
    return make_categories()


def make_conditions(index, categories):
    back, knee, surgery = categories["back"], categories["knee"], categories["surgery"]
    return {
        "back surgery": make_live_condition(index, "Back surgery", [back, surgery]),
        "knee replacement": make_live_condition(
            index, "Knee replacement", [knee, surgery]
        ),
        "sciatica": make_live_condition(
            index,
            "Sciatica",
            [back],
            summary="Tingling and pain that travels down the leg.",
        ),
        "anterior knee pain": make_live_condition(index, "anterior knee pain", [knee]),
        "3d gait": make_live_condition(index, "3D gait analysis"),
    }


@pytest.fixture(scope="class")
def shared_conditions(django_db_setup, django_db_blocker):
    """The index with five conditions in three categories (and one unused), made
    once for each class using them (see ``shared_test_data``)."""
    with shared_test_data(django_db_blocker):
        index = make_condition_index(Site.objects.get(is_default_site=True).root_page)
        yield {"index": index, "conditions": make_conditions(index, make_categories())}


def nav_letters(page):
    nav = page.find("nav", attrs={"aria-label": "Conditions A to Z"})
    return {
        item.get_text(strip=True): (item.a["href"] if item.a else None)
        for item in nav.find_all("li")
    }


def listed_titles(page):
    return [
        h.get_text(strip=True) for h in page.select(".physio-condition-list__title")
    ]


# A–Z ------------------------------------------------------------------------


def test_index_letter_ignores_case_and_accents():
    assert index_letter("anterior knee pain") == "A"
    assert index_letter("Épicondylitis") == "E"
    assert index_letter("3D gait analysis") == "0–9"
    assert index_letter("  ") == "0–9"


class TestListing:
    """The index page over one set of conditions: A to Z (by letter, with its
    categories), category filters, search and pagination. The tests only read
    the conditions."""

    @pytest.fixture
    def shared(self, shared_conditions, db):
        return copy.deepcopy(shared_conditions)

    @pytest.fixture
    def condition_index(self, shared):
        return shared["index"]

    @pytest.fixture
    def conditions(self, shared):
        return shared["conditions"]

    def test_index_groups_conditions_a_to_z_with_letter_nav(
        self, client, condition_index, conditions
    ):
        page = soup(client.get(condition_index.url))

        letters = nav_letters(page)
        assert letters["A"] == "#letter-a"
        assert letters["B"] == "#letter-b"
        assert letters["0–9"] == "#letter-0-9"
        assert letters["C"] is None
        assert letters["Z"] is None
        assert list(letters)[:2] == ["0–9", "A"]
        # Letters without conditions are plain text, not links.
        empty = page.select(".physio-az__empty")
        assert {span.get_text() for span in empty} >= {"C", "Z"}

        assert [
            h2.get_text() for h2 in page.select("h2.physio-condition-group__letter")
        ] == [
            "0–9",
            "A",
            "B",
            "K",
            "S",
        ]
        group_a = page.find("h2", id="letter-a").find_parent("section")
        assert [h3.get_text(strip=True) for h3 in group_a.find_all("h3")] == [
            "anterior knee pain"
        ]
        assert listed_titles(page) == [
            "3D gait analysis",
            "anterior knee pain",
            "Back surgery",
            "Knee replacement",
            "Sciatica",
        ]

    def test_index_shows_each_conditions_categories(
        self, client, condition_index, conditions
    ):
        page = soup(client.get(condition_index.url))
        item = page.find("a", string="Back surgery").find_parent("li")
        assert [tag.get_text() for tag in item.select(".physio-tag")] == [
            "Back and spine",
            "After surgery",
        ]

    def test_category_links_filter_the_list(self, client, condition_index, conditions):
        page = soup(client.get(condition_index.url))
        nav = page.find("nav", attrs={"aria-label": "Filter by category"})
        links = {a.get_text(): a["href"] for a in nav.find_all("a")}
        # Only categories used by a listed condition, in the editors' sort order.
        assert list(links) == [
            "All conditions",
            "Back and spine",
            "Knee",
            "After surgery",
        ]

        filtered = soup(client.get(condition_index.url + links["Knee"]))
        assert listed_titles(filtered) == ["anterior knee pain", "Knee replacement"]
        current = filtered.find("a", attrs={"aria-current": "true"})
        assert current.get_text() == "Knee"
        assert "2 conditions in Knee." in filtered.get_text()
        assert nav_letters(filtered)["B"] is None

    def test_category_description_is_shown_when_filtering(
        self, client, condition_index, conditions
    ):
        html = client.get(
            condition_index.url + "?category=back-and-spine"
        ).content.decode()
        assert "Pain in the back." in html

    def test_unknown_category_lists_nothing_and_offers_the_full_list(
        self, client, condition_index, conditions
    ):
        page = soup(client.get(condition_index.url + "?category=nonsense"))
        assert listed_titles(page) == []
        assert page.find("a", string="Show all conditions")["href"] == "?"

    def test_search_finds_conditions_by_summary_text(
        self, client, condition_index, conditions
    ):
        page = soup(client.get(condition_index.url + "?q=tingling"))
        assert listed_titles(page) == ["Sciatica"]
        assert "1 condition matches “tingling”." in page.get_text()
        form = page.find("form", attrs={"role": "search"})
        assert form["method"] == "get"
        assert form.find("input", attrs={"name": "q"})["value"] == "tingling"

    def test_search_within_a_category(self, client, condition_index, conditions):
        page = soup(client.get(condition_index.url + "?q=knee&category=after-surgery"))
        assert listed_titles(page) == ["Knee replacement"]
        # The search form keeps the category when searching again.
        assert (
            page.find("input", attrs={"name": "category"})["value"] == "after-surgery"
        )

    def test_search_with_no_match_says_so(self, client, condition_index, conditions):
        page = soup(client.get(condition_index.url + "?q=zzzz"))
        assert listed_titles(page) == []
        assert "No conditions match." in page.get_text()

    def test_search_query_is_escaped(self, client, condition_index, conditions):
        html = client.get(
            condition_index.url + "?q=<script>x</script>"
        ).content.decode()
        assert "<script>x</script>" not in html

    def test_pagination_applies_a_to_z_within_each_page(
        self, client, condition_index, conditions, settings
    ):
        settings.WAGTAIL_PHYSIO = {"CONDITIONS_PER_PAGE": 2}

        first = soup(client.get(condition_index.url))
        assert listed_titles(first) == ["3D gait analysis", "anterior knee pain"]
        letters = nav_letters(first)
        assert letters["A"] == "#letter-a"
        # A letter listed on a later page links to that page.
        assert letters["K"] == "?page=2#letter-k"
        assert letters["S"] == "?page=3#letter-s"
        pagination = first.find("nav", attrs={"aria-label": "Pages of conditions"})
        assert pagination.find("a", attrs={"aria-current": "page"}).get_text(
            " ", strip=True
        ) == ("Page 1")
        assert pagination.find("a", attrs={"rel": "next"})["href"] == "?page=2"

        second = soup(client.get(condition_index.url + "?page=2"))
        assert listed_titles(second) == ["Back surgery", "Knee replacement"]
        assert [
            h2["id"] for h2 in second.select("h2.physio-condition-group__letter")
        ] == [
            "letter-b",
            "letter-k",
        ]
        assert nav_letters(second)["A"] == "?page=1#letter-a"

    def test_pagination_keeps_filters_and_survives_bad_page_numbers(
        self, client, condition_index, conditions, settings
    ):
        settings.WAGTAIL_PHYSIO = {"CONDITIONS_PER_PAGE": 1}
        page = soup(client.get(condition_index.url + "?category=knee"))
        next_link = page.find("a", attrs={"rel": "next"})["href"]
        assert next_link == "?category=knee&page=2"
        assert listed_titles(soup(client.get(condition_index.url + "?page=abc"))) == [
            "3D gait analysis"
        ]
        assert listed_titles(soup(client.get(condition_index.url + "?page=999"))) == [
            "Sciatica"
        ]


# Categories and search, beyond the listing ----------------------------------


def test_category_slug_is_made_from_the_name():
    category = ConditionCategory(name="Neck and shoulder")
    category.full_clean()
    category.save()
    assert category.slug == "neck-and-shoulder"


def test_search_does_not_list_pages_outside_the_index(
    client, home_page, condition_index
):
    other_index = make_condition_index(home_page, title="Archive", slug="archive")
    make_live_condition(other_index, "Knee arthroscopy")
    make_live_condition(condition_index, "Knee replacement")
    page = soup(client.get(condition_index.url + "?q=knee"))
    assert listed_titles(page) == ["Knee replacement"]


# Performance ----------------------------------------------------------------


def test_index_query_count_does_not_grow_with_the_number_of_conditions(
    client, condition_index, categories, django_assert_num_queries, settings
):
    # What rendering the listing costs: the render cache (tests/test_render_cache.py)
    # would serve the repeated requests below without it.
    settings.WAGTAIL_PHYSIO = {"RENDER_CACHE": False}
    cats = [categories["back"], categories["knee"]]

    def add(start, stop):
        for number in range(start, stop):
            make_live_condition(
                condition_index, f"Condition {number:03d}", cats[: number % 3]
            )

    add(0, 20)
    filtered_url = condition_index.url + "?category=knee&q=condition"
    # The first request creates the site's contact settings row (Wagtail makes site
    # settings on first read); measure the steady state after it.
    client.get(condition_index.url)
    client.get(filtered_url)
    with CaptureQueriesContext(connection) as all_20:
        client.get(condition_index.url)
    with CaptureQueriesContext(connection) as filtered_20:
        client.get(filtered_url)
    # More than a page of them (50 a page): still the same queries.
    add(20, 60)

    with django_assert_num_queries(len(all_20)):
        html = client.get(condition_index.url).content.decode()
    assert html.count('class="physio-condition-list__item"') == 50
    assert html.count('class="physio-tag"') == 49
    with django_assert_num_queries(len(filtered_20)):
        client.get(filtered_url)
    # Site and page routing (5), titles (1), the listed pages (2), their
    # categories (1), the category filter links (1), the breadcrumb trail (1),
    # and the contact settings (1) and locations (1) for the structured data.
    assert len(all_20) == 13
    # Searching adds the search itself; the category filter is a subquery.
    assert len(filtered_20) == 14


# Related conditions ---------------------------------------------------------


def test_related_conditions_drop_unpublished_deleted_and_private_pages(
    client, condition_index, django_assert_num_queries
):
    knee = make_condition_page(condition_index, title="Knee replacement")
    hip = make_condition_page(condition_index, title="Hip replacement")
    draft = make_condition_page(condition_index, title="Draft page", publish=False)
    gone = make_condition_page(condition_index, title="Gone page")
    private = make_private_page(condition_index)
    page = make_condition_page(
        condition_index,
        title="Back surgery",
        related_conditions=[
            ("condition", hip),
            ("condition", draft),
            ("condition", gone),
            ("condition", private),
            ("condition", knee),
        ],
    )
    gone.delete()
    page = ConditionPage.objects.get(pk=page.pk)

    with django_assert_num_queries(1):
        related = page.get_related_conditions()
    assert [p.title for p in related] == ["Hip replacement", "Knee replacement"]

    html = soup(client.get(page.url))
    nav = html.find("nav", class_="physio-related")
    assert nav.find("h2").get_text() == "Related conditions"
    assert [a.get_text() for a in nav.find_all("a")] == [
        "Hip replacement",
        "Knee replacement",
    ]


def test_page_without_related_conditions_has_no_related_nav(client, condition_index):
    page = make_condition_page(condition_index, title="Back surgery")
    assert "Related conditions" not in client.get(page.url).content.decode()


# Table of contents ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Each main heading; smaller ones are left out.
        (
            [
                heading("What surgery aims to do"),
                heading("Details for the curious", "h3"),
                heading("Your first week at home"),
            ],
            [
                ("What surgery aims to do", "#what-surgery-aims-to-do"),
                ("Your first week at home", "#your-first-week-at-home"),
            ],
        ),
        # Section blocks' headings, and repeated headings with their own anchors.
        (
            [
                heading("Exercises"),
                {
                    "type": "key_points",
                    "value": {
                        "heading": "How physiotherapy helps",
                        "intro": "",
                        "points": ["Pain"],
                    },
                },
                heading("Exercises"),
            ],
            [
                ("Exercises", "#exercises"),
                ("How physiotherapy helps", "#how-physiotherapy-helps"),
                ("Exercises", "#exercises-2"),
            ],
        ),
    ],
    ids=["main-headings", "section-blocks-and-repeated-headings"],
)
def test_table_of_contents_links_to_each_main_heading(
    client, condition_index, body, expected
):
    page = make_condition_page(
        condition_index, title="Back surgery", show_table_of_contents=True, body=body
    )
    html = soup(client.get(page.url))
    toc = html.find("nav", attrs={"aria-label": "On this page"})
    links = [(a.get_text(), a["href"]) for a in toc.find_all("a")]
    assert links == expected
    # Every link points at a heading that exists on the page.
    for _text, href in links:
        assert html.find(id=href[1:]).name == "h2"


def test_table_of_contents_is_off_unless_chosen(client, condition_index):
    page = make_condition_page(
        condition_index, title="Back surgery", body=[heading("What surgery aims to do")]
    )
    html = soup(client.get(page.url))
    assert html.find("nav", attrs={"aria-label": "On this page"}) is None


def test_editors_add_categories_as_snippets(admin_client):
    url = "/admin/snippets/wagtail_physio/conditioncategory/"
    response = admin_client.post(
        url + "add/",
        {"name": "Hip", "slug": "", "description": "", "sort_order": "4"},
    )
    assert response.status_code == 302
    assert ConditionCategory.objects.get(name="Hip").slug == "hip"
    assert "Hip" in admin_client.get(url).content.decode()
