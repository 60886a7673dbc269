"""JSON-LD structured data, read back with extruct as a search engine would."""

import copy
import datetime
import json
import re

import pytest
from django.test import override_settings
from wagtail import hooks
from wagtail.models import Site

from tests.factories import (
    full_body,
    make_condition_index,
    make_condition_page,
    make_image,
    make_location,
    shared_test_data,
)
from wagtail_physio.core.structured_data import dumps_json_ld

pytestmark = pytest.mark.django_db


def json_ld(response):
    """Every JSON-LD node of a page, as an extractor reads them."""
    import extruct  # slow to import: only where it is used

    assert response.status_code == 200
    html = response.content.decode()
    documents = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    nodes = []
    for document in documents:
        nodes.extend(document.get("@graph", [document]))
    return html, nodes


def nodes_of(nodes, schema_type):
    return [node for node in nodes if node.get("@type") == schema_type]


@pytest.fixture
def two_locations():
    return [
        make_location(
            "Quayside clinic",
            latitude="53.4012",
            longitude="-2.9876",
            hours=[(0, "08:00", "12:30"), (0, "13:30", "19:00"), (5, "09:00", "13:00")],
        ),
        make_location("Millbrook clinic", phone="0151 496 0314"),
    ]


@pytest.fixture(scope="class")
def shared_full_page(django_db_setup, django_db_blocker, tmp_path_factory):
    """A condition page with every block, made once for each class using it, with
    its image in a media folder of its own (see ``shared_test_data``)."""
    media = str(tmp_path_factory.mktemp("structured-data-media"))
    with override_settings(MEDIA_ROOT=media), shared_test_data(django_db_blocker):
        index = make_condition_index(Site.objects.get(is_default_site=True).root_page)
        linked = make_condition_page(index, title="Sciatica")
        page = make_condition_page(
            index,
            title="Back surgery",
            summary="Rehabilitation after spinal operations.",
            body=full_body(make_image("Stretch"), linked),
            reviewer_name="Dr Ffion Marsh",
            reviewer_role="Consultant physiotherapist",
            last_reviewed=datetime.date(2026, 3, 2),
            subject_type="MedicalProcedure",
        )
        yield {"page": page, "media": media}


