"""Every page type of the demo clinic, read in Welsh, has no English left from the
package: each string of the package's catalogue whose Welsh differs from its
English is looked for in what a reader sees or a screen reader reads.

The demo's content is English, as its editors wrote it; only the package's own
words count. A text that is exactly one of the editors' is theirs, whatever it says.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.utils import translation

import wagtail_physio
from home.demo_content import load_demo_content
from tests.factories import make_notice
from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

WELSH_CATALOGUE = (
    Path(wagtail_physio.__file__).parent / "locale" / "cy" / "LC_MESSAGES" / "django.po"
)

#: Punctuation around a package string in a text node: "– closes at 8 p.m.",
#: "(special opening hours today)", "Phone:".
EDGES = " \t\n–-—:;,.·()“”\"'"

#: Printf and format placeholders, each standing for some text of the page.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


def po_entries(path: Path) -> list[dict[str, Any]]:
    """The entries of a .po file: ``msgid``, ``msgid_plural`` and a ``msgstr`` list."""
    entries: list[dict[str, Any]] = []
    entry: dict[str, Any] = {}
    field = ""
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry.get("msgid"):  # the header's msgid is empty
                entries.append(entry)
            entry = {}
        elif line.startswith('"'):  # a long string continued
            text = unquote(line)
            if field == "msgstr":
                entry["msgstr"][-1] += text
            else:
                entry[field] += text
        elif not line.startswith("#"):
            keyword, _, quoted = line.partition(" ")
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if field == "msgstr":
                entry.setdefault("msgstr", []).append(unquote(quoted))
            else:
                entry[field] = unquote(quoted)
    return entries


def unquote(quoted: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), quoted[1:-1])


def english_package_strings() -> list[tuple[str, str]]:
    """``(msgid, part)`` for each part of the catalogue's English that a page may
    show on its own and whose Welsh is different."""
    found = set()
    for entry in po_entries(WELSH_CATALOGUE):
        welsh = {part for text in entry["msgstr"] for part in segments(text)}
        for english in [entry["msgid"], entry.get("msgid_plural", "")]:
            english = english.replace("%%", "%")
            found.update(
                (english, part) for part in segments(english) if part not in welsh
            )
    return sorted(found)


def segments(text: str) -> list[str]:
    """The parts of a package string that stand alone in a page: HTML in a string
    (a visually hidden "of …") splits it into text nodes."""
    parts = [part.strip(EDGES) for part in re.split(r"<[^>]+>", text)]
    # A part that is only a placeholder ("<strong>%(state)s</strong>") is the
    # page's text, not the package's.
    return [part for part in parts if re.search(r"[^\W\d_]", PLACEHOLDER.sub("", part))]


def pattern_of(segment: str) -> re.Pattern[str]:
    pieces = PLACEHOLDER.split(segment)
    return re.compile(".+?".join(re.escape(piece) for piece in pieces), re.S)


def read_texts(html: str) -> list[str]:
    """What a reader sees and a screen reader reads: the text nodes of the body,
    with labels and alternative text, each trimmed of punctuation at its ends."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "head"]):
        hidden.decompose()
    texts = [
        " ".join(str(node).split())
        for node in soup.find_all(string=True)
        if isinstance(node, NavigableString)
    ]
    for attribute in ("aria-label", "alt", "title", "placeholder"):
        texts += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})]
    return [text.strip(EDGES) for text in texts if text.strip(EDGES)]


def editor_texts() -> set[str]:
    """Every text the demo's editors wrote, as the page's text nodes show it."""
    values: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            values.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for model in (
        ConditionPage,
        ConditionIndexPage,
        ConditionCategory,
        ClinicLocation,
        NoticeBanner,
        ClinicContactSettings,
    ):
        for instance in model.objects.all():
            for field in instance._meta.concrete_fields:
                collect(field.value_to_string(instance))
            if isinstance(instance, ConditionPage):
                collect(list(instance.body.raw_data))
            if isinstance(instance, ClinicLocation):
                for row in instance.special_opening_hours.all():
                    collect(row.note)
    texts = set()
    for value in values:
        texts.update(read_texts(f"<body>{value}</body>"))
    return texts


def untranslated(html: str, editors: set[str]) -> list[tuple[str, str]]:
    """``(package string, page text)`` for each package string left in English."""
    patterns = [
        (english, pattern_of(part)) for english, part in english_package_strings()
    ]
    return [
        (english, text)
        for text in read_texts(html)
        if text not in editors
        for english, pattern in patterns
        if pattern.fullmatch(text)
    ]


