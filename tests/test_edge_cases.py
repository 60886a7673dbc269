"""Unsafe text from code or imports, odd requests and unusual site layouts."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from tests.factories import (
    heading,
    locations_block,
    make_condition_index,
    make_condition_page,
    make_image,
    make_location,
    page_html,
    page_soup,
)
from wagtail_physio.blocks import ParagraphBlock
from wagtail_physio.models import (
    ClinicContactSettings,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
)

pytestmark = pytest.mark.django_db

UNSAFE_HTML = (
    '<p>Read <a href="javascript:alert(1)">this</a> and '
    '<a href="data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;">that</a>'
    '<b onclick="alert(3)">now</b></p><script>alert(4)</script>'
    '<p><a href="https://example.com/ok">fine</a> <a href="tel:+441514960000">call</a></p>'
)


# Rich text saved from code or imports ------------------------------------------


def test_paragraph_text_from_code_is_cleaned_when_saved(client, condition_index):
    page = make_condition_page(
        condition_index, body=[("paragraph", RichText(UNSAFE_HTML))]
    )
    stored = ConditionPage.objects.get(pk=page.pk).body.raw_data[0]["value"]
    for unsafe in ("javascript:", "data:", "onclick", "<script"):
        assert unsafe not in stored
    main = str(page_soup(client, page).find("main"))
    for unsafe in ("javascript:", "data:text", "onclick", "alert(4)"):
        assert unsafe not in main
    assert 'href="https://example.com/ok"' in main
    assert 'href="tel:+441514960000"' in main
    assert "<b>now</b>" in main


def test_paragraph_keeps_wagtail_image_embeds_and_page_links(condition_index):
    image = make_image("Stretch")
    html = (
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A stretch"/>'
        f'<p><a linktype="page" id="{condition_index.pk}">Conditions</a></p>'
    )
    block = ParagraphBlock(features=["image", "link"])
    cleaned = block.get_prep_value(RichText(html))
    assert f'id="{image.pk}"' in cleaned and 'embedtype="image"' in cleaned
    assert 'linktype="page"' in cleaned


@pytest.mark.parametrize(
    "href", ["ftp://files.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_editor_links_other_than_web_phone_or_email_are_refused(href):
    with pytest.raises(ValidationError) as caught:
        ParagraphBlock().clean(RichText(f'<p><a href="{href}">link</a></p>'))
    assert "Links may only start with" in str(caught.value)


def test_index_intro_refuses_unsafe_links_and_is_cleaned_on_save(home_page):
    index = ConditionIndexPage(
        title="Conditions",
        slug="conditions",
        intro='<p><a href="javascript:alert(1)">x</a> <b onclick="y()">b</b></p>',
    )
    with pytest.raises(ValidationError) as caught:
        index.full_clean()
    assert "intro" in caught.value.message_dict
    home_page.add_child(instance=index)
    index.refresh_from_db()
    assert "javascript:" not in index.intro and "onclick" not in index.intro
    assert "<b>b</b>" in index.intro


# Links in blocks saved from code ----------------------------------------------


def cta(**value):
    base = {"heading": "Book", "text": "", "phone": "", "button_label": ""}
    return ("call_to_action", {**base, **value})


def test_booking_link_is_http_only_and_falls_back_to_the_clinic(
    client, site, condition_index
):
    contact = ClinicContactSettings.for_site(site)
    contact.booking_url = "https://book.example/clinic"
    contact.save()
    page = make_condition_page(
        condition_index,
        body=[cta(booking_url="javascript:alert(1)"), cta(booking_url="")],
    )
    links = page_soup(client, page).select("a.physio-cta__booking")
    assert [a["href"] for a in links] == [
        "https://book.example/clinic",
        "https://book.example/clinic",
    ]


def test_procedure_link_saved_from_code_with_a_bad_scheme_is_left_out(
    client, condition_index
):
    page = make_condition_page(
        condition_index,
        body=[
            (
                "procedures",
                {
                    "heading": "Types",
                    "intro": "",
                    "procedures": [
                        {"name": "Fusion", "description": "", "url": "javascript:x()"}
                    ],
                    "closing_note": "",
                },
            )
        ],
    )
    html = page_html(client, page)
    assert "Fusion" in html and "javascript:" not in html


# Odd requests ----------------------------------------------------------------


@pytest.mark.parametrize("query", ['"', "%00", "knee AND (", "back*", "'; drop"])
def test_search_with_punctuation_or_control_characters_still_answers(
    client, condition_index, query
):
    make_condition_page(condition_index, title="Back surgery")
    response = client.get(condition_index.url + "?q=" + query)
    assert response.status_code == 200


def test_search_still_finds_words_typed_with_punctuation(client, condition_index):
    make_condition_page(condition_index, title="Back surgery")
    make_condition_page(condition_index, title="Knee replacement")
    html = client.get(condition_index.url + '?q="back"').content.decode()
    assert "Back surgery" in html and "Knee replacement" not in html


def test_an_unknown_category_says_so(client, condition_index):
    make_condition_page(condition_index, title="Back surgery")
    soup = page_soup(client, condition_index.url + "?category=nope")
    status = soup.find(attrs={"role": "status"})
    assert "no conditions" in status.get_text()
    assert status.find("a", string="Show all conditions")


def test_a_category_name_without_letters_needs_a_slug():
    category = ConditionCategory(name="!!!")
    with pytest.raises(ValidationError) as caught:
        category.full_clean()
    assert "slug" in caught.value.message_dict


def test_tags_render_for_a_host_no_site_answers_to(site):
    # No default site: a request for an unknown host matches no site at all, as
    # on a 404 page of a multi-site installation.
    Site.objects.update(is_default_site=False)
    make_location("Quayside clinic")
    request = RequestFactory().get("/missing/", HTTP_HOST="unknown.example")
    html = Template(
        "{% load physio_tags %}{% physio_contact %}{% physio_structured_data %}"
    ).render(Context({"request": request}))
    assert "Get in touch" in html
    assert "application/ld+json" in html


def test_use_tz_off_is_a_system_check_error(settings):
    settings.USE_TZ = False
    assert "wagtail_physio.E013" in [error.id for error in run_checks()]


# Site layouts, anchors and images -----------------------------------------------


def test_breadcrumbs_start_at_the_site_home_page(client, root_page, site):
    folder = root_page.add_child(instance=Page(title="All sites", slug="all-sites"))
    home = folder.add_child(instance=Page(title="Clinic home", slug="clinic-home"))
    site.root_page = home
    site.save()
    page = make_condition_page(make_condition_index(home), title="Knee")
    soup = page_soup(client, page)
    trail = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a.get_text() for a in trail.find_all("a")] == ["Clinic home", "Conditions"]
    assert "None" not in str(trail)


def test_a_locations_block_without_heading_keeps_table_of_contents_links_right(
    client, condition_index
):
    make_location("Quayside clinic")
    page = make_condition_page(
        condition_index,
        show_table_of_contents=True,
        body=[
            locations_block(heading=""),
            heading("Section"),
        ],
    )
    soup = page_soup(client, page)
    toc = soup.find("nav", attrs={"aria-label": "On this page"})
    (link,) = toc.find_all("a")
    assert soup.find(id=link["href"][1:]).get_text() == "Section"


def test_hero_alt_text_never_falls_back_to_the_image_title(client, condition_index):
    image = make_image("IMG_20240101_123456")
    page = make_condition_page(condition_index, hero_image=image)
    hero = page_soup(client, page).select_one(".physio-condition__hero img")
    assert hero["alt"] == ""


def test_a_location_kept_for_another_site_is_not_shown_there(
    client, condition_index, second_site
):
    ours = make_location("Quayside clinic")
    theirs = make_location("Other town clinic", site=second_site)
    page = make_condition_page(condition_index, body=[locations_block([ours, theirs])])
    html = page_html(client, page)
    assert "Quayside clinic" in html and "Other town clinic" not in html
