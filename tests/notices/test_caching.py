"""Query budget, rendering cache, front-end cache purges and the cron command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    at,
    frontend_cache,
    make_condition_index,
    make_condition_page,
    make_notice,
    notice_texts,
    site_request,
)

pytestmark = pytest.mark.django_db

TAG = Template("{% load physio_tags %}{% physio_notice_banners %}")
STYLESHEET_LINK = '<link rel="stylesheet" href="/static/wagtail_physio/css/physio.css">'


@pytest.fixture
def banner_renders():
    """How many times notice_banner.html is rendered (Django's test signal)."""
    rendered = []

    def count(sender, template, **kwargs):
        if template.name == "wagtail_physio/includes/notice_banner.html":
            rendered.append(template.name)

    template_rendered.connect(count)
    yield rendered
    template_rendered.disconnect(count)


@pytest.mark.parametrize("count", [1, 10])
def test_banners_cost_one_query_every_time_and_render_once(
    clinic_home,
    clinic,
    second_site,
    site,
    django_assert_num_queries,
    banner_renders,
    count,
):
    for n in range(count):
        make_notice(
            message=f"<p>Notice {n}</p>",
            cta_type="phone",
            sites=[site, second_site] if n % 2 else None,
            ends_at=at(2099, 1, 1) if n % 3 else None,
        )
    make_notice(message="<p>Later.</p>", starts_at=at(2099, 1, 1))
    # Finding the site is the page's business (Wagtail's serve view does it
    # anyway); the budget below is the banners' own.
    request = site_request(site)
    with django_assert_num_queries(1):
        html = TAG.render(Context({"request": request}))
    assert html.count("data-physio-notice-version") == count
    assert html.count('href="tel:+441514960100"') == count
    assert len(banner_renders) == count
    # The next request asks the database again (so a change made by any process
    # shows at once), but reuses the cached HTML.
    with django_assert_num_queries(1):
        again = TAG.render(Context({"request": site_request(site)}))
    assert len(banner_renders) == count
    assert again == html


def test_a_tag_placed_twice_still_costs_one_query(
    clinic_home, site, django_assert_num_queries
):
    make_notice()
    request = site_request(site)
    with django_assert_num_queries(1):
        first = TAG.render(Context({"request": request}))
        second = TAG.render(Context({"request": request}))
    # The stylesheet is linked once per page, the first time.
    assert STYLESHEET_LINK in first
    assert second == first.replace(STYLESHEET_LINK, "", 1)


def test_page_request_costs_one_query_for_banners_cached_or_not(client, clinic_home):
    client.get("/")  # warm Wagtail's own caches (site root paths)
    make_notice()
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert len(cold) == len(warm)
    for queries in (cold, warm):
        banner_queries = [
            q
            for q in queries.captured_queries
            if "wagtail_physio_noticebanner" in q["sql"]
        ]
        assert len(banner_queries) == 1


def test_saving_clears_the_cache_at_once(client, clinic_home):
    banner = make_notice(message="<p>Old text.</p>")
    assert notice_texts(client.get("/")) == ["Notice: Old text."]
    banner.message = "<p>New text.</p>"
    banner.save()
    assert notice_texts(client.get("/")) == ["Notice: New text."]
    banner.is_active = False
    banner.save()
    assert notice_texts(client.get("/")) == []


def test_deleting_clears_the_cache_at_once(client, clinic_home):
    banner = make_notice()
    assert len(notice_texts(client.get("/"))) == 1
    banner.delete()
    assert notice_texts(client.get("/")) == []


def test_changing_sites_clears_the_cache(client, clinic_home, second_site):
    banner = make_notice()
    assert len(notice_texts(client.get("/"))) == 1
    banner.sites.set([second_site])
    assert notice_texts(client.get("/")) == []


def test_changing_the_main_number_updates_phone_buttons(client, clinic_home, clinic):
    make_notice(cta_type="phone")
    assert "tel:+441514960100" in client.get("/").content.decode()
    clinic.main_phone = "0151 496 0101"
    clinic.save()
    assert "tel:+441514960101" in client.get("/").content.decode()


def site_pages(site):
    index = make_condition_index(site.root_page)
    return [site.root_page, index, make_condition_page(index, title="Back pain")]


def test_saving_a_live_banner_purges_every_page_of_its_sites(
    clinic_home, site, second_site, recorded_purges, django_capture_on_commit_callbacks
):
    """Tests run in one transaction: each block here stands for one committed
    transaction, as an admin save is."""
    pages = site_pages(site)
    with django_capture_on_commit_callbacks(execute=True):
        banner = make_notice(sites=[site])
    purged = set(recorded_purges)
    assert {page.full_url for page in pages} <= purged
    assert "http://localhost/physio/notices.json" in purged
    assert not any("hillside.example" in url for url in purged)

    recorded_purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        banner.is_active = False
        banner.save()
    assert {page.full_url for page in pages} <= set(recorded_purges)


def test_moving_a_banner_between_sites_purges_both(
    clinic_home, site, second_site, recorded_purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        banner = make_notice(sites=[site])
    recorded_purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        banner.sites.set([second_site])
    purged = set(recorded_purges)
    assert site.root_page.full_url in purged
    assert second_site.root_page.full_url in purged


def test_a_banner_for_every_site_purges_every_site(
    clinic_home, second_site, recorded_purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_notice()
    assert {"http://localhost/", "http://hillside.example/"} <= set(recorded_purges)


def test_deleting_a_live_banner_purges_its_sites(
    clinic_home, second_site, recorded_purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        banner = make_notice(sites=[second_site])
    recorded_purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        banner.delete()
    assert "http://hillside.example/" in recorded_purges
    assert "http://localhost/" not in recorded_purges


def test_banners_that_never_showed_purge_nothing(
    clinic_home, recorded_purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        banner = make_notice(starts_at=at(2099, 1, 1))
        banner.message = "<p>Still next century.</p>"
        banner.save()
        make_notice(is_active=False).delete()
    assert recorded_purges == []


def test_no_purge_without_frontend_cache_settings(
    clinic_home, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = None
    frontend_cache.PURGED_URLS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_notice()
    assert frontend_cache.PURGED_URLS == []


def test_cron_command_purges_once_for_each_start_and_end(
    clinic_home, recorded_purges, frozen_now, capsys
):
    frozen_now(at(2025, 12, 24, 12))
    make_notice(starts_at=at(2025, 12, 24, 17), ends_at=at(2025, 12, 27, 9))
    recorded_purges.clear()

    call_command("physio_notice_boundaries")
    assert recorded_purges == []
    assert "No notice started or ended" in capsys.readouterr().out

    frozen_now(at(2025, 12, 24, 17, 1))
    call_command("physio_notice_boundaries")
    assert "http://localhost/" in recorded_purges
    assert "1 notice(s) started or ended" in capsys.readouterr().out

    recorded_purges.clear()
    frozen_now(at(2025, 12, 24, 17, 2))
    call_command("physio_notice_boundaries")
    assert recorded_purges == []  # already told the caches about that start

    # A missed night of cron runs still catches the end.
    frozen_now(at(2025, 12, 28, 8))
    call_command("physio_notice_boundaries")
    assert "http://localhost/" in recorded_purges


def test_cron_command_ignores_switched_off_banners(
    clinic_home, recorded_purges, frozen_now
):
    frozen_now(at(2025, 12, 24, 12))
    make_notice(is_active=False, starts_at=at(2025, 12, 24, 13))
    recorded_purges.clear()
    frozen_now(at(2025, 12, 24, 14))
    call_command("physio_notice_boundaries")
    assert recorded_purges == []


def test_cron_command_without_a_frontend_cache_still_clears_the_cache(
    client, clinic_home, frozen_now, capsys
):
    frozen_now(at(2025, 12, 24, 12))
    make_notice(starts_at=at(2025, 12, 24, 17))
    frozen_now(at(2025, 12, 24, 18))
    call_command("physio_notice_boundaries")
    assert "no front-end cache is configured" in capsys.readouterr().out
    assert len(notice_texts(client.get("/"))) == 1


def test_the_answer_knows_the_next_boundary(clinic_home, site, frozen_now):
    from wagtail_physio.notices.banners import get_live_notices

    now = frozen_now(at(2025, 6, 1, 12))
    make_notice(ends_at=now + timedelta(minutes=10))
    make_notice(starts_at=now + timedelta(minutes=3))
    notices = get_live_notices(site)
    assert notices.valid_until == now + timedelta(minutes=3)
    assert len(notices.banners) == 1
