"""Condition pages on a site whose base page is its own (``WAGTAIL_PAGE_MODEL``).

The project builds its index and condition page types from the package's mixins on
its own ``BasePage`` (``clinic/models.py``) and names them in the package's
settings; the package's own page types are then swapped out.
"""

import json
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, get_page_models

from tests.custom_base_page.clinic.models import (
    BasePage,
    ConditionIndexPage,
    ConditionPage,
)
from wagtail_physio import models as physio_models
from wagtail_physio.conditions.checks import check_page_types
from wagtail_physio.conditions.navigation import RelatedConditionsBlock
from wagtail_physio.core.pages import get_page_model

pytestmark = pytest.mark.django_db


def panel_names(panels):
    names = []
    for panel in panels:
        if isinstance(panel, str):
            names.append(panel)
        elif isinstance(panel, FieldPanel):
            names.append(panel.field_name)
        else:
            names.extend(panel_names(getattr(panel, "children", [])))
    return names


def test_system_checks_pass_and_migrations_are_complete():
    call_command("check", fail_level="WARNING")
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_package_resolves_the_base_page_as_wagtail_does():
    assert get_page_model() is BasePage
    # The package's concrete types are swapped out: no table, not offered.
    assert physio_models.ConditionPage._meta.swapped == "clinic.ConditionPage"
    assert physio_models.ConditionIndexPage._meta.swapped == "clinic.ConditionIndexPage"
    assert not apps.get_models().__contains__(physio_models.ConditionPage)
    page_models = get_page_models()
    assert ConditionPage in page_models
    assert physio_models.ConditionPage not in page_models
    assert physio_models.ConditionIndexPage not in page_models


def test_panels_and_search_fields_come_from_the_real_base_page():
    content = panel_names(ConditionPage.content_panels)
    # The base page's own panels, then the package's.
    assert content.index("audience") < content.index("summary")
    assert {"summary", "body", "related_conditions"} <= set(content)
    promote = panel_names(ConditionPage.promote_panels)
    assert promote[0] == "slug"
    assert "subject_type" in promote
    # Wagtail's Page has these; this base page does not, and nothing adds them.
    assert "seo_title" not in promote and "search_description" not in promote
    search = {field.field_name for field in ConditionPage.search_fields}
    assert {"title", "audience", "summary", "body"} <= search
    assert "intro" in {f.field_name for f in ConditionIndexPage.search_fields}
    assert "audience" in panel_names(ConditionIndexPage.content_panels)


def test_editors_are_offered_only_the_projects_page_types(admin_client, index_page):
    response = admin_client.get(
        f"/admin/pages/{index_page.get_parent().pk}/add_subpage/"
    )
    html = response.content.decode()
    assert "/add/clinic/conditionindexpage/" in html
    assert "/add/wagtail_physio/" not in html
    # The index's only child type is the project's condition page: Wagtail goes
    # straight to its form.
    response = admin_client.get(f"/admin/pages/{index_page.pk}/add_subpage/")
    assert response.status_code == 302
    assert "/add/clinic/conditionpage/" in response["Location"]
    response = admin_client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="audience"' in html and 'name="summary"' in html
    assert 'name="seo_title"' not in html


def test_related_conditions_chooser_accepts_the_projects_types():
    chooser = RelatedConditionsBlock().child_blocks["condition"]
    assert chooser.target_models == [ConditionPage]
    assert chooser.target_model is BasePage


def test_condition_page_renders_with_links_and_json_ld(client, back_surgery):
    response = client.get(back_surgery.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Back surgery" in html
    assert "Before your operation" in html
    # The procedure's page link and the related condition both reach Sciatica.
    assert html.count('href="/conditions/sciatica/"') >= 2
    documents = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    nodes = [node for doc in documents for node in doc.get("@graph", [doc])]
    page_node = next(node for node in nodes if node["@type"] == "MedicalWebPage")
    assert page_node["name"] == "Back surgery"
    assert page_node["description"] == back_surgery.summary
    crumbs = next(node for node in nodes if node["@type"] == "BreadcrumbList")
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Harbour clinic",
        "Conditions",
        "Back surgery",
    ]


def test_index_lists_and_searches_the_projects_condition_pages(
    client, index_page, back_surgery, sciatica
):
    html = client.get(index_page.url).content.decode()
    assert "Back surgery" in html and "Sciatica" in html
    html = client.get(index_page.url, {"q": "sciatica"}).content.decode()
    assert 'href="/conditions/sciatica/"' in html
    assert 'href="/conditions/back-surgery/"' not in html


def test_api_serves_the_projects_condition_pages(client, back_surgery, sciatica):
    response = client.get(
        "/api/v2/pages/",
        {"type": "clinic.ConditionPage", "fields": "summary,related_conditions"},
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in json.loads(response.content)["items"]}
    assert set(items) == {"Back surgery", "Sciatica"}
    related = items["Back surgery"]["related_conditions"]
    assert [page["title"] for page in related] == ["Sciatica"]


def test_sitemap_lists_the_pages(client, back_surgery, sciatica):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        url.find("sm:loc", namespace).text
        for url in ET.fromstring(response.content).findall("sm:url", namespace)
    }
    assert "http://localhost/conditions/back-surgery/" in locations
    assert "http://localhost/conditions/sciatica/" in locations


def test_review_report_lists_the_projects_pages(admin_client, back_surgery, sciatica):
    response = admin_client.get("/admin/physio/reviews-due/")
    assert response.status_code == 200
    titles = [page.title for page in response.context["object_list"]]
    assert titles[0] == "Back surgery"  # overdue: last reviewed in 2020
    assert "Sciatica" in titles
    assert "Dana Reyes" in response.content.decode()


def test_wagtails_page_is_not_used_for_queries():
    # Wagtail's Page is swapped: any code still asking it for pages would raise.
    with pytest.raises(AttributeError):
        Page.objects.all()


def test_check_names_the_setting_a_swapped_base_page_needs(settings):
    del settings.WAGTAIL_PHYSIO_CONDITION_PAGE_MODEL
    errors = check_page_types()
    assert [error.id for error in errors] == ["wagtail_physio.E014"]
    assert "WAGTAIL_PHYSIO_CONDITION_PAGE_MODEL" in errors[0].msg
    assert "ConditionPageMixin" in errors[0].hint


def test_check_refuses_a_page_type_not_built_from_the_mixin(settings):
    settings.WAGTAIL_PHYSIO_CONDITION_INDEX_PAGE_MODEL = "clinic.HomePage"
    errors = check_page_types()
    assert [error.id for error in errors] == ["wagtail_physio.E015"]
    assert "ConditionIndexPageMixin" in errors[0].msg
