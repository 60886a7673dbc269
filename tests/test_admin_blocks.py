"""Editors create and edit condition pages with every block through the admin."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from tests.factories import (
    add_condition_page_url,
    condition_page_form,
    edit_page_url,
    list_items,
    make_condition_page,
    make_image,
)
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db


def every_block(image, linked_page, *, phone="0151 496 0123", url="", aim="Less pain"):
    return [
        ("heading", {"text": "About your operation", "level": "h2"}),
        ("paragraph", rich_text("<p>Recovery starts before surgery.</p>")),
        (
            "urgent_advice",
            {
                "level": "emergency",
                "heading": "Call 999 if you have",
                "symptoms": list_items(["Weakness in both legs"]),
                "advice": "",
            },
        ),
        (
            "callout",
            {"kind": "warning", "heading": "", "text": "Stop if it hurts."},
        ),
        (
            "aims",
            {
                "heading": "Aims of surgery",
                "intro": "",
                "aims": list_items([aim, "More movement"]),
                "overall_aim": "The main goal of rehab is a full life.",
            },
        ),
        (
            "procedures",
            {
                "heading": "Types of surgery",
                "intro": "Common operations:",
                "procedures": list_items(
                    [
                        {
                            "name": "Discectomy",
                            "description": "Removes a bulging disc.",
                            "page": str(linked_page.pk),
                            "url": "",
                        },
                        {
                            "name": "Fusion",
                            "description": "Joins two vertebrae.",
                            "page": "",
                            "url": url or "https://example.com/fusion",
                        },
                    ]
                ),
                "closing_note": "Ask your surgeon.",
            },
        ),
        (
            "key_points",
            {
                "heading": "How physiotherapy helps",
                "intro": "",
                "points": list_items(["Builds strength"]),
            },
        ),
        (
            "do_dont",
            {
                "heading": "At home",
                "intro": "",
                "do": list_items(["Walk daily"]),
                "dont": list_items(["Lift heavy things"]),
            },
        ),
        (
            "treatments",
            {
                "heading": "Treatments",
                "intro": "",
                "treatments": list_items(
                    [{"name": "Massage", "description": "", "page": ""}]
                ),
                "closing_note": "",
            },
        ),
        (
            "questions",
            {
                "heading": "Your questions",
                "intro": "",
                "questions": list_items(
                    [{"question": "Can I drive?", "answer": "After six weeks."}]
                ),
            },
        ),
        (
            "image",
            {
                "image": str(image.pk),
                "alt_text": "A patient stretching",
                "caption": "Stretching at home",
                "attribution": "",
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Book an appointment",
                "text": "Call us today.",
                "phone": phone,
                "booking_url": "https://example.com/book",
                "button_label": "",
            },
        ),
        (
            "clinic_locations",
            {
                "heading": "Where to find us",
                "show": "all",
                "locations": list_items([]),
            },
        ),
    ]


def page_post(image, linked_page, slug="back-surgery", **block_kwargs):
    return condition_page_form(
        every_block(image, linked_page, **block_kwargs), slug=slug
    )


def body_errors(html):
    """The block errors the admin hands to the StreamField widget, as JSON."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attr_value in tag.attrs.values():
            if isinstance(attr_value, str) and '"blockErrors"' in attr_value:
                data = json.loads(attr_value)
                return data[-1]
    return None


def error_at(errors, *path):
    for key in path:
        errors = errors["blockErrors"][key]
    return errors["messages"]


@pytest.fixture
def chosen(condition_index):
    """What the posted blocks choose: an image, and a page to link to."""
    return make_image("Stretch"), make_condition_page(condition_index, title="Sciatica")


# Every block the stream offers, in the order every_block() posts them.
EVERY_BLOCK_TYPE = list(ConditionPage.body.field.stream_block.child_blocks)
# Where the blocks that tests post bad input to sit in the posted stream.
AIMS, PROCEDURES, CTA = (
    str(EVERY_BLOCK_TYPE.index(name))
    for name in ("aims", "procedures", "call_to_action")
)


