"""Pages say which language each part is in, and sample text follows the editor's
language: the ``lang`` attributes, and block previews in Welsh."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale

from tests.factories import full_body, make_condition_page, page_soup
from wagtail_physio.blocks import (
    CallToActionBlock,
    DoDontBlock,
    ParagraphBlock,
    UrgentAdviceBlock,
)
from wagtail_physio.core.languages import LOCALES_TRUSTED_FOR, content_language
from wagtail_physio.locations.blocks import ClinicLocationsBlock

pytestmark = pytest.mark.django_db


def welsh_soup(client, page):
    with translation.override("cy"):
        return page_soup(client, page)


def test_html_lang_is_the_active_language(client, condition_index):
    page = make_condition_page(condition_index)
    assert page_soup(client, page).html["lang"] == "en-gb"
    assert welsh_soup(client, page).html["lang"] == "cy"


def test_without_wagtail_i18n_content_is_not_marked_with_a_language(
    client, condition_index
):
    """All content is in the site's language: nothing to mark, no query spent."""
    page = make_condition_page(condition_index)
    article = welsh_soup(client, page).select_one("article.physio-condition")
    assert not article.has_attr("lang")
    assert not article.select("[lang]")


CLINICAL_BLOCKS = [
    {
        "type": "urgent_advice",
        "value": {
            "level": "emergency",
            "heading": "Call 999 if you have",
            "symptoms": ["Weakness in both legs"],
            "advice": "",
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "heading": "Go gently",
            "text": "Stop if it hurts.",
        },
    },
    {
        "type": "do_dont",
        "value": {
            "heading": "The first weeks",
            "intro": "",
            "do": ["Walk every day"],
            "dont": ["Lift heavy things"],
        },
    },
]


@pytest.fixture
def bilingual(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [
        ("en-gb", "English"),
        ("cy", "Cymraeg"),
    ]
    Locale.objects.get_or_create(language_code="cy")


def test_an_english_page_read_in_welsh_marks_its_content_english(
    client, condition_index, bilingual
):
    linked = make_condition_page(condition_index, title="Sciatica")
    page = make_condition_page(
        condition_index,
        body=full_body(linked_page=linked) + CLINICAL_BLOCKS,
        show_table_of_contents=True,
        last_reviewed=datetime.date(2026, 1, 1),
    )
    soup = welsh_soup(client, page)

    article = soup.select_one("article.physio-condition")
    assert article["lang"] == page.locale.language_code
    # The package's own words in the footer are Welsh, and say so.
    footer = article.select_one(".physio-condition__footer")
    assert footer["lang"] == "cy"
    reviewed = footer.select_one(".physio-review-dates__item")
    assert reviewed.get_text(" ", strip=True) == (
        "Adolygwyd y dudalen ddiwethaf: 1 Ionawr 2026"
    )
    # So are the blocks' and the page's own labels among the English content.
    labels = article.select(
        ".physio-toc__heading, .physio-do-dont__title, .physio-urgent__level, "
        ".physio-urgent__action, .physio-callout__heading .physio-visually-hidden, "
        ".physio-procedures__link, .physio-cta__phone"
    )
    assert len(labels) >= 7
    assert {label["lang"] for label in labels} == {"cy"}
    assert not article.select_one(".physio-condition__title").has_attr("lang")


def test_an_english_page_read_in_english_has_no_extra_lang(
    client, condition_index, bilingual
):
    page = make_condition_page(condition_index)
    with translation.override("en"):
        article = page_soup(client, page).select_one("article.physio-condition")
    assert not article.has_attr("lang")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("physio_lang", ' lang="en-gb"'), ("physio_ui_lang", ' lang="cy"')],
)
def test_lang_tags_mark_only_what_differs(bilingual, tag, expected):
    english = Locale.objects.get(language_code="en-gb")
    welsh = Locale.objects.get(language_code="cy")
    template = Template(f"{{% load physio_tags %}}<p{{% {tag} locale_id %}}>")
    with translation.override("cy"):
        assert template.render(Context({"locale_id": english.pk})) == f"<p{expected}>"
        assert template.render(Context({"locale_id": welsh.pk})) == "<p>"
        # Objects without a locale (not translatable yet) are left alone.
        assert template.render(Context({})) == "<p>"


def test_the_locales_are_read_once_a_minute_not_on_every_request(
    bilingual, django_assert_num_queries
):
    """Pages mark many parts with their language: the locales behind the marks
    are read once, then trusted for a minute, a locale never seen read at once."""
    english = Locale.objects.get(language_code="en-gb")
    with translation.override("cy"):
        with django_assert_num_queries(1):
            assert content_language(english.pk) == "en-gb"
        with django_assert_num_queries(0):
            assert content_language(english.pk) == "en-gb"
        # Added behind the ORM's back (no signal): an unknown id reads them again.
        Locale.objects.bulk_create([Locale(language_code="fr")])
        french = Locale.objects.get(language_code="fr")
        with django_assert_num_queries(1):
            assert content_language(french.pk) == "fr"
        # A changed language code shows within the minute.
        Locale.objects.filter(pk=french.pk).update(language_code="de")
        assert content_language(french.pk) == "fr"
        later = time.monotonic() + LOCALES_TRUSTED_FOR + 1
        with mock.patch("time.monotonic", return_value=later):
            assert content_language(french.pk) == "de"


def test_a_locale_saved_here_is_read_again_at_once(bilingual):
    welsh = Locale.objects.get(language_code="cy")
    with translation.override("en"):
        assert content_language(welsh.pk) == "cy"
        welsh.language_code = "fr"
        welsh.save()
        assert content_language(welsh.pk) == "fr"


@pytest.mark.parametrize(
    ("block", "english", "welsh"),
    [
        (CallToActionBlock(), "Book an appointment", "Trefnu apwyntiad"),
        (UrgentAdviceBlock(), "Weakness in both legs", "Gwendid yn y ddwy goes"),
        (DoDontBlock(), "Change position often", "Newidiwch eich safle yn aml"),
        (ParagraphBlock(), "Most people are walking", "Mae’r rhan fwyaf o bobl"),
        (ClinicLocationsBlock(), "Where to find us", "Ble i ddod o hyd i ni"),
    ],
)
def test_block_previews_follow_the_editors_language(block, english, welsh):
    def preview():
        return block.render(block.get_preview_value(), context={})

    assert english in preview()
    with translation.override("cy"):
        shown = preview()
    assert welsh in shown
    assert english not in shown
