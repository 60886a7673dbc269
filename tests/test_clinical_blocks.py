"""Clinical guidance blocks: urgent advice, callouts, do and don't, questions."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks.struct_block import StructBlockValidationError

from tests.factories import heading, make_condition_page, page_soup
from wagtail_physio.blocks import (
    CalloutBlock,
    DoDontBlock,
    QuestionsBlock,
    UrgentAdviceBlock,
)

pytestmark = pytest.mark.django_db

RED_FLAGS = ["Numbness around your bottom", "Weakness in both legs"]


def urgent(level="emergency", symptoms=RED_FLAGS, heading="Call 999 if you have"):
    return {
        "type": "urgent_advice",
        "value": {
            "level": level,
            "heading": heading,
            "symptoms": list(symptoms),
            "advice": "Do not drive yourself.",
        },
    }


def render(block, raw, context=None):
    html = block.render(block.to_python(raw), context=context or {})
    return BeautifulSoup(html, "html.parser")


def test_emergency_advice_lists_symptoms_and_links_the_emergency_number(
    client, condition_index
):
    page = make_condition_page(condition_index, body=[urgent()])
    card = page_soup(client, page).select_one(".physio-urgent")
    assert "physio-urgent--emergency" in card["class"]
    # The level is said in words, not by colour alone.
    assert card.select_one(".physio-urgent__level").get_text() == "Emergency"
    assert card.find("h2").get_text() == "Call 999 if you have"
    assert [li.get_text() for li in card.select("li")] == RED_FLAGS
    call = card.select_one(".physio-urgent__action a")
    assert call["href"] == "tel:999"
    assert call.get_text() == "999"
    assert (
        "emergency department" in card.select_one(".physio-urgent__action").get_text()
    )
    assert "Do not drive yourself." in card.get_text()


def test_urgent_advice_sends_readers_to_the_urgent_care_line():
    soup = render(UrgentAdviceBlock(), urgent("urgent")["value"])
    call = soup.select_one(".physio-urgent__action a")
    assert (call["href"], call.get_text()) == ("tel:111", "NHS 111")
    assert soup.select_one(".physio-urgent__level").get_text() == "Urgent"


def test_non_urgent_advice_gives_the_clinics_own_number(
    client, condition_index, clinic
):
    page = make_condition_page(condition_index, body=[urgent("non_urgent")])
    call = page_soup(client, page).select_one(".physio-urgent__action a")
    assert call["href"] == "tel:+441514960100"
    assert call.get_text() == "0151 496 0100"


def test_numbers_come_from_settings(settings):
    settings.WAGTAIL_PHYSIO = {
        "PHONE_DEFAULT_REGION": "IE",
        "URGENT_ADVICE_CONTACTS": {"emergency": {"number": "112", "name": "112"}},
    }
    soup = render(UrgentAdviceBlock(), urgent()["value"])
    assert soup.select_one(".physio-urgent__action a")["href"] == "tel:112"
    # A level with no number configured still tells the reader what to do.
    soup = render(UrgentAdviceBlock(), urgent("urgent")["value"])
    assert soup.select_one(".physio-urgent__action a") is None
    assert soup.select_one(".physio-urgent__action").get_text() == (
        "Get medical help today."
    )


def test_symptoms_are_escaped():
    soup = render(
        UrgentAdviceBlock(), urgent(symptoms=['<img src=x onerror="x()">'])["value"]
    )
    assert soup.find("img") is None
    assert soup.select_one("li").get_text() == '<img src=x onerror="x()">'


def test_symptoms_are_listed_in_the_pages_json_ld(client, condition_index):
    page = make_condition_page(condition_index, body=[urgent()])
    soup = page_soup(client, page)
    graph = json.loads(soup.find("script", type="application/ld+json").string)["@graph"]
    web_page = next(node for node in graph if node["@type"] == "MedicalWebPage")
    assert [
        node["name"]
        for node in web_page["mentions"]
        if node["@type"] == "MedicalSignOrSymptom"
    ] == RED_FLAGS


def test_api_gives_whom_to_call(client, condition_index):
    page = make_condition_page(condition_index, body=[urgent("urgent")])
    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    assert body[0]["type"] == "urgent_advice"
    assert body[0]["value"]["symptoms"] == RED_FLAGS
    assert body[0]["value"]["call"] == {
        "name": "NHS 111",
        "number": "111",
        "tel": "tel:111",
    }


def test_urgent_advice_refuses_an_empty_symptom_list():
    block = UrgentAdviceBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**urgent(symptoms=[])["value"]}))


def test_warning_callout_says_it_is_a_warning_and_stays_out_of_the_contents(
    client, condition_index
):
    callout = {
        "type": "callout",
        "value": {
            "kind": "warning",
            "heading": "Take it slowly",
            "text": "Stop if it hurts.\n\nTell us next time.",
        },
    }
    page = make_condition_page(
        condition_index,
        body=[heading("Exercises"), callout, heading("Going back to work")],
        show_table_of_contents=True,
    )
    soup = page_soup(client, page)
    aside = soup.select_one("aside.physio-callout--warning")
    assert aside.find("h3").get_text() == "Warning: Take it slowly"
    assert [p.get_text() for p in aside.select(".physio-callout__text p")] == [
        "Stop if it hurts.",
        "Tell us next time.",
    ]
    contents = soup.select_one("nav.physio-toc")
    assert "Going back to work" in contents.get_text()
    assert "Take it slowly" not in contents.get_text()


def test_callout_without_heading_names_its_kind():
    soup = render(
        CalloutBlock(), {"kind": "information", "heading": "", "text": "Bring shorts."}
    )
    aside = soup.find("aside")
    assert aside["aria-label"] == "Information"
    assert aside.select_one(".physio-callout__kind").get_text() == "Information"


def test_do_and_dont_lists_have_their_own_headings():
    soup = render(
        DoDontBlock(),
        {
            "heading": "In the first weeks",
            "intro": "",
            "do": ["Walk daily"],
            "dont": ["Lift heavy things"],
        },
    )
    assert soup.find("h2").get_text() == "In the first weeks"
    assert [h.get_text() for h in soup.find_all("h3")] == ["Do", "Don’t"]
    groups = soup.select(".physio-do-dont__group")
    assert groups[0].select_one("li").get_text() == "Walk daily"
    assert groups[1].select_one("li").get_text() == "Lift heavy things"


def test_questions_open_with_native_disclosure():
    soup = render(
        QuestionsBlock(),
        {
            "heading": "Your questions",
            "intro": "",
            "questions": [
                {
                    "question": "How soon can I drive?",
                    "answer": "After about six weeks.",
                },
                {"question": "Should I rest in bed?", "answer": "No."},
            ],
        },
    )
    items = soup.select("details.physio-questions__item")
    assert [item.summary.get_text() for item in items] == [
        "How soon can I drive?",
        "Should I rest in bed?",
    ]
    assert items[0].select_one(".physio-questions__answer").get_text(strip=True) == (
        "After about six weeks."
    )


def test_check_refuses_a_number_no_phone_can_dial(settings):
    from wagtail_physio.conditions.checks import check_urgent_advice_contacts

    assert check_urgent_advice_contacts() == []
    settings.WAGTAIL_PHYSIO = {
        "URGENT_ADVICE_CONTACTS": {"emergency": {"number": "call us", "name": "x"}}
    }
    errors = check_urgent_advice_contacts()
    assert [error.id for error in errors] == ["wagtail_physio.E016"]
    assert "emergency" in errors[0].msg
