"""The render cache: condition pages and the conditions index stored per revision.

What readers must never notice: a cached page reads exactly as an uncached one, and
every change (a publish, a location's hours, a linked page unpublished or made
private, a deleted image, a renamed category, new contact details) shows on the
next request. What they may notice: a warm page costs fewer queries than a plain
Wagtail page. Previews, drafts and private pages are never cached; searches of the
conditions index only for a minute.

Some tests change a row with ``QuerySet.update()``, which sends no signal: the
page still showing the old text proves it came from the cache, and showing the new
text proves it did not.
"""

import datetime
import logging
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.checks import run_checks
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    make_condition_page,
    make_image,
    make_live_condition,
    make_location,
    make_long_condition_page,
    page_html,
)
from tests.factories.streams import full_body, locations_block
from tests.factories.times import at
from tests.testapp.models import BaselinePage
from wagtail_physio.core import render_cache
from wagtail_physio.locations.special_hours import add_special_hours
from wagtail_physio.models import (
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    OpeningHours,
)

pytestmark = pytest.mark.django_db

#: A warm condition page, whatever its length: the site (1), routing down the tree
#: to the page (3: the root page, the index, then the condition page in one query
#: through its own model) and its view restrictions, loaded once for Wagtail's
#: privacy check and the cache (2). Nothing else: the article and its structured
#: data come from the cache, "open now" from what is stored with them. (The cold
#: budget is CONDITION_PAGE_QUERIES in test_performance.py.)
WARM_CONDITION_PAGE_QUERIES = 6

CACHE_OFF = {"RENDER_CACHE": False}
CACHE_ON = {"RENDER_CACHE_PROCESS_LOCAL": True}


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def visit_twice(client, url):
    """The first (cold) and second (warm) HTML of ``url``."""
    return page_html(client, url), page_html(client, url)


def text_of(html, selector):
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    return " ".join(found.get_text().split()) if found else None


def summary_of(html):
    """The summary as the article shows it (the head's description is not cached)."""
    return text_of(html, ".physio-condition__summary")


@pytest.fixture
def long_page(condition_index, clinic):
    """Every block, images, linked pages, related conditions and locations."""
    return make_long_condition_page(condition_index, "long", 1)


# -- Reads the same, costs less ---------------------------------------------------


def test_cached_page_reads_exactly_as_an_uncached_one(client, long_page, settings):
    cold, warm = visit_twice(client, long_page.url)
    settings.WAGTAIL_PHYSIO = CACHE_OFF
    uncached = page_html(client, long_page.url)

    assert cold == warm == uncached
    assert "physio-location__status" in warm  # open now is there too
    assert warm.count('type="application/ld+json"') == 1


def test_the_second_visit_is_served_from_the_cache(client, long_page):
    visit_twice(client, long_page.url)
    ConditionPage.objects.filter(pk=long_page.pk).update(summary="Changed unseen.")
    assert summary_of(page_html(client, long_page.url)) != "Changed unseen."


