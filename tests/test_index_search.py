"""``?q=`` on the conditions index: the search backend gives the ids of the
matching pages, and only the conditions shown on the current page of results are
loaded, so a search costs the same queries and page objects at 20 and 200 matches.

Runs on SQLite and PostgreSQL with Wagtail's database search backend (see
``DATABASE_URL`` in tests/settings.py)."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.factories import make_condition_index, make_live_condition, soup
from wagtail_physio.conditions import listing
from wagtail_physio.models import ConditionCategory

pytestmark = pytest.mark.django_db


def add_matches(index, start, stop, categories=()):
    for number in range(start, stop):
        make_live_condition(
            index,
            f"Condition {number:03d}",
            categories,
            summary=f"Exercises for a stiff knee, number {number}.",
        )


def listed_titles(page):
    return [
        h.get_text(strip=True) for h in page.select(".physio-condition-list__title")
    ]


class PagesLoaded:
    """Counts the page objects Django builds while it is open."""

    def __init__(self):
        self.count = 0

    def __call__(self, sender, instance, **kwargs):
        if isinstance(instance, Page):
            self.count += 1

    def __enter__(self):
        post_init.connect(self)
        return self

    def __exit__(self, *exc_info):
        post_init.disconnect(self)


def measure(client, url):
    """Queries and page objects of one request, which must answer 200."""
    with CaptureQueriesContext(connection) as queries, PagesLoaded() as loaded:
        assert client.get(url).status_code == 200
    return len(queries), loaded.count


def test_a_search_costs_the_same_at_20_and_200_matches(
    client, condition_index, settings, django_assert_num_queries
):
    # What rendering a search costs: with a shared cache (Redis) the render cache
    # would serve the repeated searches below.
    settings.WAGTAIL_PHYSIO = {"CONDITIONS_PER_PAGE": 10, "RENDER_CACHE": False}
    knee = ConditionCategory.objects.create(name="Knee")
    add_matches(condition_index, 0, 20, [knee])
    make_live_condition(condition_index, "Tennis elbow")
    search = condition_index.url + "?q=knee"
    in_category = condition_index.url + "?q=knee&category=knee"
    # Measured warm: the first request creates the site's contact settings row,
    # the first search looks up the search backend's tables.
    for url in (condition_index.url, search, in_category):
        client.get(url)
    plain_queries, _pages = measure(client, condition_index.url)
    queries_20, pages_20 = measure(client, search)
    category_queries_20, _pages = measure(client, in_category)

    add_matches(condition_index, 20, 200, [knee])

    with django_assert_num_queries(queries_20), PagesLoaded() as loaded:
        page = soup(client.get(search))
    assert "200 conditions match “knee”." in page.get_text()
    assert listed_titles(page) == [f"Condition {n:03d}" for n in range(10)]
    # Only the conditions shown are loaded, never every match.
    assert loaded.count == pages_20
    with django_assert_num_queries(category_queries_20):
        page = soup(client.get(in_category))
    assert "200 conditions in Knee match “knee”." in page.get_text()
    # The search's ids cost one query; the titles are read as without a search.
    assert queries_20 == plain_queries + 1


def test_search_results_page_on_in_a_to_z_order(client, condition_index, settings):
    settings.WAGTAIL_PHYSIO = {"CONDITIONS_PER_PAGE": 2}
    for title in ["Knee pain", "Anterior knee pain", "Épaule and knee", "Hip pain"]:
        make_live_condition(condition_index, title, summary=f"About {title}.")
    first = soup(client.get(condition_index.url + "?q=knee"))
    assert listed_titles(first) == ["Anterior knee pain", "Épaule and knee"]
    nav = first.find("nav", attrs={"aria-label": "Conditions A to Z"})
    links = {a.get_text(): a["href"] for a in nav.find_all("a")}
    assert links == {"A": "#letter-a", "E": "#letter-e", "K": "?q=knee&page=2#letter-k"}
    second = soup(client.get(condition_index.url + "?q=knee&page=2"))
    assert listed_titles(second) == ["Knee pain"]


def test_search_lists_only_live_public_conditions_of_this_index(
    client, home_page, condition_index
):
    make_live_condition(condition_index, "Knee replacement")
    draft = make_live_condition(condition_index, "Knee brace")
    draft.unpublish()
    other = make_condition_index(home_page, title="Archive", slug="archive")
    make_live_condition(other, "Knee arthroscopy")
    page = soup(client.get(condition_index.url + "?q=knee"))
    assert listed_titles(page) == ["Knee replacement"]


def test_backends_that_answer_with_pages_list_the_same(
    client, condition_index, monkeypatch
):
    """Elasticsearch and OpenSearch return pages rather than a query: their ids
    are read from those."""
    knee = ConditionCategory.objects.create(name="Knee")
    add_matches(condition_index, 0, 3, [knee])
    make_live_condition(condition_index, "Knee pain", summary="Pain in the knee.")
    urls = [
        condition_index.url + "?q=knee",
        condition_index.url + "?q=knee&category=knee",
    ]
    from_query = [listed_titles(soup(client.get(url))) for url in urls]

    class NotSearchResults:
        pass

    monkeypatch.setattr(listing, "QuerySetSearchResults", NotSearchResults)
    assert [listed_titles(soup(client.get(url))) for url in urls] == from_query
    assert from_query[0] == [
        "Condition 000",
        "Condition 001",
        "Condition 002",
        "Knee pain",
    ]
