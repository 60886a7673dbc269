"""Categories, clinic locations and notice banners in more than one language.

A Welsh reader sees each record's Welsh version where there is one, and the
English source where nobody translated it; the facts (hours, phone, schedule)
are always the source's. Welsh pages cost the same queries as English ones.
"""

import datetime
import json
import uuid

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale

from tests.factories import (
    locations_block,
    make_condition_page,
    make_live_condition,
    make_location,
    make_notice,
    site_request,
    soup,
)
from tests.factories.translations import make_bilingual, translate
from wagtail_physio.models import (
    ClinicLocation,
    ConditionCategory,
    ConditionPage,
    NoticeBanner,
)
from wagtail_physio.notices.banners import get_live_notices, render_notice_banners

pytestmark = pytest.mark.django_db

BEFORE = ("wagtail_physio", "0007_list_editing_attributes")
AFTER = ("wagtail_physio", "0008_translatable_snippets")

# Monday 1 July 2024, 10:00 in London (BST).
MONDAY_MORNING = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def locales(settings):
    return make_bilingual(settings)


@pytest.fixture
def welsh(locales):
    return locales[1]


# -- Migration ---------------------------------------------------------------------


# Migrating commits, so the test is transactional and its database is flushed
# after it (no serialized_rollback: after another transactional test's flush,
# post_migrate has remade the content types under new ids and restoring the
# serialized copy clashes with them). Transactional tests run after the others,
# and each sets up the site it needs.
@pytest.mark.django_db(transaction=True)
def test_migration_puts_existing_rows_in_the_default_locale():
    """Rows saved before 0008 come through in the default locale with a key each,
    and category names become unique per locale instead of overall."""
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    old_category = old.get_model("wagtail_physio", "ConditionCategory")
    old_location = old.get_model("wagtail_physio", "ClinicLocation")
    old_hours = old.get_model("wagtail_physio", "OpeningHours")
    old_banner = old.get_model("wagtail_physio", "NoticeBanner")
    knee = old_category.objects.create(name="Knee", slug="knee")
    back = old_category.objects.create(name="Back", slug="back")
    quayside = old_location.objects.create(
        name="Quayside clinic",
        address_line_1="12 Chandlers Row",
        town="Riverton",
        postcode="RV1 4QT",
        country="GB",
    )
    old_hours.objects.create(
        location=quayside, weekday=0, opens="09:00", closes="17:00", sort_order=0
    )
    banner = old_banner.objects.create(message="<p>Booking is down.</p>")
    try:
        # A site whose locales do not include the default language (its pages
        # in another): the migration creates it, as Wagtail's own migration does.
        # (An earlier transactional test's flush may have left no locale at all.)
        if not Locale.objects.update(language_code="fr"):
            Locale.objects.create(language_code="fr")
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes("wagtail_physio")
        )

    default = Locale.get_default()
    assert default.language_code == "en-gb"
    keys = set()
    for model, pk in [
        (ConditionCategory, knee.pk),
        (ConditionCategory, back.pk),
        (ClinicLocation, quayside.pk),
        (NoticeBanner, banner.pk),
    ]:
        row = model.objects.get(pk=pk)
        assert row.locale == default
        assert isinstance(row.translation_key, uuid.UUID)
        keys.add(row.translation_key)
    assert len(keys) == 4, "every row has its own translation key"
    assert ClinicLocation.objects.get(pk=quayside.pk).opening_hours.count() == 1

    welsh = Locale.objects.create(language_code="cy")
    ConditionCategory.objects.create(name="Knee", slug="knee", locale=welsh)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConditionCategory.objects.create(name="Knee", slug="knee-2", locale=default)


# -- Categories --------------------------------------------------------------------


def test_category_names_and_slugs_are_unique_per_language(welsh):
    knee = ConditionCategory.objects.create(name="Knee")
    # The same name in Welsh is another category's version, not a clash.
    translate(knee, welsh)
    duplicate = ConditionCategory(name="Knee")
    with pytest.raises(Exception) as error:
        duplicate.full_clean()
    assert set(error.value.message_dict) == {"name", "slug"}
    assert "this language" in error.value.message_dict["name"][0]
    other = ConditionCategory(name="Pen-glin", slug="knee", locale=welsh)
    with pytest.raises(Exception) as error:
        other.full_clean()
    assert list(error.value.message_dict) == ["slug"]