def plain_page_like(page, html):
    """A plain Wagtail page beside ``page`` with its article's text in one field."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    baseline = BaselinePage(title=page.title, slug=f"{page.slug}-plain")
    baseline.body = article.decode_contents()
    page.get_parent().add_child(instance=baseline)
    baseline.save_revision().publish()
    return baseline


@pytest.mark.parametrize("copies", [1, 10])
def test_a_warm_page_costs_no_more_queries_than_a_plain_page_at_any_length(
    client, condition_index, clinic, django_assert_num_queries, copies
):
    page = make_long_condition_page(condition_index, f"long-{copies}", copies)
    html = page_html(client, page.url)  # cold: renders and stores
    plain = plain_page_like(page, html)
    page_html(client, page.url)  # the plain page's publish changed the versions
    plain_queries = query_count(client, plain.url)

    with django_assert_num_queries(WARM_CONDITION_PAGE_QUERIES):
        warm = page_html(client, page.url)

    assert plain_queries >= WARM_CONDITION_PAGE_QUERIES
    assert warm.count('class="physio-hours"') == copies * (copies + 1)


# -- Every change shows on the next request -----------------------------------------


def test_a_new_revision_shows_once_published(client, long_page):
    visit_twice(client, long_page.url)
    page = ConditionPage.objects.get(pk=long_page.pk)
    page.summary = "New summary for readers."
    revision = page.save_revision()
    assert summary_of(page_html(client, long_page.url)) != "New summary for readers."

    revision.publish()
    assert summary_of(page_html(client, long_page.url)) == "New summary for readers."


def test_changed_opening_hours_show_on_the_next_request(client, condition_index):
    location = make_location("Quayside clinic")
    page = make_condition_page(condition_index, body=[locations_block()])
    visit_twice(client, page.url)

    location = ClinicLocation.objects.get(pk=location.pk)
    location.opening_hours = [
        OpeningHours(weekday=0, opens="10:00", closes="12:30"),
    ]
    location.save()  # as the admin saves a location with its hours

    html = page_html(client, page.url)
    assert '<time datetime="12:30">' in html
    assert '<time datetime="17:00">' not in html


def test_special_hours_added_to_several_locations_show_at_once(client, condition_index):
    location = make_location("Quayside clinic")
    page = make_condition_page(condition_index, body=[locations_block()])
    with frozen(at(2024, 12, 20, 10, 0)):
        visit_twice(client, page.url)
        # The admin's form for several locations writes its rows in bulk.
        add_special_hours(
            [location],
            [datetime.date(2024, 12, 25)],
            {"closed": True, "opens": None, "closes": None, "note": "Christmas"},
        )
        html = page_html(client, page.url)
    assert text_of(html, ".physio-hours--special .physio-hours__note") == "Christmas"


def related_titles(html):
    return [
        a.get_text()
        for a in BeautifulSoup(html, "html.parser").select(".physio-related__list a")
    ]


@pytest.fixture
def page_with_related(condition_index):
    linked = make_condition_page(condition_index, title="Sciatica")
    page = make_condition_page(
        condition_index,
        title="Back pain",
        related_conditions=[("condition", linked)],
    )
    return page, linked


def test_an_unpublished_related_page_drops_out_at_once(client, page_with_related):
    page, linked = page_with_related
    assert related_titles(visit_twice(client, page.url)[1]) == ["Sciatica"]

    linked.unpublish()
    assert related_titles(page_html(client, page.url)) == []


def test_a_related_page_made_private_drops_out_at_once(client, page_with_related):
    page, linked = page_with_related
    visit_twice(client, page.url)

    PageViewRestriction.objects.create(
        page=linked, restriction_type=PageViewRestriction.LOGIN
    )
    assert related_titles(page_html(client, page.url)) == []


def test_a_renamed_linked_page_shows_its_new_title(client, page_with_related):
    page, linked = page_with_related
    visit_twice(client, page.url)

    linked = ConditionPage.objects.get(pk=linked.pk)
    linked.title = "Sciatica and leg pain"
    linked.save_revision().publish()
    assert related_titles(page_html(client, page.url)) == ["Sciatica and leg pain"]


def test_a_deleted_image_leaves_the_page_at_once(client, condition_index):
    image = make_image("Knee brace")
    page = make_condition_page(condition_index, hero_image=image)
    cold, warm = visit_twice(client, page.url)
    assert "physio-condition__hero" in warm

    image.delete()
    assert "physio-condition__hero" not in page_html(client, page.url)


def test_changed_contact_details_show_on_the_next_request(
    client, condition_index, clinic
):
    # A call to action without its own number shows the clinic's.
    page = make_condition_page(condition_index, body=full_body(phone=""))
    assert 'href="tel:+441514960100"' in visit_twice(client, page.url)[1]

    clinic.main_phone = "0151 496 0999"
    clinic.save()
    html = page_html(client, page.url)
    assert 'href="tel:+441514960999"' in html
    assert 'href="tel:+441514960100"' not in html


def test_a_renamed_category_shows_in_the_index_at_once(client, condition_index):
    category = ConditionCategory.objects.create(name="Back and neck", slug="back")
    make_live_condition(condition_index, "Sciatica", categories=[category])
    assert "Back and neck" in visit_twice(client, condition_index.url)[1]

    category.name = "Spine"
    category.save()
    html = page_html(client, condition_index.url)
    assert "Spine" in html and "Back and neck" not in html


def test_a_deploy_version_renders_every_page_afresh(client, long_page, settings):
    visit_twice(client, long_page.url)
    ConditionPage.objects.filter(pk=long_page.pk).update(summary="After deploy.")
    settings.WAGTAIL_PHYSIO = {**CACHE_ON, "RENDER_CACHE_VERSION": "release-2"}
    assert summary_of(page_html(client, long_page.url)) == "After deploy."


# -- Never cached ----------------------------------------------------------------


def test_a_draft_preview_is_never_served_from_or_stored_in_the_cache(
    admin_client, client, condition_index
):
    page = make_condition_page(condition_index, title="Back pain")
    visit_twice(client, page.url)
    page = ConditionPage.objects.get(pk=page.pk)
    page.summary = "Draft words only editors see."
    page.save_revision()

    response = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    )
    assert response.status_code == 200
    assert summary_of(response.content.decode()) == "Draft words only editors see."
    # Readers still get the live revision: the preview stored nothing.
    assert summary_of(page_html(client, page.url)) != "Draft words only editors see."


def test_a_private_page_is_never_cached(client, condition_index, django_user_model):
    page = make_condition_page(condition_index, title="Staff guidance")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    visit_twice(client, page.url)

    ConditionPage.objects.filter(pk=page.pk).update(summary="Updated for staff.")
    assert summary_of(page_html(client, page.url)) == "Updated for staff."


def test_a_page_made_private_is_not_served_from_its_old_entry(client, condition_index):
    page = make_condition_page(condition_index, title="Staff guidance")
    visit_twice(client, page.url)

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 302  # to the login page, not the cached copy


# -- Open now, worked out per request ----------------------------------------------


def test_open_now_is_worked_out_on_every_request_from_the_same_entry(
    client, condition_index
):
    location = make_location("Quayside clinic")  # weekdays 09:00 to 17:00
    page = make_condition_page(condition_index, body=[locations_block()])

    with frozen(at(2024, 11, 25, 10, 0)):  # Monday 10:00 in London
        cold, warm = visit_twice(client, page.url)
    # Renamed unseen: the next request is answered from the same entry.
    ClinicLocation.objects.filter(pk=location.pk).update(name="Renamed unseen")
    with frozen(at(2024, 11, 25, 18, 0)):  # Monday 18:00
        evening = page_html(client, page.url)

    assert text_of(warm, ".physio-location__status") == "Open now – closes at 5 p.m."
    assert "Renamed unseen" not in evening
    assert (
        text_of(evening, ".physio-location__status")
        == "Closed now – opens Tuesday at 9 a.m."
    )


# -- The conditions index ----------------------------------------------------------


@pytest.fixture
def listed(condition_index):
    back = ConditionCategory.objects.create(name="Back and neck", slug="back")
    make_live_condition(condition_index, "Sciatica", categories=[back])
    make_live_condition(condition_index, "Tennis elbow")
    return condition_index


def listed_titles(html):
    return [
        a.get_text()
        for a in BeautifulSoup(html, "html.parser").select(
            ".physio-condition-list__title a"
        )
    ]


def test_the_index_is_cached_per_category_and_page(client, listed, settings):
    url = listed.url
    everything = visit_twice(client, url)[1]
    in_back = visit_twice(client, url + "?category=back")[1]
    assert listed_titles(everything) == ["Sciatica", "Tennis elbow"]
    assert listed_titles(in_back) == ["Sciatica"]

    Page.objects.filter(title="Tennis elbow").update(title="Changed unseen")
    assert listed_titles(page_html(client, url)) == ["Sciatica", "Tennis elbow"]
    assert listed_titles(page_html(client, url + "?category=back&page=1")) == [
        "Sciatica"
    ]
    settings.WAGTAIL_PHYSIO = CACHE_OFF
    assert page_html(client, url) != everything  # it really was the cache


def stored_timeouts():
    """Records what the next requests store in the render cache."""
    cache = render_cache.render_cache()
    return mock.patch.object(cache, "set", wraps=cache.set)


def rendering_timeouts(stored):
    """The timeouts of the renderings stored (versions are stored too)."""
    return [
        call.args[2]
        for call in stored.call_args_list
        if call.args[0].startswith("wagtail_physio:render:")
    ]


def test_a_search_is_cached_for_a_minute_per_exact_query(client, listed, settings):
    url = listed.url + "?q=elbow"
    page_html(client, listed.url)  # the site's first request makes its settings
    with stored_timeouts() as stored:
        cold, warm = visit_twice(client, url)
    assert listed_titles(warm) == ["Tennis elbow"]
    assert cold == warm
    # Stored once, for RENDER_CACHE_SEARCH_TIMEOUT (60) seconds, not the hour.
    assert rendering_timeouts(stored) == [60]

    ConditionPage.objects.filter(title="Tennis elbow").update(summary="Fresh words")
    assert "Fresh words" not in page_html(client, url)  # the cached search
    # Another spelling of the search is an entry of its own: its box shows it.
    other = page_html(client, listed.url + "?q=Elbow")
    assert "Fresh words" in other and 'value="Elbow"' in other
    # Searches in a category, and the pages of results, are cached too.
    in_back = listed.url + "?q=sciatica&category=back&page=1"
    assert listed_titles(visit_twice(client, in_back)[1]) == ["Sciatica"]
    settings.WAGTAIL_PHYSIO = CACHE_OFF
    assert page_html(client, url) != warm  # it really was the cache


def test_a_publish_shows_at_once_in_a_cached_search(client, listed):
    url = listed.url + "?q=elbow"
    visit_twice(client, url)
    make_condition_page(listed, title="Golfer's elbow")
    assert listed_titles(page_html(client, url)) == ["Golfer's elbow", "Tennis elbow"]


@pytest.mark.parametrize(
    "query, search_timeout",
    [
        ("elbow", 0),  # searches not cached
        ("elbow" + "+" * 96, 60),  # longer than 100 characters (spaces)
        ("elbow&q=elbow", 60),  # more than one search
    ],
)
def test_searches_render_uncached(client, listed, settings, query, search_timeout):
    settings.WAGTAIL_PHYSIO = {
        **CACHE_ON,
        "RENDER_CACHE_SEARCH_TIMEOUT": search_timeout,
    }
    url = listed.url + "?q=" + query
    with stored_timeouts() as stored:
        visit_twice(client, url)
    assert rendering_timeouts(stored) == []
    ConditionPage.objects.filter(title="Tennis elbow").update(summary="Fresh words")
    assert "Fresh words" in page_html(client, url)


def test_a_made_up_index_parameter_renders_uncached(client, listed):
    url = listed.url + "?utm_source=leaflet"
    visit_twice(client, url)
    ConditionPage.objects.filter(title="Tennis elbow").update(summary="Fresh words")
    assert "Fresh words" in page_html(client, url)


def test_the_cached_index_reads_exactly_as_an_uncached_one(client, listed, settings):
    urls = [listed.url, listed.url + "?category=back", listed.url + "?page=2"]
    cached = {url: visit_twice(client, url) for url in urls}
    settings.WAGTAIL_PHYSIO = CACHE_OFF
    for url, (cold, warm) in cached.items():
        assert cold == warm == page_html(client, url)


def test_a_published_condition_joins_the_cached_index(client, listed):
    visit_twice(client, listed.url)
    make_condition_page(listed, title="Achilles pain")
    assert listed_titles(page_html(client, listed.url))[0] == "Achilles pain"


# -- A cache that fails -------------------------------------------------------------


def break_render_cache(settings):
    """The render cache's server is down (Wagtail's own cache stays up)."""
    settings.CACHES = {
        **settings.CACHES,
        "renderings": {"BACKEND": "tests.notices.broken_cache.BrokenCache"},
    }
    settings.WAGTAIL_PHYSIO = {**CACHE_ON, "RENDER_CACHE_ALIAS": "renderings"}


def test_pages_still_render_when_the_cache_server_is_down(
    client, long_page, settings, caplog
):
    break_render_cache(settings)
    with caplog.at_level(logging.WARNING, logger="wagtail_physio"):
        first = client.get(long_page.url)
        second = client.get(long_page.url)
        index = client.get(long_page.get_parent().url)
    assert first.status_code == second.status_code == index.status_code == 200
    assert "long" in second.content.decode()
    assert any("Render cache failed" in r.getMessage() for r in caplog.records)


def test_edits_save_while_the_cache_server_is_down(client, long_page, settings):
    break_render_cache(settings)
    page = ConditionPage.objects.get(pk=long_page.pk)
    page.summary = "Saved without a cache."
    page.save_revision().publish()
    assert summary_of(page_html(client, long_page.url)) == "Saved without a cache."


def test_a_per_process_cache_is_not_used_unless_allowed(client, long_page, settings):
    settings.CACHES = {
        **settings.CACHES,
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    # RENDER_CACHE on, but its cache is each process's own.
    settings.WAGTAIL_PHYSIO = {"RENDER_CACHE_ALIAS": "local"}
    visit_twice(client, long_page.url)
    ConditionPage.objects.filter(pk=long_page.pk).update(
        summary="Fresh in every worker."
    )
    assert summary_of(page_html(client, long_page.url)) == "Fresh in every worker."


# -- Settings ---------------------------------------------------------------------


def check_ids():
    return {message.id for message in run_checks()}


@pytest.mark.parametrize(
    "name, value, check_id",
    [
        ("RENDER_CACHE", "yes", "wagtail_physio.E030"),
        ("RENDER_CACHE_PROCESS_LOCAL", 1, "wagtail_physio.E030"),
        ("RENDER_CACHE_ALIAS", "nowhere", "wagtail_physio.E031"),
        ("RENDER_CACHE_TIMEOUT", -5, "wagtail_physio.E032"),
        ("RENDER_CACHE_TIMEOUT", "1h", "wagtail_physio.E032"),
        ("RENDER_CACHE_VERSION", ["v1"], "wagtail_physio.E033"),
        ("RENDER_CACHE_SEARCH_TIMEOUT", -1, "wagtail_physio.E034"),
        ("RENDER_CACHE_SEARCH_TIMEOUT", None, "wagtail_physio.E034"),
        ("RENDER_CACHE_SEARCH_TIMEOUT", True, "wagtail_physio.E034"),
    ],
)
def test_bad_render_cache_settings_are_reported(settings, name, value, check_id):
    settings.WAGTAIL_PHYSIO = {name: value}
    assert check_id in check_ids()


def test_the_default_render_cache_settings_pass_the_checks(settings):
    settings.WAGTAIL_PHYSIO = {"RENDER_CACHE_TIMEOUT": None}  # never expire: allowed
    assert not {i for i in check_ids() if i.startswith("wagtail_physio.E03")}


def test_versions_are_never_reused(settings):
    cache = render_cache.render_cache()
    first = render_cache.get_versions(cache, [render_cache.PAGES])
    cache.clear()  # evicted, or a test's rollback
    assert render_cache.get_versions(cache, [render_cache.PAGES]) != first


def test_the_index_page_type_declares_what_it_shows():
    assert set(ConditionIndexPage.render_cache_kinds) == set(render_cache.ALL_KINDS)