class TestConditionPage:
    """The JSON-LD of a condition page with every block; the tests only read it."""

    @pytest.fixture
    def full_page(self, shared_full_page, db):
        return copy.deepcopy(shared_full_page["page"])

    @pytest.fixture
    def media_root(self, shared_full_page, settings):
        settings.MEDIA_ROOT = shared_full_page["media"]
        return settings.MEDIA_ROOT

    def test_condition_page_is_a_medical_web_page(self, client, clinic, full_page):
        _html, nodes = json_ld(client.get(full_page.url))
        (page,) = nodes_of(nodes, "MedicalWebPage")
        assert page["name"] == "Back surgery"
        assert page["description"] == "Rehabilitation after spinal operations."
        assert page["url"] == full_page.full_url
        assert page["lastReviewed"] == "2026-03-02"
        assert page["reviewedBy"] == {
            "@type": "Person",
            "name": "Dr Ffion Marsh",
            "jobTitle": "Consultant physiotherapist",
        }
        assert page["about"] == {"@type": "MedicalProcedure", "name": "Back surgery"}
        mentioned = {(item["@type"], item["name"]) for item in page["mentions"]}
        assert ("MedicalProcedure", "Discectomy") in mentioned
        assert ("MedicalTherapy", "Massage") in mentioned

    def test_the_clinic_and_each_location_are_described(
        self, client, clinic, two_locations, full_page
    ):
        _html, nodes = json_ld(client.get(full_page.url))
        clinics = nodes_of(nodes, "MedicalClinic")
        by_name = {node["name"]: node for node in clinics}
        assert set(by_name) == {
            "Riverside Physio",
            "Quayside clinic",
            "Millbrook clinic",
        }

        organisation = by_name["Riverside Physio"]
        assert organisation["telephone"] == "+441514960100"
        assert organisation["email"] == "hello@clinic.example"
        assert {d["@id"] for d in organisation["department"]} == {
            by_name["Quayside clinic"]["@id"],
            by_name["Millbrook clinic"]["@id"],
        }

        quayside = by_name["Quayside clinic"]
        assert quayside["address"]["@type"] == "PostalAddress"
        assert quayside["address"]["postalCode"]
        assert quayside["address"]["addressLocality"]
        assert quayside["geo"] == {
            "@type": "GeoCoordinates",
            "latitude": 53.4012,
            "longitude": -2.9876,
        }
        assert quayside["telephone"].startswith("+44151496")
        assert quayside["hasMap"].startswith("https://")
        assert quayside["parentOrganization"] == {"@id": organisation["@id"]}
        hours = quayside["openingHoursSpecification"]
        assert {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "13:30",
            "closes": "19:00",
        } in hours
        assert len(hours) == 3
        assert by_name["Millbrook clinic"]["telephone"] == "+441514960314"
        assert "geo" not in by_name["Millbrook clinic"]

    def test_clinic_type_follows_the_setting(
        self, client, clinic, two_locations, full_page, settings
    ):
        settings.WAGTAIL_PHYSIO = {"CLINIC_SCHEMA_TYPE": "Physiotherapy"}
        _html, nodes = json_ld(client.get(full_page.url))
        assert len(nodes_of(nodes, "Physiotherapy")) == 3
        assert not nodes_of(nodes, "MedicalClinic")

    def test_breadcrumbs_run_from_the_home_page_to_the_page(
        self, client, clinic, full_page
    ):
        html, nodes = json_ld(client.get(full_page.url))
        (breadcrumbs,) = nodes_of(nodes, "BreadcrumbList")
        trail = [
            (item["position"], item["name"]) for item in breadcrumbs["itemListElement"]
        ]
        assert trail == [
            (1, "Welcome to your new Wagtail site!"),
            (2, "Conditions"),
            (3, "Back surgery"),
        ]
        # The same trail is shown to readers.
        assert 'aria-label="Breadcrumb"' in html
        assert 'aria-current="page">Back surgery<' in html

    def test_each_page_carries_exactly_one_json_ld_document(
        self, client, clinic, full_page
    ):
        html = client.get(full_page.url).content.decode()
        assert html.count('type="application/ld+json"') == 1
        index_html = client.get(full_page.get_parent().url).content.decode()
        assert index_html.count('type="application/ld+json"') == 1

    def test_a_project_hook_can_change_the_graph(self, client, clinic, full_page):
        def add_specialty(graph, page, request):
            for node in graph:
                if node["@type"] == "MedicalWebPage":
                    node["specialty"] = "https://schema.org/Physiotherapy"
            return graph

        with hooks.register_temporarily("physio_structured_data", add_specialty):
            _html, nodes = json_ld(client.get(full_page.url))
        (web_page,) = nodes_of(nodes, "MedicalWebPage")
        assert web_page["specialty"] == "https://schema.org/Physiotherapy"

    def test_json_ld_adds_no_query_beyond_what_the_page_loads(
        self, rf, clinic, two_locations, full_page, django_assert_num_queries
    ):
        """With the page's context built, its body and breadcrumb trail rendered and
        the footer panel shown (as on the demo site), the structured data reuses
        what they loaded."""
        from django.template import Context, Template

        request = rf.get(full_page.url, HTTP_HOST="localhost")
        context = full_page.get_context(request)
        Template(
            "{% load physio_tags wagtailcore_tags %}{% include_block page.body %}"
            '{% include "wagtail_physio/includes/breadcrumbs.html" %}{% physio_contact %}'
        ).render(Context(context))
        full_page.get_full_url(request)  # site root paths, as rendering any link does
        with django_assert_num_queries(0):
            html = Template(
                "{% load physio_tags %}{% physio_structured_data %}"
            ).render(Context(context))
        assert "Quayside clinic" in html and "MedicalWebPage" in html


def test_a_condition_lists_its_treatments_as_possible_treatments(
    client, clinic, condition_index
):
    page = make_condition_page(
        condition_index,
        title="Sciatica",
        body=full_body(),
        subject_type="MedicalCondition",
    )
    _html, nodes = json_ld(client.get(page.url))
    (web_page,) = nodes_of(nodes, "MedicalWebPage")
    about = web_page["about"]
    assert about["@type"] == "MedicalCondition"
    assert [t["name"] for t in about["possibleTreatment"]] == [
        item["name"]
        for item in web_page["mentions"]
        if item["@type"] == "MedicalTherapy"
    ]
    assert about["possibleTreatment"]


def test_editor_text_cannot_end_the_script_element(client, clinic, condition_index):
    page = make_condition_page(
        condition_index,
        title="Knee </script><script>alert(1)</script>",
        summary="Ends early? </script><b>no</b> & <!-- not a comment -->",
    )
    html, nodes = json_ld(client.get(page.url))
    (web_page,) = nodes_of(nodes, "MedicalWebPage")
    # The text survives intact for machines ...
    assert web_page["description"].startswith("Ends early? </script><b>no</b> &")
    # ... and the browser sees one script element holding all of it.
    scripts = re.findall(
        r"<script type=\"application/ld\+json\">(.*?)</script>", html, re.S
    )
    assert len(scripts) == 1
    assert "<" not in scripts[0] and ">" not in scripts[0]
    assert json.loads(scripts[0])["@graph"]


