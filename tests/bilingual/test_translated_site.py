"""A site translated with wagtail-localize: every link on a Welsh page stays in
Welsh where a Welsh page exists, and falls back to the English page where none does.
"""

import json

from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories.requests import page_html

ROOT_URL = "http://localhost"
#: Links that are meant to lead to another language.
SWITCHING = ".physio-language-switch a, link[rel=alternate]"


def page_links(html):
    """Every address of a page of this site that ``html`` gives a reader or a
    search engine: links, the structured data's URLs; not the language switch."""
    soup = BeautifulSoup(html, "html.parser")
    switching = set(map(id, soup.select(SWITCHING)))
    hrefs = [a["href"] for a in soup.select("a[href]") if id(a) not in switching]
    for script in soup.find_all("script", type="application/ld+json"):
        hrefs += list(json_ld_urls(json.loads(script.string)))
    return [
        href.removeprefix(ROOT_URL)
        for href in hrefs
        if href.startswith(("/", ROOT_URL)) and "#" not in href
    ]


def json_ld_urls(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "item") and isinstance(value, str):
                yield value
            else:
                yield from json_ld_urls(value)
    elif isinstance(node, list):
        for item in node:
            yield from json_ld_urls(item)


def pages_by_url():
    return {page.url: page for page in Page.objects.live().specific() if page.url}


def crossing_links(html, locale):
    """Links from a page in ``locale`` to another language's page although the
    linked page has a live translation in ``locale``."""
    pages = pages_by_url()
    crossing = []
    for url in page_links(html):
        assert url in pages, f"{url} is no page of the site"
        page = pages[url]
        if page.locale_id != locale.pk and (
            Page.objects.live().filter(
                translation_key=page.translation_key, locale=locale
            )
        ):
            crossing.append(url)
    return crossing


def test_no_link_on_a_welsh_page_crosses_languages(client, welsh, welsh_pages):
    for page in welsh_pages.values():
        html = page_html(client, page.url)
        assert page.url.startswith("/cy/")
        assert page_links(html), page.url
        assert crossing_links(html, welsh) == [], page.url


def test_no_link_on_an_english_page_crosses_languages(
    client, english_pages, welsh_pages
):
    english = english_pages["back"].locale
    for page in english_pages.values():
        html = page_html(client, page.url)
        assert crossing_links(html, english) == [], page.url
        assert not any(url.startswith("/cy/") for url in page_links(html))


def test_a_welsh_page_links_to_welsh_pages_and_to_english_where_none_exists(
    client, welsh_pages
):
    soup = BeautifulSoup(page_html(client, welsh_pages["back"].url), "html.parser")
    assert welsh_pages["back"].url == "/cy/conditions/back-surgery/"
    assert soup.select_one(".physio-procedures__link a")["href"] == (
        "/cy/conditions/sciatica/"
    )
    assert soup.select_one("a.physio-treatments__name")["href"] == (
        "/cy/conditions/sciatica/"
    )
    # Knee pain has no Welsh page: the English one, not a missing link.
    assert [a["href"] for a in soup.select(".physio-related__list a")] == [
        "/cy/conditions/sciatica/",
        "/conditions/knee-pain/",
    ]
    assert [a["href"] for a in soup.select(".physio-breadcrumbs a")] == [
        "/cy/",
        "/cy/conditions/",
    ]
    assert soup.select_one(".physio-related__list a").get_text(strip=True) == "Clunwst"


def test_rich_text_links_follow_the_reader_too(client, welsh_pages):
    # Wagtail expands these itself, following the active language (the page's).
    soup = BeautifulSoup(page_html(client, welsh_pages["sciatica"].url), "html.parser")
    assert soup.find("a", string="all conditions")["href"] == "/cy/conditions/"
    assert soup.find("a", string="knee pain")["href"] == "/conditions/knee-pain/"


def test_the_welsh_index_lists_welsh_pages(client, welsh_pages):
    soup = BeautifulSoup(page_html(client, welsh_pages["index"].url), "html.parser")
    listed = {a.get_text(strip=True): a["href"] for a in soup.select("main li a")}
    assert listed["Clunwst"] == "/cy/conditions/sciatica/"
    assert listed["Llawdriniaeth ar y cefn"] == "/cy/conditions/back-surgery/"


def test_the_welsh_page_structured_data_stays_welsh(client, welsh_pages):
    soup = BeautifulSoup(page_html(client, welsh_pages["back"].url), "html.parser")
    graph = json.loads(soup.find("script", type="application/ld+json").string)
    trail = next(n for n in graph["@graph"] if n["@type"] == "BreadcrumbList")
    assert [item["item"] for item in trail["itemListElement"]] == [
        f"{ROOT_URL}/cy/",
        f"{ROOT_URL}/cy/conditions/",
        f"{ROOT_URL}/cy/conditions/back-surgery/",
    ]
    page_node = next(n for n in graph["@graph"] if n["@type"] == "MedicalWebPage")
    assert page_node["url"] == f"{ROOT_URL}/cy/conditions/back-surgery/"


