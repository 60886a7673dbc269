"""Each block rendered in full and with its optional fields empty, plus validation."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from tests.factories import (
    full_body,
    heading,
    make_condition_page,
    make_image,
    page_html,
    page_soup,
    site_request,
)
from tests.testapp.models import ExtendedStreamBlock
from wagtail_physio.blocks import (
    AimsBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    ConditionStreamBlock,
    HeadingBlock,
    KeyPointsBlock,
    ParagraphBlock,
    ProcedureListBlock,
    TreatmentListBlock,
)
from wagtail_physio.models import ClinicContactSettings

pytestmark = pytest.mark.django_db

#: Every block an editor can add to a condition page body.
ALL_BLOCKS = [type(block) for block in ConditionStreamBlock().child_blocks.values()]


def render(block, raw, context=None):
    """Render ``raw`` (stored JSON form) through ``block`` and parse the HTML."""
    html = block.render(block.to_python(raw), context=context or {})
    return BeautifulSoup(html, "html.parser")


def clean(block, raw):
    return block.clean(block.to_python(raw))


def srcset_widths(img):
    """The widths an ``<img srcset>`` offers, e.g. ["480w", "800w"]."""
    return [part.split()[1] for part in img["srcset"].split(", ")]


# --- Every block is documented for editors ---------------------------------


@pytest.mark.parametrize("block_class", ALL_BLOCKS, ids=lambda c: c.__name__)
def test_every_block_has_editor_metadata_and_own_template(block_class):
    block = block_class()
    assert block.meta.icon and block.meta.icon != "placeholder"
    # An icon Wagtail has: a missing one shows as an empty square in the chooser.
    get_template(f"wagtailadmin/icons/{block.meta.icon}.svg")
    assert block.label
    assert block.meta.description
    assert block.meta.template.startswith("wagtail_physio/blocks/")
    assert block.get_preview_value() is not None
    for child in getattr(block, "child_blocks", {}).values():
        help_text = getattr(child.meta, "help_text", None) or getattr(
            getattr(child, "field", None), "help_text", None
        )
        assert help_text, f"{block_class.__name__}.{child.name} has no help text"


@pytest.mark.parametrize("block_class", ALL_BLOCKS, ids=lambda c: c.__name__)
def test_every_block_preview_renders(block_class, site):
    make_image("Library image")
    block = block_class()
    html = block.render(block.get_preview_value(), {"request": site_request(site)})
    assert html.strip()


def test_stream_block_subclass_keeps_every_block():
    package = set(ConditionStreamBlock().child_blocks)
    assert package == {
        "heading",
        "paragraph",
        "urgent_advice",
        "callout",
        "aims",
        "procedures",
        "key_points",
        "do_dont",
        "treatments",
        "questions",
        "clinic_locations",
        "image",
        "call_to_action",
    }
    assert package < set(ExtendedStreamBlock().child_blocks)


# --- Headings --------------------------------------------------------------


def test_heading_gets_id_from_text_and_level():
    soup = render(HeadingBlock(), {"text": "Recovery & you", "level": "h3"})
    heading = soup.find("h3")
    assert heading["id"] == "recovery-you"
    assert heading.text == "Recovery & you"


def test_repeated_headings_get_unique_ids_on_one_page(condition_index, client):
    body = [
        heading("Top"),
        heading("Exercises"),
        heading("Exercises", "h3"),
        {
            "type": "key_points",
            "value": {"heading": "Exercises", "intro": "", "points": ["One"]},
        },
    ]
    page = make_condition_page(condition_index, body=body)
    ids = [tag["id"] for tag in page_soup(client, page).select("[id]")]
    assert len(ids) == len(set(ids))
    assert {"top-2", "exercises", "exercises-2", "exercises-3"} <= set(ids)


# --- Paragraph -------------------------------------------------------------


def test_paragraph_offers_only_configured_features(settings):
    assert ParagraphBlock().features == ["bold", "italic", "link", "ol", "ul"]
    settings.WAGTAIL_PHYSIO = {"PARAGRAPH_FEATURES": ["bold"]}
    assert ParagraphBlock().features == ["bold"]


def test_paragraph_renders_rich_text():
    soup = render(ParagraphBlock(), "<p>Walk <b>daily</b>.</p>")
    assert soup.find("b").text == "daily"


# --- Aims / key points -----------------------------------------------------


def test_aims_render_in_full():
    soup = render(
        AimsBlock(),
        {
            "heading": "Aims",
            "intro": "Broadly:",
            "aims": ["Less pain", "More movement"],
            "overall_aim": "The main goal of rehab is a full life.",
        },
    )
    assert soup.find("h2").text == "Aims"
    assert [li.text for li in soup.select("ul > li")] == ["Less pain", "More movement"]
    assert soup.select_one(".physio-section__intro").text == "Broadly:"
    assert "main goal of rehab" in soup.select_one(".physio-aims__overall").text


def test_aims_render_without_optional_fields():
    soup = render(AimsBlock(), {"heading": "Aims", "intro": "", "aims": ["Less pain"]})
    assert soup.select(".physio-section__intro, .physio-aims__overall") == []
    assert [li.text for li in soup.select("ul > li")] == ["Less pain"]


def test_key_points_render_with_and_without_intro():
    full = render(
        KeyPointsBlock(),
        {"heading": "Why", "intro": "Because:", "points": ["Strength", "Balance"]},
    )
    assert full.select_one(".physio-section__intro").text == "Because:"
    assert len(full.select("ul > li")) == 2
    bare = render(KeyPointsBlock(), {"heading": "Why", "intro": "", "points": ["A"]})
    assert bare.select(".physio-section__intro") == []


def test_empty_list_item_is_a_per_item_error():
    with pytest.raises(StructBlockValidationError) as raised:
        clean(AimsBlock(), {"heading": "Aims", "aims": ["Less pain", "  ", ""]})
    aims_error = raised.value.block_errors["aims"]
    assert isinstance(aims_error, ListBlockValidationError)
    assert set(aims_error.block_errors) == {1, 2}
    assert "required" in str(aims_error.block_errors[1].messages[0])


def test_list_needs_at_least_one_item():
    with pytest.raises(StructBlockValidationError) as raised:
        clean(KeyPointsBlock(), {"heading": "Why", "points": []})
    assert raised.value.block_errors["points"].non_block_errors


# --- Procedures and treatments ---------------------------------------------


def procedures_value(**procedure):
    item = {"name": "Fusion", "description": "Joins bones.", "page": None, "url": ""}
    item.update(procedure)
    return {
        "heading": "Types",
        "intro": "",
        "procedures": [item],
        "closing_note": "",
    }


def test_procedures_render_in_full(condition_index):
    linked = make_condition_page(condition_index, title="Sciatica")
    value = procedures_value(page=linked.pk)
    value["intro"] = "There are several."
    value["closing_note"] = "Ask your surgeon."
    value["procedures"].append(
        {
            "name": "Discectomy",
            "description": "Removes disc.",
            "url": "https://x.test/d",
        }
    )
    soup = render(ProcedureListBlock(), value)
    assert [h.text for h in soup.select("li h3")] == ["Fusion", "Discectomy"]
    links = [a["href"] for a in soup.select("li a")]
    assert links == [linked.url, "https://x.test/d"]
    assert soup.select_one(".physio-section__note").text == "Ask your surgeon."


def test_procedures_render_without_optional_fields():
    soup = render(ProcedureListBlock(), procedures_value())
    assert soup.select("a, .physio-section__intro, .physio-section__note") == []
    assert soup.select_one("li h3").text == "Fusion"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com/x", "not a url"],
)
def test_procedure_link_must_be_http(url):
    with pytest.raises(StructBlockValidationError) as raised:
        clean(ProcedureListBlock(), procedures_value(url=url))
    item_errors = raised.value.block_errors["procedures"].block_errors[0]
    assert "url" in item_errors.block_errors


def test_procedure_takes_a_page_or_a_url_not_both(condition_index):
    linked = make_condition_page(condition_index, title="Sciatica")
    with pytest.raises(StructBlockValidationError) as raised:
        clean(
            ProcedureListBlock(),
            procedures_value(page=linked.pk, url="https://example.com/"),
        )
    item_errors = raised.value.block_errors["procedures"].block_errors[0]
    assert "not both" in str(item_errors.block_errors["url"].messages[0])


def treatments_value(**treatment):
    item = {"name": "Massage", "description": "", "page": None}
    item.update(treatment)
    return {"heading": "Treatments", "intro": "", "treatments": [item]}


def test_treatments_render_in_full(condition_index):
    linked = make_condition_page(condition_index, title="Massage therapy")
    value = treatments_value(page=linked.pk, description="Eases tight muscles.")
    value.update(intro="Options:", closing_note="We tailor it.")
    soup = render(TreatmentListBlock(), value)
    link = soup.select_one("li a")
    assert link.text == "Massage" and link["href"] == linked.url
    assert "Eases tight muscles." in soup.select_one("li").text
    assert soup.select_one(".physio-section__note").text == "We tailor it."


def test_treatments_render_without_optional_fields():
    soup = render(TreatmentListBlock(), treatments_value())
    assert soup.select_one("li").text.strip() == "Massage"
    assert soup.select("a, .physio-section__intro, .physio-section__note") == []


def test_unpublished_or_deleted_linked_page_leaves_just_the_name(
    condition_index, client
):
    linked = make_condition_page(condition_index, title="Sciatica")
    gone = make_condition_page(condition_index, title="Old page")
    page = make_condition_page(
        condition_index, title="Back surgery", body=full_body(linked_page=linked)
    )
    page.body = full_body(linked_page=linked)
    page.body[3].value["procedures"][0]["page"] = gone
    page.save_revision().publish()
    linked.unpublish()
    gone.delete()

    soup = page_soup(client, page)
    procedure = soup.select(".physio-procedures__item")[0]
    assert procedure.h3.text == "Discectomy" and procedure.a is None
    treatment = soup.select(".physio-treatments__item")[0]
    assert treatment.a is None and "Massage" in treatment.text
    # The external link next to them is unaffected.
    assert soup.find("a", href="https://example.com/fusion")


# --- Captioned image -------------------------------------------------------


def image_value(image, **fields):
    value = {
        "image": image.pk if image else None,
        "decorative": False,
        "alt_text": "A patient stretching",
        "caption": "Stretching at home",
        "attribution": "Photo: A. Jones",
    }
    value.update(fields)
    return value


def test_captioned_image_renders_responsive_figure():
    image = make_image("Stretch", width=1000, height=500)
    soup = render(CaptionedImageBlock(), image_value(image))
    img = soup.select_one("figure > img")
    assert img["alt"] == "A patient stretching"
    # Wagtail never upscales, so 1200 is left out for a 1000px original.
    assert srcset_widths(img) == ["480w", "800w", "1000w"]
    assert img["sizes"] == "(min-width: 60em) 48rem, 100vw"
    assert (img["width"], img["height"]) == ("1000", "500")
    caption = soup.select_one("figure > figcaption")
    assert "Stretching at home" in caption.text and "Photo: A. Jones" in caption.text


def test_captioned_image_widths_follow_settings(settings):
    settings.WAGTAIL_PHYSIO = {"IMAGE_WIDTHS": [300, 600], "IMAGE_SIZES": "50vw"}
    image = make_image("Stretch", width=1000, height=500)
    img = render(CaptionedImageBlock(), image_value(image)).select_one("img")
    assert srcset_widths(img) == ["300w", "600w"]
    assert img["sizes"] == "50vw"


def test_captioned_image_without_optional_fields_uses_image_description():
    image = make_image("IMG_0042")
    image.description = "Knee bend on a step"
    image.save()
    soup = render(
        CaptionedImageBlock(), image_value(image, alt_text="", attribution="")
    )
    assert soup.img["alt"] == "Knee bend on a step"
    assert soup.select(".physio-figure__attribution") == []


def test_decorative_image_has_empty_alt():
    image = make_image("Pattern")
    soup = render(CaptionedImageBlock(), image_value(image, decorative=True))
    assert soup.img["alt"] == ""


def test_image_needs_alt_text_or_decorative():
    image = make_image("IMG_0042")  # a title only: no description to fall back on
    block = CaptionedImageBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        clean(block, image_value(image, alt_text=""))
    assert "alt_text" in raised.value.block_errors
    assert clean(block, image_value(image, alt_text="", decorative=True))
    # Saving a draft may leave the alt text for later.
    block.defer_required_validation()
    assert clean(block, image_value(image, alt_text=""))


def test_deleted_image_renders_nothing(condition_index, client):
    image = make_image("Photo")
    page = make_condition_page(condition_index, body=full_body(image=image))
    assert client.get(page.url).content.decode().count("<figure") == 1
    image.delete()
    html = page_html(client, page)
    assert "<figure" not in html
    assert "Stretching at home" not in html


def test_image_with_missing_file_renders_nothing():
    image = make_image("Photo")
    image.file.storage.delete(image.file.name)
    soup = render(CaptionedImageBlock(), image_value(image))
    assert soup.find("figure") is None


# --- Call to action ---------------------------------------------------------


def cta_value(**fields):
    value = {
        "heading": "Book an appointment",
        "text": "Call us today.\nWe are open late.",
        "phone": "0151 496 0123",
        "booking_url": "https://example.com/book",
        "button_label": "Book now",
    }
    value.update(fields)
    return value


def test_call_to_action_renders_in_full(site):
    soup = render(CallToActionBlock(), cta_value(), {"request": site_request(site)})
    region = soup.select_one("section")
    assert region["aria-labelledby"] == region.h2["id"]
    assert region.h2.text == "Book an appointment"
    phone = soup.select_one("a[href^='tel:']")
    assert phone["href"] == "tel:+441514960123"
    assert phone.text == "Call 0151 496 0123"
    booking = soup.select_one("a[href^='https:']")
    assert booking["href"] == "https://example.com/book" and booking.text == "Book now"
    assert "We are open late." in soup.text


def test_blank_phone_falls_back_to_clinic_settings(site):
    contact = ClinicContactSettings.for_site(site)
    contact.main_phone = "0151 496 0999"
    contact.save()
    soup = render(
        CallToActionBlock(),
        cta_value(phone="", text="", booking_url="", button_label=""),
        {"request": site_request(site)},
    )
    assert soup.select_one("a[href^='tel:']")["href"] == "tel:+441514960999"
    assert soup.select(".physio-cta__text, .physio-cta__booking") == []


def test_call_to_action_without_any_phone_or_booking_link(site):
    soup = render(
        CallToActionBlock(),
        cta_value(phone="", text="", booking_url="", button_label=""),
        {"request": site_request(site)},
    )
    assert soup.find("a") is None
    assert soup.h2.text == "Book an appointment"


def test_booking_button_label_defaults(site):
    soup = render(
        CallToActionBlock(), cta_value(button_label=""), {"request": site_request(site)}
    )
    assert soup.select_one(".physio-cta__booking").text == "Book online"


@pytest.mark.parametrize("phone", ["12", "not a phone", "0151 496"])
def test_invalid_phone_is_a_field_error(phone):
    with pytest.raises(StructBlockValidationError) as raised:
        clean(CallToActionBlock(), cta_value(phone=phone))
    assert set(raised.value.block_errors) == {"phone"}
    assert "not a valid phone number" in str(raised.value.block_errors["phone"])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:a@example.com"])
def test_booking_link_must_be_http(url):
    with pytest.raises(StructBlockValidationError) as raised:
        clean(CallToActionBlock(), cta_value(booking_url=url))
    assert set(raised.value.block_errors) == {"booking_url"}


# --- Escaping ---------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"


def test_editor_text_is_escaped_everywhere(condition_index, client):
    image = make_image("Photo")
    body = full_body(image=image)
    for block in body:
        value = block["value"]
        if isinstance(value, dict):
            for key in ("text", "heading", "intro", "overall_aim", "closing_note"):
                if key in value:
                    value[key] = SCRIPT
            for key in ("caption", "attribution", "alt_text"):
                if key in value:
                    value[key] = SCRIPT
            for items in ("aims", "points"):
                if items in value:
                    value[items] = [SCRIPT]
            for items in ("procedures", "treatments"):
                for item in value.get(items, []):
                    item["name"] = item["description"] = SCRIPT
    page = make_condition_page(condition_index, body=body)
    html = page_html(client, page)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_block_errors_are_validation_errors():
    # The admin relies on these being ValidationErrors to show them on the field.
    assert issubclass(StructBlockValidationError, ValidationError)
    assert issubclass(ListBlockValidationError, ValidationError)


def test_hero_image_uses_the_shared_responsive_markup(condition_index, client):
    image = make_image("Hero", width=1000, height=500)
    page = make_condition_page(
        condition_index, hero_image=image, hero_image_alt="A physio at work"
    )
    img = page_soup(client, page).select_one("figure.physio-condition__hero > img")
    assert img["alt"] == "A physio at work"
    assert srcset_widths(img) == ["480w", "800w", "1000w"]
    assert img["sizes"] and (img["width"], img["height"]) == ("1000", "500")
    # The hero is at the top of the page: it must not wait for lazy loading.
    assert img["loading"] == "eager"


def test_key_points_end_with_their_closing_note():
    soup = render(
        KeyPointsBlock(),
        {
            "heading": "How physiotherapy helps",
            "intro": "",
            "points": ["Builds strength"],
            "closing_note": "Most people need six sessions.",
        },
    )
    section = soup.find("section")
    assert section.find_all(recursive=False)[-1].get_text() == (
        "Most people need six sessions."
    )


def test_block_field_labels_are_capitalised_like_django_form_labels():
    def labels(block):
        for child in getattr(block, "child_blocks", {}).values():
            yield child, str(child.label)
            yield from labels(child)
        child_block = getattr(block, "child_block", None)
        if child_block is not None:
            yield child_block, str(child_block.label)
            yield from labels(child_block)

    lower = [
        (type(child).__name__, label)
        for block in ConditionStreamBlock().child_blocks.values()
        for child, label in labels(block)
        if label[:1].islower()
    ]
    assert lower == []