@pytest.fixture
def welsh_demo(settings):
    """The demo, with a banner of each severity, in a site template with the
    banners at the top and the contact panel in the footer."""
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/site_base.html"}
    load_demo_content()
    make_notice(
        "<p>The Millbrook car park is closed for resurfacing this week.</p>",
        severity="warning",
    )
    make_notice(
        "<p>We now offer evening appointments at Quayside.</p>",
        severity="info",
        cta_type="link",
        cta_url="https://example.com/evenings",
        cta_label="Evening appointments",
    )


def demo_urls() -> list[str]:
    """The home page, each conditions index as found, filtered, searched and with
    nothing found, and every condition page."""
    category = ConditionCategory.objects.order_by("sort_order", "name").first()
    urls = ["/"]
    for index in ConditionIndexPage.objects.live().order_by("path"):
        urls += [
            index.url,
            f"{index.url}?category={category.slug}",
            f"{index.url}?q=back",
            f"{index.url}?q=back&category={category.slug}",
            f"{index.url}?q=nothing-at-all-like-this",
        ]
    urls += [page.url for page in ConditionPage.objects.live().order_by("path")]
    return urls


def get_in_welsh(client, url):
    with translation.override("cy"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_check_finds_the_package_strings_of_an_english_page(client, welsh_demo):
    """The same pages in English: the check sees the package's words there, so
    finding none in Welsh means they were translated, not missed."""
    editors = editor_texts()
    page = ConditionPage.objects.get(slug="back-surgery")
    found = {
        english
        for english, _ in untranslated(client.get(page.url).content.decode(), editors)
    }
    for english in (
        "Skip to main content",
        "Urgent notice:",
        "Important notice:",
        "Notice:",
        "Page last reviewed:",
        "Opening hours, %(name)s",
        "Phone:",
        "to",
        "Get in touch",
        "Monday",
    ):
        assert english in found


def test_every_demo_page_type_in_welsh_has_no_english_from_the_package(
    client, welsh_demo
):
    editors = editor_texts()
    pages = {url: get_in_welsh(client, url) for url in demo_urls()}
    left = {url: untranslated(html, editors) for url, html in pages.items()}
    assert {url: found for url, found in left.items() if found} == {}

    # Every part of the package was on one of them, so none was left unchecked.
    shown = BeautifulSoup("".join(pages.values()), "html.parser")
    for part in (
        ".physio-notice--urgent",
        ".physio-notice--warning",
        ".physio-notice--info",
        ".physio-contact",
        ".physio-location",
        ".physio-hours--special",
        ".physio-review-dates",
        ".physio-az",
        ".physio-category-filter",
        ".physio-results-summary",
        ".physio-related",
        ".physio-do-dont",
        ".physio-urgent",
        ".physio-callout",
        ".physio-cta",
    ):
        assert shown.select_one(part), part


def test_welsh_pages_show_welsh_dates_times_and_language(client, welsh_demo):
    page = ConditionPage.objects.get(slug="back-surgery")
    html = get_in_welsh(client, page.url)
    soup = BeautifulSoup(html, "html.parser")

    assert soup.html["lang"] == "cy"
    reviewed = soup.select_one(".physio-review-dates__item").get_text(" ", strip=True)
    assert reviewed.startswith("Adolygwyd y dudalen ddiwethaf:")
    with translation.override("cy"):
        month = page.last_reviewed.strftime("%m")
    welsh_months = {
        "01": "Ionawr", "02": "Chwefror", "03": "Mawrth", "04": "Ebrill",
        "05": "Mai", "06": "Mehefin", "07": "Gorffennaf", "08": "Awst",
        "09": "Medi", "10": "Hydref", "11": "Tachwedd", "12": "Rhagfyr",
    }  # fmt: skip
    assert reviewed.endswith(
        f"{page.last_reviewed.day} {welsh_months[month]} {page.last_reviewed.year}"
    )

    hours = soup.select_one(".physio-hours").get_text(" ", strip=True)
    assert "Dydd Llun" in hours
    # Times follow Welsh TIME_FORMAT: "7 y.b.", "8 y.h.", never "a.m."/"p.m.".
    assert re.search(r"\d y\.[bh]\.", hours)
    assert "a.m." not in html and "p.m." not in html