def test_dumps_json_ld_escapes_markup_characters():
    text = dumps_json_ld({"name": "</script>&<!--"})
    assert text == '{"name":"\\u003C/script\\u003E\\u0026\\u003C!--"}'
    assert json.loads(text) == {"name": "</script>&<!--"}


def test_other_pages_are_plain_web_pages_with_the_clinic(
    client, clinic_home, clinic, two_locations
):
    # A project page type whose template extends a base template placing the tag.
    _html, nodes = json_ld(client.get(clinic_home.url))
    assert [n["name"] for n in nodes_of(nodes, "WebPage")] == ["Riverside clinic"]
    assert len(nodes_of(nodes, "MedicalClinic")) == 3


def test_an_unknown_clinic_type_fails_the_system_check(settings):
    from django.core.checks import run_checks

    settings.WAGTAIL_PHYSIO = {"CLINIC_SCHEMA_TYPE": "Gym"}
    assert "wagtail_physio.E012" in [error.id for error in run_checks()]
    settings.WAGTAIL_PHYSIO = {"CLINIC_SCHEMA_TYPE": "Physiotherapy"}
    assert "wagtail_physio.E012" not in [error.id for error in run_checks()]


# Sites that describe their own pages: STRUCTURED_DATA_PAGE_NODES and
# STRUCTURED_DATA_PUBLISHER -------------------------------------------------------


@pytest.fixture
def package_and_other_page(clinic_home, clinic):
    """A condition page and a project's own page (its home page) on one site."""
    index = make_condition_index(clinic_home)
    return make_condition_page(index, title="Sciatica"), clinic_home


def page_nodes(client, page):
    _html, nodes = json_ld(client.get(page.url))
    return (
        nodes_of(nodes, "MedicalWebPage") + nodes_of(nodes, "WebPage"),
        nodes_of(nodes, "BreadcrumbList"),
        nodes,
    )


@pytest.mark.parametrize(
    ("scope", "on_package_page", "on_other_page"),
    [("all", True, True), ("package_pages", True, False), ("none", False, False)],
)
def test_page_nodes_go_where_the_setting_says(
    client, settings, package_and_other_page, scope, on_package_page, on_other_page
):
    settings.WAGTAIL_PHYSIO = {"STRUCTURED_DATA_PAGE_NODES": scope}
    condition, other = package_and_other_page
    for page, expected in ((condition, on_package_page), (other, on_other_page)):
        described, breadcrumbs, nodes = page_nodes(client, page)
        assert bool(described) == expected, page.title
        assert bool(breadcrumbs) == expected, page.title
        # The site's own nodes are on every page whatever the setting.
        assert len(nodes_of(nodes, "WebSite")) == 1
        assert len(nodes_of(nodes, "MedicalClinic")) == 1


@pytest.mark.parametrize(
    ("scope", "website", "package_page", "other_page"),
    [
        ("all", True, True, True),
        ("package_pages", False, True, False),
        ("none", False, False, False),
    ],
)
def test_the_clinic_is_named_publisher_where_the_setting_says(
    client, settings, package_and_other_page, scope, website, package_page, other_page
):
    settings.WAGTAIL_PHYSIO = {"STRUCTURED_DATA_PUBLISHER": scope}
    condition, other = package_and_other_page
    for page, expected in ((condition, package_page), (other, other_page)):
        (node,), _breadcrumbs, nodes = page_nodes(client, page)
        (clinic_node,) = nodes_of(nodes, "MedicalClinic")
        assert ("publisher" in node) == expected, page.title
        if expected:
            assert node["publisher"] == {"@id": clinic_node["@id"]}
        (site_node,) = nodes_of(nodes, "WebSite")
        assert ("publisher" in site_node) == website


@pytest.mark.parametrize(
    "name", ["STRUCTURED_DATA_PAGE_NODES", "STRUCTURED_DATA_PUBLISHER"]
)
def test_an_unknown_structured_data_scope_fails_the_system_check(settings, name):
    from django.core.checks import run_checks

    settings.WAGTAIL_PHYSIO = {name: True}
    assert "wagtail_physio.E018" in [error.id for error in run_checks()]
    settings.WAGTAIL_PHYSIO = {name: "package_pages"}
    assert "wagtail_physio.E018" not in [error.id for error in run_checks()]