def test_create_page_with_every_block(admin_client, condition_index, chosen):
    image, linked = chosen

    response = admin_client.post(
        add_condition_page_url(condition_index), page_post(image, linked)
    )

    assert response.status_code == 302, response.context["form"].errors
    page = ConditionPage.objects.get(slug="back-surgery")
    assert page.live
    assert [block.block_type for block in page.body] == EVERY_BLOCK_TYPE
    procedures = page.body[EVERY_BLOCK_TYPE.index("procedures")].value["procedures"]
    assert procedures[0]["page"].pk == linked.pk
    assert page.body[EVERY_BLOCK_TYPE.index("image")].value["image"].pk == image.pk
    assert (
        page.body[EVERY_BLOCK_TYPE.index("call_to_action")].value["phone"]
        == "0151 496 0123"
    )
    html = admin_client.get(page.url).content.decode()
    assert 'href="tel:+441514960123"' in html


def test_edit_page_with_every_block(admin_client, condition_index, chosen):
    image, linked = chosen
    page = make_condition_page(condition_index, title="Back surgery")
    url = edit_page_url(page)

    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, page_post(image, linked, slug=page.slug, phone="0151 496 0777")
    )

    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert [block.block_type for block in page.body] == EVERY_BLOCK_TYPE
    assert (
        page.body[EVERY_BLOCK_TYPE.index("call_to_action")].value["phone"]
        == "0151 496 0777"
    )
    # The edit form renders again with every block filled in.
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("bad", "path", "message"),
    [
        ({"phone": "0151 496"}, (CTA, "phone"), "is not a valid phone number"),
        (
            {"url": "javascript:alert(document.cookie)"},
            (PROCEDURES, "procedures", "1", "url"),
            "Enter a link starting with http:, https:.",
        ),
        ({"aim": ""}, (AIMS, "aims", "0"), "This field is required."),
    ],
    ids=["invalid-phone", "javascript-url", "empty-list-item"],
)
def test_bad_input_returns_form_with_error_and_saves_nothing(
    admin_client, condition_index, chosen, bad, path, message
):
    image, linked = chosen
    pages_before = ConditionPage.objects.count()

    response = admin_client.post(
        add_condition_page_url(condition_index), page_post(image, linked, **bad)
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "body" in form.errors
    html = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    # The error is attached to the exact field (and list item) that is wrong.
    assert message in " ".join(error_at(body_errors(html), *path))
    assert ConditionPage.objects.count() == pages_before


def test_javascript_url_rejected_on_edit_too(admin_client, condition_index, chosen):
    image, linked = chosen
    page = make_condition_page(condition_index, title="Back surgery")
    url = edit_page_url(page)
    revisions_before = page.revisions.count()

    response = admin_client.post(
        url, page_post(image, linked, slug=page.slug, url="javascript:alert(1)")
    )

    assert response.status_code == 200
    errors = body_errors(response.content.decode())
    assert error_at(errors, PROCEDURES, "procedures", "1", "url")
    assert page.revisions.count() == revisions_before
    page.refresh_from_db()
    assert list(page.body) == []


def test_invalid_phone_rejected_even_when_saving_a_draft(
    admin_client, condition_index, chosen
):
    image, linked = chosen
    data = page_post(image, linked, phone="12")
    del data["action-publish"]

    response = admin_client.post(add_condition_page_url(condition_index), data)

    assert response.status_code == 200
    errors = body_errors(response.content.decode())
    assert "is not a valid phone number" in error_at(errors, CTA, "phone")[0]
    assert not ConditionPage.objects.filter(slug="back-surgery").exists()


def test_block_previews_in_the_admin_use_the_package_styles(admin_client):
    make_image("Library image")
    stream = ConditionPage.body.field.stream_block
    for name, block in stream.child_blocks.items():
        response = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "wagtail_physio/css/physio.css" in html, name
        assert 'class="physio-page"' in html, name
