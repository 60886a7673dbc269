"""Page links follow the reader's language on a site with Wagtail's i18n on, with
no translation tool: pages translated with Wagtail's own ``copy_for_translation``.

The same behaviour under wagtail-localize is tested in ``tests/bilingual/``.
"""

import json

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from tests.factories import make_condition_index, make_condition_page
from tests.factories.requests import page_soup, request_sql
from tests.factories.streams import full_body

WELSH_TITLES = {
    "Sciatica": "Clunwst",
    "Back surgery": "Llawdriniaeth ar y cefn",
    "Conditions": "Cyflyrau",
}


@pytest.fixture
def bilingual(db, settings):
    """Wagtail's i18n on, English at ``/`` and Welsh at ``/cy/``."""
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [
        ("en-gb", "English"),
        ("cy", "Cymraeg"),
    ]
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:1],
        # After sessions, as Django's documentation places it.
        "django.middleware.locale.LocaleMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    settings.ROOT_URLCONF = "tests.bilingual.urls"
    return Locale.objects.get_or_create(language_code="cy")[0]


def translate(page, locale, **fields):
    """The Welsh copy of ``page`` (parents aliased as needed), published."""
    welsh = page.specific.copy_for_translation(locale, copy_parents=True)
    welsh.title = WELSH_TITLES.get(page.title, page.title)
    for name, value in fields.items():
        setattr(welsh, name, value)
    welsh.save_revision().publish()
    welsh.refresh_from_db()
    return welsh


@pytest.fixture
def site_pages(bilingual, home_page):
    """English: an index with Sciatica, Knee pain and Back surgery, which links
    to Sciatica from its blocks and to both others as related conditions."""
    index = make_condition_index(home_page)
    index.save_revision().publish()
    sciatica = make_condition_page(index, "Sciatica")
    knee = make_condition_page(index, "Knee pain")
    back = make_condition_page(
        index,
        "Back surgery",
        body=full_body(linked_page=sciatica),
        related_conditions=[("condition", sciatica), ("condition", knee)],
    )
    return {"index": index, "sciatica": sciatica, "knee": knee, "back": back}


@pytest.fixture
def welsh_pages(bilingual, site_pages):
    """Welsh translations of Sciatica and Back surgery (Knee pain has none)."""
    return {
        "sciatica": translate(site_pages["sciatica"], bilingual),
        "back": translate(site_pages["back"], bilingual),
    }


def page_links(soup):
    return {
        "procedure": soup.select_one(".physio-procedures__link a")["href"],
        "treatment": soup.select_one(".physio-treatments a")["href"],
        "related": [a["href"] for a in soup.select(".physio-related__list a")],
        "breadcrumbs": [a["href"] for a in soup.select(".physio-breadcrumbs a")],
    }


def json_ld_breadcrumbs(soup):
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    trail = next(n for n in graph["@graph"] if n["@type"] == "BreadcrumbList")
    return [item["item"] for item in trail["itemListElement"]]


def test_a_welsh_page_links_to_welsh_pages_and_falls_back_to_english(
    client, site_pages, welsh_pages
):
    assert welsh_pages["back"].url == "/cy/conditions/back-surgery/"
    soup = page_soup(client, welsh_pages["back"].url)

    links = page_links(soup)
    assert links["procedure"] == "/cy/conditions/sciatica/"
    assert links["treatment"] == "/cy/conditions/sciatica/"
    # Knee pain is not translated: its English page, not a missing link.
    assert links["related"] == ["/cy/conditions/sciatica/", "/conditions/knee-pain/"]
    assert [a.get_text(strip=True) for a in soup.select(".physio-related__list a")][
        0
    ] == "Clunwst"
    # The Welsh trail: Wagtail copied the parents into Welsh as aliases.
    assert links["breadcrumbs"] == ["/cy/", "/cy/conditions/"]
    assert json_ld_breadcrumbs(soup) == [
        "http://localhost/cy/",
        "http://localhost/cy/conditions/",
        "http://localhost/cy/conditions/back-surgery/",
    ]


def test_the_english_page_keeps_its_english_links(client, site_pages, welsh_pages):
    links = page_links(page_soup(client, site_pages["back"].url))
    assert links["procedure"] == links["treatment"] == "/conditions/sciatica/"
    assert links["related"] == ["/conditions/sciatica/", "/conditions/knee-pain/"]
    assert links["breadcrumbs"] == ["/", "/conditions/"]


def test_a_draft_translation_is_never_linked_to(client, site_pages, welsh_pages):
    welsh_pages["sciatica"].unpublish()
    links = page_links(page_soup(client, welsh_pages["back"].url))
    assert links["procedure"] == "/conditions/sciatica/"
    assert links["related"][0] == "/conditions/sciatica/"


def test_a_private_translation_is_never_linked_to(client, site_pages, welsh_pages):
    PageViewRestriction.objects.create(
        page=welsh_pages["sciatica"], restriction_type=PageViewRestriction.LOGIN
    )
    soup = page_soup(client, welsh_pages["back"].url)
    assert page_links(soup)["procedure"] == "/conditions/sciatica/"
    assert "Clunwst" not in str(soup)


def test_a_link_chosen_in_welsh_stays_welsh_on_the_english_page(
    client, bilingual, site_pages, welsh_pages
):
    # An editor chose the Welsh page on the English one: English readers get
    # the English page.
    back = site_pages["back"]
    back.related_conditions = [("condition", welsh_pages["sciatica"])]
    back.save_revision().publish()
    links = page_links(page_soup(client, back.url))
    assert links["related"] == ["/conditions/sciatica/"]


