"""The demo clinic in Welsh: every Welsh page answers, in Welsh, behind the
language switch, and links across languages only where no Welsh page exists."""

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from wagtail.models import Locale, Page

from home.demo_content import load_demo_content
from home.demo_welsh import load_welsh_content
from tests.bilingual.test_translated_site import crossing_links, page_links
from tests.factories.requests import page_html


@pytest.fixture
def demo(db):
    with TestCase.captureOnCommitCallbacks(execute=True):
        load_demo_content()
        created = load_welsh_content()
    return created


def test_the_demo_has_a_welsh_version_of_its_pages(client, demo):
    welsh = Locale.objects.get(language_code="cy")
    assert sorted(page.url for page in demo) == [
        "/cy/",
        "/cy/conditions/",
        "/cy/conditions/knee-replacement/",
        "/cy/conditions/sciatica/",
    ]
    for page in demo:
        html = page_html(client, page.url)
        soup = BeautifulSoup(html, "html.parser")
        assert soup.html["lang"] == "cy"
        assert soup.h1.get_text(strip=True) == page.title
        english = page.get_translation(Locale.get_default())
        assert page.title != english.title, "written in Welsh"
        switch = soup.select_one("nav.physio-language-switch a[hreflang=en-gb]")
        assert switch["href"] == english.url
        assert page_links(html), page.url
        assert crossing_links(html, welsh) == [], page.url


def test_the_untranslated_page_falls_back_to_english(client, demo):
    # Back surgery is left in English: the Welsh pages link to it, and its
    # switch leads to the Welsh home page.
    html = page_html(client, "/cy/conditions/sciatica/")
    assert "/conditions/back-surgery/" in page_links(html)
    back = Page.objects.get(slug="back-surgery")
    soup = BeautifulSoup(page_html(client, back.url), "html.parser")
    assert soup.select_one("nav.physio-language-switch a[lang=cy]")["href"] == "/cy/"


def test_loading_the_welsh_demo_twice_adds_nothing(demo):
    assert load_welsh_content() == []


def test_the_welsh_demo_pages_show_welsh_categories_and_banner(client, demo):
    soup = BeautifulSoup(page_html(client, "/cy/conditions/"), "html.parser")
    filters = [a.get_text(strip=True) for a in soup.select(".physio-category-filter a")]
    assert "Pen-glin" in filters and "Knee" not in filters
    banner = soup.select_one(".physio-notice__message")
    assert "Does dim modd trefnu apwyntiad ar-lein" in banner.get_text()
    assert banner.get("lang", "cy") == "cy"
    english = BeautifulSoup(page_html(client, "/conditions/"), "html.parser")
    assert (
        "Online booking is unavailable"
        in english.select_one(".physio-notice__message").get_text()
    )
