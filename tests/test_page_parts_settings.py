"""Parts of the package's pages a site may already have, switched off in settings
(SHOW_BREADCRUMBS, SHOW_SHARE_LINKS, SHOW_BACK_TO_TOP), and the site-wide
includes that need no {% load %} in the template placing them."""

import pytest
from django.core.checks import run_checks
from django.template import Context, Template

from tests.factories import (
    make_condition_page,
    make_location,
    make_notice,
    page_soup,
    site_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def condition(condition_index):
    return make_condition_page(condition_index, title="Sciatica")


def parts(soup):
    return {
        "breadcrumbs": soup.select_one("nav.physio-breadcrumbs") is not None,
        "share links": soup.select_one("nav.physio-share") is not None,
        "back to top": soup.select_one(".physio-back-to-top a[href='#top']")
        is not None,
    }


def test_a_condition_page_has_every_part_by_default(client, condition):
    assert parts(page_soup(client, condition)) == {
        "breadcrumbs": True,
        "share links": True,
        "back to top": True,
    }


@pytest.mark.parametrize(
    ("setting", "part"),
    [
        ("SHOW_BREADCRUMBS", "breadcrumbs"),
        ("SHOW_SHARE_LINKS", "share links"),
        ("SHOW_BACK_TO_TOP", "back to top"),
    ],
)
def test_each_part_can_be_switched_off_on_its_own(
    client, settings, condition, setting, part
):
    settings.WAGTAIL_PHYSIO = {setting: False}
    shown = parts(page_soup(client, condition))
    assert shown.pop(part) is False
    assert all(shown.values())
    # The page still links back to its top: the anchor stays.
    assert page_soup(client, condition).select_one("article#top") is not None


def test_without_breadcrumbs_the_structured_data_keeps_its_trail(
    client, settings, condition, condition_index
):
    settings.WAGTAIL_PHYSIO = {"SHOW_BREADCRUMBS": False}
    soup = page_soup(client, condition)
    assert soup.find("nav", attrs={"aria-label": "Breadcrumb"}) is None
    assert '"BreadcrumbList"' in soup.find("script", type="application/ld+json").string
    index = page_soup(client, condition_index)
    assert index.select_one("nav.physio-breadcrumbs") is None
    assert index.select_one("h1.physio-condition-index__title") is not None


@pytest.mark.parametrize(
    "setting",
    ["SHOW_BREADCRUMBS", "SHOW_SHARE_LINKS", "SHOW_BACK_TO_TOP", "INCLUDE_STYLESHEET"],
)
def test_a_switch_that_is_not_true_or_false_fails_the_system_check(settings, setting):
    settings.WAGTAIL_PHYSIO = {setting: "no"}
    assert "wagtail_physio.E017" in [error.id for error in run_checks()]
    settings.WAGTAIL_PHYSIO = {setting: False}
    assert "wagtail_physio.E017" not in [error.id for error in run_checks()]


def render(source, site, **context):
    return Template(source).render(Context({"request": site_request(site), **context}))


def test_physio_setting_reads_a_setting_or_its_default(settings, site):
    source = (
        '{% load physio_tags %}{% physio_setting "SHOW_SHARE_LINKS" as share %}'
        '{% physio_setting "SHOW_BREADCRUMBS" as crumbs %}{{ share }} {{ crumbs }}'
    )
    settings.WAGTAIL_PHYSIO = {"SHOW_SHARE_LINKS": False}
    assert render(source, site) == "False True"
    with pytest.raises(AttributeError):
        render('{% load physio_tags %}{% physio_setting "NO_SUCH_THING" %}', site)


def test_a_sites_own_include_needs_no_load_for_the_contact_panel(site, clinic):
    """A footer include of the site's own: {% include %} of the package's
    template, which loads the tags itself."""
    make_location("Quayside clinic")
    html = render('{% include "wagtail_physio/site/contact.html" %}', site)
    assert 'class="physio-contact"' in html
    assert "Get in touch" in html
    assert "Quayside clinic" in html
    html = render(
        '{% include "wagtail_physio/site/contact.html" with heading="Find us" %}',
        site,
    )
    assert "Find us" in html
    assert "Get in touch" not in html


def test_the_other_site_wide_includes_need_no_load_either(site, clinic):
    make_notice(message="<p>Closed on Monday.</p>")
    notices = render('{% include "wagtail_physio/site/notices.html" %}', site)
    assert "Closed on Monday." in notices
    head = render(
        '{% include "wagtail_physio/site/stylesheet.html" %}'
        '{% include "wagtail_physio/site/structured_data.html" %}',
        site,
        page=site.root_page,
    )
    assert "wagtail_physio/css/physio.css" in head
    assert '"@type":"WebSite"' in head
