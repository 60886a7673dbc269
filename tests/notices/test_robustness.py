"""Banners keep pages up and stay right: a broken banner, a deleted site, several
worker processes and a cache server that is down (issue 10)."""

import logging

import pytest
from django.template import Context, Template
from django.test import override_settings
from wagtail.models import Site

from tests.factories import (
    make_home_page,
    make_notice,
    notice_admin_url,
    notice_texts,
    site_request,
)
from tests.notices import broken_cache
from wagtail_physio.models import NoticeBanner

pytestmark = pytest.mark.django_db

TAG = Template("{% load physio_tags %}{% physio_notice_banners %}")

#: A project's own notice_banner.html with a bug that only urgent banners reach,
#: standing for anything that makes one banner fail as it renders (a link Wagtail
#: cannot expand, a project's page type whose URL raises, ...).
FAILING_BANNER_TEMPLATE = """\
{% if banner.severity == "urgent" %}{% url "no-such-view" %}{% endif %}
<section data-physio-notice data-physio-notice-version="{{ banner.version }}">
<div class="physio-notice__body">{{ banner.message }}</div></section>
"""


def physio_log(caplog, level):
    return [
        record
        for record in caplog.records
        if record.name == "wagtail_physio" and record.levelno >= level
    ]


# -- One broken banner --------------------------------------------------------


@pytest.fixture
def failing_banner_template(settings, tmp_path):
    """Shadow notice_banner.html, as a project may, with a template that fails
    for urgent banners."""
    template = tmp_path / "templates" / "wagtail_physio" / "includes"
    template.mkdir(parents=True)
    (template / "notice_banner.html").write_text(FAILING_BANNER_TEMPLATE)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path / "templates")]}
    ]


def test_a_banner_that_cannot_be_rendered_is_left_out_and_logged(
    client, clinic_home, failing_banner_template, caplog
):
    make_notice(message="<p>The car park is closed.</p>", severity="warning")
    broken = make_notice(message="<p>We are closed today.</p>", severity="urgent")
    with caplog.at_level(logging.ERROR, logger="wagtail_physio"):
        response = client.get("/")
    assert response.status_code == 200
    assert notice_texts(response) == ["The car park is closed."]
    errors = physio_log(caplog, logging.ERROR)
    assert len(errors) == 1
    assert f"Notice banner {broken.pk} could not be rendered" in errors[0].getMessage()
    assert errors[0].exc_info  # with the traceback, for whoever fixes it
    # The next request tries again, and still shows the good one.
    caplog.clear()
    assert notice_texts(client.get("/")) == ["The car park is closed."]
    assert len(physio_log(caplog, logging.ERROR)) == 1


def test_the_json_endpoint_leaves_a_broken_banner_out(
    client, clinic_home, failing_banner_template, caplog
):
    good = make_notice(message="<p>Phone to book.</p>")
    make_notice(message="<p>We are closed today.</p>", severity="urgent")
    with caplog.at_level(logging.ERROR, logger="wagtail_physio"):
        response = client.get("/physio/notices.json")
    assert response.status_code == 200
    assert [b["id"] for b in response.json()["banners"]] == [good.pk]
    assert physio_log(caplog, logging.ERROR)


def test_the_inspect_view_says_why_a_broken_banner_is_not_shown(
    admin_client, failing_banner_template
):
    broken = make_notice(message="<p>We are closed today.</p>", severity="urgent")
    response = admin_client.get(notice_admin_url("inspect", broken.pk))
    assert response.status_code == 200
    assert "This notice cannot be shown" in response.content.decode()


# -- A deleted site -----------------------------------------------------------


def test_deleting_a_banners_last_site_switches_it_off_instead_of_showing_it_everywhere(
    client, clinic_home, site, second_site, caplog
):
    hillside = make_notice(
        message="<p>Hillside car park shut.</p>", sites=[second_site]
    )
    both = make_notice(message="<p>New phone system.</p>", sites=[site, second_site])

    with caplog.at_level(logging.WARNING, logger="wagtail_physio"):
        second_site.delete()

    # Not on the remaining site, at the very next request.
    assert notice_texts(client.get("/")) == ["Notice: New phone system."]
    hillside.refresh_from_db()
    assert hillside.get_state() == NoticeBanner.State.OFF
    assert list(hillside.sites.all()) == []
    # A banner that still has a site is left alone.
    both.refresh_from_db()
    assert both.is_active and list(both.sites.all()) == [site]
    assert any(
        "last site" in r.getMessage() for r in physio_log(caplog, logging.WARNING)
    )


def test_deleting_all_of_a_banners_sites_at_once_switches_it_off(
    client, clinic_home, site, second_site
):
    third = Site.objects.create(
        hostname="third.example", port=80, root_page=make_home_page("Third", "third")
    )
    banner = make_notice(message="<p>Two sites only.</p>", sites=[second_site, third])
    Site.objects.filter(pk__in=[second_site.pk, third.pk]).delete()
    banner.refresh_from_db()
    assert banner.get_state() == NoticeBanner.State.OFF
    assert notice_texts(client.get("/")) == []


# -- Several worker processes --------------------------------------------------


def worker_cache(name):
    """Django's default cache as one worker process has it: a LocMemCache that no
    other process can see or clear."""
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": name,
            }
        }
    )


def test_a_banner_switched_off_or_raised_in_one_worker_shows_at_once_in_another(
    client, clinic_home
):
    """tests/test_hardening_concurrency.py does the same with a real second process."""
    with worker_cache("worker-1"):
        banner = make_notice(message="<p>Online booking is down.</p>")
        assert notice_texts(client.get("/")) == ["Notice: Online booking is down."]

    with worker_cache("worker-2"):
        banner.is_active = False
        banner.save()
        make_notice(message="<p>We are closed today.</p>", severity="urgent")

    with worker_cache("worker-1"):
        assert notice_texts(client.get("/")) == ["Urgent notice: We are closed today."]


# -- A cache server that is down ---------------------------------------------------


@pytest.fixture
def cache_down():
    broken_cache.CALLS.clear()
    with override_settings(
        CACHES={"default": {"BACKEND": "tests.notices.broken_cache.BrokenCache"}}
    ):
        yield broken_cache.CALLS


def test_a_failing_cache_server_does_not_take_banners_down(
    client, clinic_home, site, cache_down, caplog
):
    banner = make_notice(message="<p>Online booking is down.</p>")
    with caplog.at_level(logging.WARNING, logger="wagtail_physio"):
        html = TAG.render(Context({"request": site_request(site)}))
        response = client.get("/physio/notices.json")
    assert "Online booking is down." in html
    assert response.status_code == 200
    assert [b["id"] for b in response.json()["banners"]] == [banner.pk]
    assert cache_down  # the cache was tried...
    assert physio_log(caplog, logging.WARNING)  # ...and its failure logged

    # Changes still save (and purge) without the cache, and show at once.
    banner.message = "<p>Booking is back.</p>"
    banner.save()
    html = TAG.render(Context({"request": site_request(site)}))
    assert "Booking is back." in html


def test_after_a_cache_failure_the_process_leaves_the_cache_alone_for_a_while(
    clinic_home, site, cache_down
):
    make_notice()
    TAG.render(Context({"request": site_request(site)}))
    tried = len(cache_down)
    assert tried == 1
    for _ in range(3):
        assert "Online booking" in TAG.render(Context({"request": site_request(site)}))
    # A server that is down (or slow to time out) costs one failed call, not one
    # per request.
    assert len(cache_down) == tried