def test_the_api_gives_the_welsh_page_its_welsh_links(client, welsh_pages):
    data = client.get(f"/api/v2/pages/{welsh_pages['back'].pk}/").json()
    procedures = next(b for b in data["body"] if b["type"] == "procedures")
    treatments = next(b for b in data["body"] if b["type"] == "treatments")
    assert procedures["value"]["procedures"][0]["page"]["url"] == (
        "/cy/conditions/sciatica/"
    )
    assert treatments["value"]["treatments"][0]["link_url"] == (
        "/cy/conditions/sciatica/"
    )
    assert [item["url"] for item in data["related_conditions"]] == [
        "/cy/conditions/sciatica/",
        "/conditions/knee-pain/",
    ]


def test_an_unpublished_or_private_translation_is_never_linked_to(client, welsh_pages):
    welsh_pages["sciatica"].unpublish()
    html = page_html(client, welsh_pages["back"].url)
    assert "/cy/conditions/sciatica/" not in html
    assert 'href="/conditions/sciatica/"' in html

    welsh_pages["sciatica"].save_revision().publish()
    PageViewRestriction.objects.create(
        page=welsh_pages["sciatica"], restriction_type=PageViewRestriction.LOGIN
    )
    html = page_html(client, welsh_pages["back"].url)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".physio-procedures__link a")["href"] == (
        "/conditions/sciatica/"
    )
    assert "Clunwst" not in html


def test_the_language_switch_leads_to_the_page_in_the_other_language(
    client, english_pages, welsh_pages
):
    soup = BeautifulSoup(page_html(client, welsh_pages["back"].url), "html.parser")
    assert soup.html["lang"] == "cy"
    switch = soup.select_one("nav.physio-language-switch")
    english = switch.select_one("a")
    assert english["href"] == "/conditions/back-surgery/"
    assert english["hreflang"] == english["lang"] == "en-gb"
    assert english.get_text(strip=True) == "English"
    current = switch.select_one("[aria-current]")
    assert (current.name, current["lang"], current.get_text(strip=True)) == (
        "span",
        "cy",
        "Cymraeg",
    )


def test_an_untranslated_page_switches_to_the_other_language_home(
    client, english_pages, welsh_pages
):
    soup = BeautifulSoup(page_html(client, english_pages["knee"].url), "html.parser")
    welsh = soup.select_one("nav.physio-language-switch a")
    assert (welsh["href"], welsh["lang"], welsh.get_text(strip=True)) == (
        "/cy/",
        "cy",
        "Cymraeg",
    )
    # Not an equivalent page, so no alternate for search engines.
    assert soup.select("link[rel=alternate]") == []


def test_search_engines_are_told_of_each_translation(
    client, english_pages, welsh_pages
):
    for page in (english_pages["back"], welsh_pages["back"]):
        soup = BeautifulSoup(page_html(client, page.url), "html.parser")
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.head.select("link[rel=alternate][hreflang]")
        }
        assert alternates == {
            "en-gb": f"{ROOT_URL}/conditions/back-surgery/",
            "cy": f"{ROOT_URL}/cy/conditions/back-surgery/",
            "x-default": f"{ROOT_URL}/conditions/back-surgery/",
        }


def render_queries(page, language):
    """Queries of rendering ``page`` once caches are warm, Wagtail's routing aside."""
    request = RequestFactory().get(page.url)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    with translation.override(language):
        page.serve(request).render()
        request = RequestFactory().get(page.url)
        request._wagtail_site = Site.objects.get(is_default_site=True)
        with CaptureQueriesContext(connection) as queries:
            html = page.serve(request).render().content.decode()
    return len(queries), html


def test_a_welsh_page_costs_what_the_english_page_costs(
    english_pages, welsh_pages, django_assert_num_queries, settings
):
    # What rendering costs, not what the render cache saves (with a shared cache,
    # as on PostgreSQL with Redis, it would serve both from a few queries).
    settings.WAGTAIL_PHYSIO = {**settings.WAGTAIL_PHYSIO, "RENDER_CACHE": False}
    english, english_html = render_queries(english_pages["back"], "en-gb")
    welsh, welsh_html = render_queries(welsh_pages["back"], "cy")
    assert "physio-language-switch" in welsh_html
    assert 'href="/cy/conditions/sciatica/"' in welsh_html
    assert welsh == english


def test_the_switch_and_alternates_share_one_query(english_pages, welsh_pages):
    request = RequestFactory().get(welsh_pages["back"].url)
    request._wagtail_site = Site.objects.get(is_default_site=True)
    with translation.override("cy"), CaptureQueriesContext(connection) as queries:
        html = welsh_pages["back"].serve(request).render().content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("nav.physio-language-switch a")
    assert soup.select("link[rel=alternate]")
    # The page's translations (locations, loaded in the reader's language, have
    # translation keys too).
    translations = [
        q
        for q in queries
        if '"translation_key" = ' in q["sql"]
        and q["sql"].startswith('SELECT "wagtailcore_page"')
    ]
    assert len(translations) == 1
