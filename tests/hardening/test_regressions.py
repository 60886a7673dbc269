"""What the hostile-input suite found, each pinned by a focused test.

1. Rich text cleaning kept CDATA sections, processing instructions and
   declarations as they came. A browser reads ``<![CDATA[>`` as a comment ending
   at the first ``>``, so ``<![CDATA[><img src=x onerror=alert(1)>]]>`` ran script
   wherever imported rich text shows: body paragraphs, index intros, notice
   banners (pages and the notices JSON), the API.
2. Rich text cleaning walked the tree recursively: a few hundred nested tags
   exhausted Python's stack, so a page with such a paragraph or index intro
   answered 500, and saving such a banner from code failed.
3. An urgent-advice block whose level was not one of the three (imported as
   "Emergency", or anything else) showed no level and told readers the
   non-urgent "Contact us or your GP", under a heading such as "Call 999 if you
   have". It now falls back to the block's default, emergency, as headings and
   callouts fall back to theirs.
"""

import json

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_condition_page, make_notice, page_html
from wagtail_physio.core.rich_text import clean_body_rich_text, clean_inline_rich_text
from wagtail_physio.models import ConditionIndexPage, NoticeBanner

CDATA = "<![CDATA[><img src=x onerror=alert(1)>]]>"
HIDDEN_IN_MARKUP = [
    CDATA,
    "<![CDATA[ > <img src=x onerror=alert(1)> ]]>",
    "<b><![CDATA[</b><img src=x onerror=alert(1)>]]></b>",
    "<?x > <img src=x onerror=alert(1)> ?>",
    "<!DOCTYPE x <img src=x onerror=alert(1)>>",
]


def runs_script(html):
    """True if a browser parsing ``html`` would get an element with a handler."""
    soup = BeautifulSoup(html, "html5lib")
    return any(
        name.lower().startswith("on")
        for tag in soup.find_all(True)
        for name in tag.attrs
    ) or bool(soup.find("script"))


@pytest.mark.parametrize("clean", [clean_body_rich_text, clean_inline_rich_text])
@pytest.mark.parametrize("markup", HIDDEN_IN_MARKUP)
def test_cdata_instructions_and_declarations_are_dropped(clean, markup):
    cleaned = clean(f"<p>Before {markup} after</p>")
    assert not runs_script(cleaned), cleaned
    assert "<![" not in cleaned and "<?" not in cleaned and "<!D" not in cleaned
    assert "Before" in cleaned and "after" in cleaned


@pytest.mark.parametrize("clean", [clean_body_rich_text, clean_inline_rich_text])
def test_deeply_nested_markup_is_cleaned_without_exhausting_the_stack(clean):
    deep = "<b>" * 5000 + "Deep words<script>alert(1)</script>" + "</b>" * 5000
    cleaned = clean(f"<p>{deep}</p>")
    assert "Deep words" in cleaned
    assert "<script" not in cleaned


def test_cleaning_still_keeps_what_it_kept_and_drops_what_it_dropped():
    html = (
        '<p>A <b>bold</b> <a href="https://ok.example/" onclick="x">link</a>'
        '<a linktype="page" id="3">page</a><!-- note --><script>alert(1)</script>'
        '<embed embedtype="image" id="4" format="left" alt="A"/></p>'
    )
    assert clean_body_rich_text(html) == (
        '<p>A <b>bold</b> <a href="https://ok.example/">link</a>'
        '<a id="3" linktype="page">page</a>'
        '<embed alt="A" embedtype="image" format="left" id="4"/></p>'
    )
    assert clean_inline_rich_text(html) == (
        '<p>A <b>bold</b> <a href="https://ok.example/">link</a>'
        '<a id="3" linktype="page">page</a></p>'
    )


@pytest.mark.django_db
def test_an_imported_paragraph_hiding_markup_in_cdata_runs_nothing(
    client, condition_index
):
    page = make_condition_page(
        condition_index,
        body=json.dumps([{"type": "paragraph", "value": f"<p>Hi {CDATA}</p>"}]),
    )
    assert not runs_script(
        str(BeautifulSoup(page_html(client, page), "html5lib").find("main"))
    )
    for query in ("", "?rich_text_format=html"):
        data = client.get(f"/api/v2/pages/{page.pk}/{query}").json()
        assert not runs_script(data["body"][0]["value"])


@pytest.mark.django_db
def test_a_banner_message_hiding_markup_in_cdata_runs_nothing(client, clinic_home):
    banner = make_notice()
    NoticeBanner.objects.filter(pk=banner.pk).update(message=f"<p>Closed {CDATA}</p>")
    html = page_html(client, "/")
    assert "Closed" in html
    assert not runs_script(
        "".join(
            str(n) for n in BeautifulSoup(html, "html5lib").select(".physio-notice")
        )
    )
    (shown,) = client.get("/physio/notices.json").json()["banners"]
    assert not runs_script(shown["html"])


@pytest.mark.django_db
def test_a_page_with_a_deeply_nested_paragraph_answers(client, condition_index):
    deep = "<b>" * 1500 + "Deep words" + "</b>" * 1500
    page = make_condition_page(
        condition_index,
        body=[{"type": "paragraph", "value": f"<p>{deep}</p>"}],
    )
    assert "Deep words" in page_html(client, page)
    response = client.get(f"/api/v2/pages/{page.pk}/?rich_text_format=html")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_index_intro_deeply_nested_still_loads(client, condition_index):
    deep = "<i>" * 1500 + "Welcome" + "</i>" * 1500
    ConditionIndexPage.objects.filter(pk=condition_index.pk).update(
        intro=f"<p>{deep}</p>"
    )
    condition_index.save_revision().publish()
    assert "Welcome" in page_html(client, ConditionIndexPage.objects.get().url)


@pytest.mark.django_db
def test_a_deeply_nested_banner_saved_from_code_shows(client, clinic_home):
    deep = "<b>" * 1500 + "Phone us" + "</b>" * 1500
    banner = NoticeBanner(message=f"<p>{deep}</p>")
    banner.save()  # cleaned on save: used to raise RecursionError
    assert "Phone us" in page_html(client, "/")


@pytest.mark.django_db
@pytest.mark.parametrize("level", ["Emergency", "<b>urgent</b>", "", None])
def test_urgent_advice_with_an_unknown_level_is_an_emergency(
    client, condition_index, level
):
    page = make_condition_page(
        condition_index,
        body=json.dumps(
            [
                {
                    "type": "urgent_advice",
                    "value": {
                        "level": level,
                        "heading": "Call 999 if you have",
                        "symptoms": ["Weakness in both legs"],
                        "advice": "",
                    },
                }
            ]
        ),
    )
    card = BeautifulSoup(page_html(client, page), "html5lib").select_one(
        ".physio-urgent"
    )
    assert "physio-urgent--emergency" in card["class"]
    assert card.select_one(".physio-urgent__level").get_text() == "Emergency"
    assert "Call 999 now" in card.select_one(".physio-urgent__action").get_text()
    (block,) = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    assert block["value"]["level"] == "emergency"
    assert block["value"]["call"]["tel"] == "tel:999"