def test_snippet_admin_makes_a_category_per_language(admin_client, welsh):
    ConditionCategory.objects.create(name="Knee")
    add_url = "/admin/snippets/wagtail_physio/conditioncategory/add/"
    data = {"name": "Knee", "slug": "", "description": "", "sort_order": 0}
    response = admin_client.post(add_url + "?locale=cy", data)
    assert response.status_code == 302
    assert ConditionCategory.objects.get(locale=welsh).slug == "knee"
    response = admin_client.post(add_url + "?locale=cy", data)
    assert response.status_code == 200
    assert "this language" in response.context["form"].errors["name"][0]


def test_duplicate_category_name_is_a_field_error_without_translation(
    admin_client,
):
    ConditionCategory.objects.create(name="Knee")
    response = admin_client.post(
        "/admin/snippets/wagtail_physio/conditioncategory/add/",
        {"name": "Knee", "slug": "", "description": "", "sort_order": 0},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "A category with this name exists" in form.errors["name"][0]
    assert ConditionCategory.objects.filter(name="Knee").count() == 1


def welsh_index(home_page):
    from tests.factories import make_condition_index

    index = make_condition_index(home_page)
    knee = ConditionCategory.objects.create(name="Knee", sort_order=1)
    back = ConditionCategory.objects.create(name="Back and spine", sort_order=2)
    return index, knee, back


def render_page(page, site, language, path=None):
    request = site_request(site, path or page.url)
    with translation.override(language):
        response = page.serve(request)
        response.render()
    return soup(response)


def test_index_shows_categories_in_the_readers_language(site, home_page, welsh):
    index, knee, back = welsh_index(home_page)
    translate(knee, welsh, name="Pen-glin", slug="pen-glin")
    make_live_condition(index, "Knee pain", categories=[knee])
    # A Welsh page whose category was chosen in Welsh shows it in English too.
    make_live_condition(
        index, "Back pain", categories=[knee.get_translation(welsh), back]
    )

    page = render_page(index, site, "cy")
    # Found by class: its label is Welsh on this page.
    filter_nav = page.select_one("nav.physio-category-filter")
    labels = [a.get_text() for a in filter_nav.find_all("a")]
    assert labels[1:] == ["Pen-glin", "Back and spine"]  # untranslated: the source
    tags = [tag.get_text() for tag in page.select(".physio-tag")]
    assert sorted(tags) == ["Back and spine", "Pen-glin", "Pen-glin"]

    page = render_page(index, site, "en")
    tags = [tag.get_text() for tag in page.select(".physio-tag")]
    assert sorted(tags) == ["Back and spine", "Knee", "Knee"]


def test_category_filter_takes_the_readers_slug(site, home_page, welsh):
    index, knee, _back = welsh_index(home_page)
    translate(knee, welsh, name="Pen-glin", slug="pen-glin")
    make_live_condition(index, "Knee pain", categories=[knee])
    make_live_condition(index, "Hip pain")
    page = render_page(index, site, "cy", path=index.url + "?category=pen-glin")
    titles = [a.get_text(strip=True) for a in page.select(".physio-condition-list a")]
    assert any("Knee pain" in title for title in titles)
    assert not any("Hip pain" in title for title in titles)


def test_welsh_index_costs_the_queries_of_the_english_one(
    site, home_page, welsh, django_assert_num_queries
):
    index, knee, back = welsh_index(home_page)
    translate(knee, welsh, name="Pen-glin", slug="pen-glin")
    for number in range(3):
        make_live_condition(index, f"Condition {number}", categories=[knee, back])
    render_page(index, site, "en")  # warm Wagtail's site root paths

    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as english:
        render_page(index, site, "en")
    with django_assert_num_queries(len(english)):
        page = render_page(index, site, "cy")
    assert "Pen-glin" in page.get_text()


# -- Notice banners ------------------------------------------------------------------


def banner_text(site, language):
    with translation.override(language):
        return [
            " ".join(b["message"].replace("<p>", "").replace("</p>", "").split())
            for b in get_live_notices(site).banners
        ]


def test_banners_follow_the_readers_language_and_fall_back_to_the_source(site, welsh):
    booking = make_notice("<p>Online booking is down.</p>", severity="urgent")
    translate(booking, welsh, message="<p>Mae archebu ar-lein i lawr.</p>")
    make_notice("<p>Car park closed on Friday.</p>", severity="info")

    assert banner_text(site, "en") == [
        "Online booking is down.",
        "Car park closed on Friday.",
    ]
    # The untranslated notice still reaches Welsh readers, in English.
    assert banner_text(site, "cy") == [
        "Mae archebu ar-lein i lawr.",
        "Car park closed on Friday.",
    ]


def test_banner_html_says_which_language_its_words_are_in(site, welsh):
    booking = make_notice("<p>Online booking is down.</p>")
    translate(booking, welsh, message="<p>Mae archebu ar-lein i lawr.</p>")
    make_notice("<p>Car park closed on Friday.</p>")
    request = site_request(site)
    with translation.override("cy"):
        html = str(render_notice_banners(request))
    page = soup_of(html)
    languages = {
        message.get_text(strip=True): message.get("lang")
        for message in page.select(".physio-notice__message")
    }
    assert languages == {
        "Mae archebu ar-lein i lawr.": "cy",
        "Car park closed on Friday.": "en",
    }


def soup_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_the_sources_schedule_decides_for_every_language(site, welsh):
    booking = make_notice("<p>Online booking is down.</p>")
    translate(booking, welsh, message="<p>Mae archebu ar-lein i lawr.</p>")
    booking.is_active = False
    booking.save()
    assert banner_text(site, "cy") == []
    # A translation switched off on its own does not hide the source's notice.
    booking.is_active = True
    booking.save()
    NoticeBanner.objects.filter(locale=welsh).update(is_active=False)
    assert banner_text(site, "cy") == ["Mae archebu ar-lein i lawr."]


def test_rendered_banners_are_cached_per_language(site, welsh, settings):
    settings.WAGTAIL_PHYSIO = {"NOTICE_BANNER_CACHE_TIMEOUT": 300}
    booking = make_notice("<p>Online booking is down.</p>")
    translate(booking, welsh, message="<p>Mae archebu ar-lein i lawr.</p>")
    for _round in range(2):
        assert banner_text(site, "en") == ["Online booking is down."]
        assert banner_text(site, "cy") == ["Mae archebu ar-lein i lawr."]


def test_welsh_banners_cost_the_one_query_english_ones_do(
    site, welsh, django_assert_num_queries
):
    for number in range(3):
        banner = make_notice(f"<p>Notice number {number}.</p>")
        translate(banner, welsh, message=f"<p>Hysbysiad rhif {number}.</p>")
    for language in ("en", "cy"):
        with translation.override(language), django_assert_num_queries(1):
            assert len(get_live_notices(site).banners) == 3


# -- Clinic locations ----------------------------------------------------------------


@pytest.fixture
def quayside(welsh):
    location = make_location(
        "Quayside clinic",
        address_line_1="12 Chandlers Row",
        visitor_notes="Park on Dock Road.",
    )
    translate(
        location,
        welsh,
        name="Clinig y Cei",
        address_line_1="12 Rhes y Siandleriaid",
        visitor_notes="Parciwch ar Ffordd y Doc.",
    )
    return location


def render_locations(site, language, value):
    from wagtail_physio.blocks import ClinicLocationsBlock

    block = ClinicLocationsBlock()
    request = site_request(site)
    with translation.override(language):
        value = block.to_python(value)
        return soup_of(block.render(value, context={"request": request}))


def test_locations_block_shows_the_welsh_words_and_the_sources_facts(
    site, quayside, welsh
):
    make_location("Millbrook clinic", phone="0151 496 0314")
    # Facts changed on the source after translating reach the Welsh version.
    quayside.phone = "0151 496 0999"
    quayside.save()
    page = render_locations(site, "cy", {"show": "all", "locations": []})
    text = page.get_text(" ", strip=True)
    assert "Clinig y Cei" in text and "12 Rhes y Siandleriaid" in text
    assert "Parciwch ar Ffordd y Doc." in text
    assert "Quayside clinic" not in text
    assert "0151 496 0999" in text
    assert "Millbrook clinic" in text  # untranslated: the source


def test_a_chosen_location_shows_in_the_readers_language(site, quayside, welsh):
    welsh_quayside = quayside.get_translation(welsh)
    for chosen in (quayside.pk, welsh_quayside.pk):
        value = {"show": "chosen", "locations": [chosen]}
        assert "Clinig y Cei" in render_locations(site, "cy", value).get_text()
        assert "Quayside clinic" in render_locations(site, "en", value).get_text()


def test_a_translated_location_is_active_when_its_source_is(site, quayside, welsh):
    quayside.is_active = False
    quayside.save()
    page = render_locations(site, "cy", {"show": "all", "locations": []})
    assert "Clinig y Cei" not in page.get_text()


def test_structured_data_describes_the_welsh_location(site, home_page, quayside):
    from wagtail_physio.locations.structured_data import location_node

    request = site_request(site)
    with translation.override("cy"):
        (location,) = ClinicLocation.for_request(request)
        node = location_node(location, site, request)
    assert node["name"] == "Clinig y Cei"
    assert node["address"]["streetAddress"] == "12 Rhes y Siandleriaid"
    assert node["@id"].endswith(f"#location-{quayside.pk}")
    days = {spec["dayOfWeek"] for spec in node["openingHoursSpecification"]}
    assert "https://schema.org/Monday" in json.dumps(sorted(days))


def test_welsh_location_page_costs_the_queries_of_the_english_one(
    site, home_page, quayside, welsh, django_assert_num_queries
):
    from django.test.utils import CaptureQueriesContext

    make_location("Millbrook clinic", phone="0151 496 0314")
    page = make_condition_page(
        home_page,
        title="Where we are",
        body=[locations_block(None), locations_block([quayside])],
    )
    page = ConditionPage.objects.get(pk=page.pk)
    render_page(page, site, "en")

    def render(language, counter):
        fresh = ConditionPage.objects.get(pk=page.pk)
        request = site_request(site, fresh.url)
        with translation.override(language), counter:
            context = fresh.get_context(request)
            return Template(
                "{% load physio_tags wagtailcore_tags %}{% include_block page.body %}"
                "{% physio_structured_data %}"
            ).render(Context(context))

    english_queries = CaptureQueriesContext(connection)
    english = render("en", english_queries)
    welsh_html = render("cy", django_assert_num_queries(len(english_queries)))
    assert "Quayside clinic" in english and "Clinig y Cei" in welsh_html


# -- Admin ---------------------------------------------------------------------------


def location_url(action, *args):
    from django.urls import reverse

    return reverse(f"wagtail_physio_cliniclocation_modeladmin_{action}", args=args)


def banner_url(action, *args):
    from django.urls import reverse

    return reverse(f"wagtail_physio_noticebanner_modeladmin_{action}", args=args)


@pytest.fixture
def location_editor(client, db):
    from tests.factories import make_location_editor

    user = make_location_editor()
    client.force_login(user)
    return user


def test_admin_lists_each_language_and_makes_a_translation(
    client, location_editor, welsh
):
    location = make_location("Quayside clinic")
    listing = soup(client.get(location_url("index")))
    assert "Language" in listing.get_text()
    translate_link = listing.find("a", href=location_url("translate", location.pk))
    assert translate_link is not None

    form = soup(client.get(location_url("translate", location.pk)))
    options = [option["value"] for option in form.select("select[name=locale] option")]
    assert options == [str(welsh.pk)]

    response = client.post(location_url("translate", location.pk), {"locale": welsh.pk})
    copy = ClinicLocation.objects.get(locale=welsh)
    assert response.status_code == 302
    assert response["Location"] == location_url("edit", copy.pk)
    assert copy.translation_key == location.translation_key
    assert copy.name == "Quayside clinic"

    # The translation's form offers its words only, and saves them.
    edit = soup(client.get(location_url("edit", copy.pk)))
    names = {field["name"] for field in edit.select("form [name]")}
    assert "name" in names and "address_line_1" in names
    assert "phone" not in names and "opening_hours-TOTAL_FORMS" not in names
    response = client.post(
        location_url("edit", copy.pk),
        {
            "name": "Clinig y Cei",
            "host_building": "",
            "address_line_1": "12 Rhes y Siandleriaid",
            "address_line_2": "",
            "town": "Riverton",
            "visitor_notes": "",
        },
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.name == "Clinig y Cei"
    assert copy.phone == location.phone

    # A language with a version already is not offered again, nor accepted.
    response = client.post(location_url("translate", location.pk), {"locale": welsh.pk})
    assert response.status_code == 200
    assert ClinicLocation.objects.filter(locale=welsh).count() == 1


def test_translating_needs_the_add_permission_even_by_direct_post(client, welsh):
    from tests.factories import make_admin_user

    location = make_location("Quayside clinic")
    user = make_admin_user(
        "changer",
        "wagtail_physio.change_cliniclocation",
        "wagtail_physio.view_cliniclocation",
    )
    client.force_login(user)
    listing = soup(client.get(location_url("index")))
    assert listing.find("a", href=location_url("translate", location.pk)) is None
    response = client.post(location_url("translate", location.pk), {"locale": welsh.pk})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != location_url("edit", location.pk)
    assert not ClinicLocation.objects.filter(locale=welsh).exists()


def test_banner_translation_is_made_and_shown(client, site, welsh):
    from tests.factories import make_admin_user

    banner = make_notice("<p>Online booking is down.</p>")
    user = make_admin_user(
        "notices",
        *(
            f"wagtail_physio.{action}_noticebanner"
            for action in ("add", "change", "view")
        ),
    )
    client.force_login(user)
    response = client.post(banner_url("translate", banner.pk), {"locale": welsh.pk})
    copy = NoticeBanner.objects.get(locale=welsh)
    assert response["Location"] == banner_url("edit", copy.pk)
    edit = soup(client.get(banner_url("edit", copy.pk)))
    names = {field["name"] for field in edit.select("form [name]")}
    assert "message" in names and "severity" not in names and "sites" not in names


def test_translation_admin_is_absent_with_translation_off(client, location_editor):
    location = make_location("Quayside clinic")
    listing = soup(client.get(location_url("index")))
    assert listing.find("a", href=location_url("translate", location.pk)) is None
    assert "Language" not in [th.get_text(strip=True) for th in listing.select("th")]
    response = client.get(location_url("translate", location.pk))
    assert response.status_code in (302, 403)


# -- wagtail-localize ----------------------------------------------------------------


def test_wagtail_localize_translates_the_words_and_synchronises_the_facts():
    """wagtail-localize reads the same split as the package's own loaders: its
    editor offers the words, and copies the facts (hours included) on sync."""
    from wagtail_localize.fields import get_translatable_fields

    for model in (ClinicLocation, NoticeBanner, ConditionCategory):
        fields = get_translatable_fields(model)
        translated = {f.field_name for f in fields if f.is_translated(model())}
        synchronised = {f.field_name for f in fields} - translated
        assert translated == set(model.translated_fields), model
        assert synchronised == set(model.synchronised_fields), model
    assert "opening_hours" in ClinicLocation.synchronised_fields
    assert "phone" in ClinicLocation.synchronised_fields


def test_special_hours_are_added_to_each_location_once(quayside, welsh):
    """Hours are the source's in every language: the form for several locations
    offers (and ticks) each location once, not its translations."""
    from wagtail_physio.locations.special_hours import SpecialHoursForLocationsForm

    form = SpecialHoursForLocationsForm()
    assert list(form.fields["locations"].queryset) == [quayside]
    assert form.initial["locations"] == [quayside.pk]