def render(page, language):
    """The HTML of ``page`` as its view renders it (Wagtail's routing aside)."""
    request = RequestFactory().get(page.url)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        return page.serve(request).render().content.decode()


def rendering_queries(page, language):
    render(page, language)  # renditions and caches, as after a first visit
    with CaptureQueriesContext(connection) as queries:
        render(page, language)
    return len(queries)


@pytest.fixture
def render_cache_off(settings):
    """What rendering the links costs, not what the render cache saves: with it
    on, a warm page costs the same few queries whatever its links."""
    settings.WAGTAIL_PHYSIO = {"RENDER_CACHE": False}


def test_a_welsh_page_costs_the_same_queries_as_the_english_one(
    site_pages, welsh_pages, django_assert_num_queries, render_cache_off
):
    # Wagtail's own routing into the Welsh tree costs a query more (the site
    # root's translation), and one per aliased ancestor (its view restriction
    # check); the page itself costs what the English one does.
    english = rendering_queries(site_pages["back"], "en-gb")
    render(welsh_pages["back"], "cy")
    with django_assert_num_queries(english):
        html = render(welsh_pages["back"], "cy")
    assert 'href="/cy/conditions/sciatica/"' in html


def test_a_welsh_page_with_fallbacks_costs_the_same_as_the_english_one(
    site_pages, welsh_pages, django_assert_num_queries, render_cache_off
):
    english = rendering_queries(site_pages["back"], "en-gb")
    welsh_pages["sciatica"].unpublish()
    render(welsh_pages["back"], "cy")
    with django_assert_num_queries(english):
        html = render(welsh_pages["back"], "cy")
    assert 'href="/conditions/sciatica/"' in html
    assert 'href="/cy/conditions/sciatica/"' not in html


def test_the_api_gives_a_page_links_in_its_own_language(
    client, site_pages, welsh_pages
):
    def links(page):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        procedures = next(b for b in data["body"] if b["type"] == "procedures")
        return (
            procedures["value"]["procedures"][0]["page"]["url"],
            [item["url"] for item in data["related_conditions"]],
        )

    assert links(welsh_pages["back"]) == (
        "/cy/conditions/sciatica/",
        ["/cy/conditions/sciatica/", "/conditions/knee-pain/"],
    )
    assert links(site_pages["back"]) == (
        "/conditions/sciatica/",
        ["/conditions/sciatica/", "/conditions/knee-pain/"],
    )


def test_an_api_listing_of_both_languages_localizes_each_page(
    client, site_pages, welsh_pages
):
    data = client.get(
        "/api/v2/pages/?type=wagtail_physio.ConditionPage&slug=back-surgery"
        "&fields=related_conditions"
    ).json()
    related = {
        item["meta"]["locale"]: [r["url"] for r in item["related_conditions"]]
        for item in data["items"]
    }
    assert related == {
        "en-gb": ["/conditions/sciatica/", "/conditions/knee-pain/"],
        "cy": ["/cy/conditions/sciatica/", "/conditions/knee-pain/"],
    }


def test_a_draft_welsh_parent_in_the_trail_falls_back_to_the_english_page(
    client, site_pages, welsh_pages
):
    # Translated as a copy rather than an alias, and not yet published.
    welsh_index = Page.objects.get(
        translation_key=site_pages["index"].translation_key, locale__language_code="cy"
    )
    welsh_index.unpublish()
    soup = page_soup(client, welsh_pages["back"].url)
    assert page_links(soup)["breadcrumbs"] == ["/cy/", "/conditions/"]
    assert json_ld_breadcrumbs(soup)[1] == "http://localhost/conditions/"


def test_with_i18n_off_links_are_loaded_as_before(client, site_pages, settings):
    settings.WAGTAIL_I18N_ENABLED = False
    settings.ROOT_URLCONF = "tests.urls"
    sql = request_sql(client, site_pages["back"].url)
    assert len(page_links(page_soup(client, site_pages["back"].url))["related"]) == 2
    assert not any('"translation_key" IN' in query for query in sql)


def test_the_api_gives_a_pages_categories_in_its_own_language(
    client, bilingual, site_pages, welsh_pages
):
    from wagtail_physio.models import ConditionCategory

    knee = ConditionCategory.objects.create(name="Knee", sort_order=1)
    back = ConditionCategory.objects.create(name="Back and spine", sort_order=2)
    knee_cy = knee.copy_for_translation(bilingual)
    knee_cy.name, knee_cy.slug = "Pen-glin", "pen-glin"
    knee_cy.save()
    for page in (site_pages["back"], welsh_pages["back"]):
        page.categories = [knee, back]  # chosen in English on both
        page.save_revision().publish()

    def names(page):
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        return [category["name"] for category in data["categories"]]

    assert names(welsh_pages["back"]) == ["Pen-glin", "Back and spine"]
    assert names(site_pages["back"]) == ["Knee", "Back and spine"]
    listing = client.get(
        "/api/v2/pages/?type=wagtail_physio.ConditionPage&slug=back-surgery"
        "&fields=categories"
    ).json()
    assert {
        item["meta"]["locale"]: [category["slug"] for category in item["categories"]]
        for item in listing["items"]
    } == {"en-gb": ["knee", "back-and-spine"], "cy": ["pen-glin", "back-and-spine"]}
