"""A bilingual clinic site: English pages translated into Welsh with wagtail-localize.

This run does not load ``tests/conftest.py`` (``--confcutdir``); the fixtures every
test needs are imported from it.
"""

import pytest
from django.test import TestCase
from wagtail.models import Locale, Site
from wagtail_localize.models import StringTranslation, TranslationSource

from tests.conftest import empty_cache, media_root  # noqa: F401
from tests.factories import make_condition_index, make_condition_page, make_home_page
from tests.factories.streams import full_body

#: The Welsh for the English strings the pages below are made of; any string not
#: here stays English in the translation (wagtail-localize's fallback).
WELSH = {
    "Harbourside clinic": "Clinig Glan yr Harbwr",
    "Conditions": "Cyflyrau",
    "Sciatica": "Clunwst",
    "Back surgery": "Llawdriniaeth ar y cefn",
    "Types of surgery": "Mathau o lawdriniaeth",
    "Treatments": "Triniaethau",
}


def translate(page, locale):
    """Translate ``page`` with wagtail-localize, as an editor would: strings in
    ``WELSH`` translated, the rest kept, the translation published."""
    source, _ = TranslationSource.get_or_create_from_instance(page.specific)
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in WELSH:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": WELSH[segment.string.data]},
            )
    # wagtail-localize publishes once the transaction commits, which a test's
    # never does: its callbacks run here instead.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation, _ = source.create_or_update_translation(locale, fallback=True)
    translation.refresh_from_db()
    return translation.specific


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def english_pages(db):
    """Home › Conditions › Knee pain, Sciatica and Back surgery, which links to
    Sciatica from its blocks, and to both others as related conditions."""
    site = Site.objects.get(is_default_site=True)
    home = make_home_page("Harbourside clinic", "harbourside")
    site.root_page = home
    site.save()
    index = make_condition_index(home)
    index.save_revision().publish()
    knee = make_condition_page(index, "Knee pain")
    # Its text links to the index (Wagtail's rich text links) and to Knee pain.
    sciatica = make_condition_page(
        index,
        "Sciatica",
        body=[
            {
                "type": "paragraph",
                "value": (
                    f'<p>See <a linktype="page" id="{index.pk}">all conditions</a>'
                    f' and <a linktype="page" id="{knee.pk}">knee pain</a>.</p>'
                ),
            }
        ],
    )
    back = make_condition_page(
        index,
        "Back surgery",
        body=full_body(linked_page=sciatica),
        related_conditions=[("condition", sciatica), ("condition", knee)],
    )
    return {
        "home": home,
        "index": index,
        "sciatica": sciatica,
        "knee": knee,
        "back": back,
    }


@pytest.fixture
def welsh_pages(welsh, english_pages):
    """Everything but Knee pain translated into Welsh."""
    return {
        name: translate(english_pages[name], welsh)
        for name in ("home", "index", "sciatica", "back")
    }
