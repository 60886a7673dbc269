"""A project's own block joins the package through its protocols alone.

``CareTeamBlock`` (tests/testapp/models.py, the worked example of
docs/extending.md) inherits from no package block, yet its heading is in the table
of contents, its clinicians are in the page's JSON-LD, and a page view loads every
chosen clinician with one query.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.testapp.models import (
    CareTeamBlock,
    Clinician,
    ClinicianChooserBlock,
    ExtendedStreamBlock,
    TreatmentIndexPage,
    TreatmentPage,
)
from wagtail_physio.core.protocols import (
    BulkLoadable,
    HasHeading,
    HasStructuredData,
    implements,
)

pytestmark = pytest.mark.django_db

CLINICIAN_TABLE = f'FROM "{Clinician._meta.db_table}"'


# Helpers: kept here rather than shared, so this module stands on its own.


@pytest.fixture
def treatment_index(home_page):
    index = TreatmentIndexPage(title="Treatments", slug="treatments")
    home_page.add_child(instance=index)
    return index


def make_page(parent, body, title="Knee pain", **fields):
    page = TreatmentPage(
        title=title, summary=f"How we help with {title.lower()}.", body=body, **fields
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_clinicians(*names):
    return [
        Clinician.objects.create(name=name, job_title="Physiotherapist")
        for name in names
    ]


def care_team(heading, clinicians):
    """Raw stream data, as saved: chooser blocks hold ids."""
    return {
        "type": "care_team",
        "value": {"heading": heading, "clinicians": [c.pk for c in clinicians]},
    }


def tip(clinician, text="Little and often beats a long session once a week."):
    return {"type": "clinician_tip", "value": {"tip": text, "clinician": clinician.pk}}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def get(client, page):
    """The response and the SQL of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def json_ld_page_node(html):
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    graph = json.loads(scripts[0].string)["@graph"]
    return next(node for node in graph if node["@type"] == "MedicalWebPage")


# The protocols, declared rather than inherited.


def test_the_worked_example_implements_each_protocol():
    assert implements(CareTeamBlock(), HasHeading)
    assert implements(CareTeamBlock(), HasStructuredData)
    assert implements(ClinicianChooserBlock("testapp.Clinician"), BulkLoadable)
    assert not implements(CareTeamBlock(), BulkLoadable)


def test_the_page_type_offers_the_projects_blocks():
    child_blocks = TreatmentPage.body.field.stream_block.child_blocks
    assert isinstance(child_blocks["care_team"], CareTeamBlock)
    assert set(ExtendedStreamBlock.base_blocks) >= {"care_team", "clinician_tip"}


# HasHeading: the table of contents.


def test_the_care_team_heading_is_in_the_table_of_contents(client, treatment_index):
    (sam,) = make_clinicians("Sam Patel")
    page = make_page(
        treatment_index,
        show_table_of_contents=True,
        body=[
            heading("Your care team"),
            care_team("Your care team", [sam]),
            heading("Exercises"),
        ],
    )
    response, _queries = get(client, page)
    soup = BeautifulSoup(response.content, "html.parser")
    toc = soup.find("nav", attrs={"aria-label": "On this page"})
    links = [(a.get_text(), a["href"]) for a in toc.find_all("a")]
    # The block's heading takes the next free anchor, as rendering gives it.
    assert links == [
        ("Your care team", "#your-care-team"),
        ("Your care team", "#your-care-team-2"),
        ("Exercises", "#exercises"),
    ]
    target = soup.find(id="your-care-team-2")
    assert target.name == "h2"
    assert target.find_parent("section", class_="care-team") is not None


def test_a_care_team_without_a_heading_takes_no_anchor(client, treatment_index):
    (sam,) = make_clinicians("Sam Patel")
    page = make_page(
        treatment_index,
        show_table_of_contents=True,
        body=[care_team("", [sam]), heading("Exercises")],
    )
    response, _queries = get(client, page)
    soup = BeautifulSoup(response.content, "html.parser")
    toc = soup.find("nav", attrs={"aria-label": "On this page"})
    assert [a["href"] for a in toc.find_all("a")] == ["#exercises"]
    assert soup.find(id="exercises").name == "h2"


# HasStructuredData: the page's JSON-LD.


def test_the_care_team_is_mentioned_in_the_json_ld(client, treatment_index):
    sam, ffion = make_clinicians("Sam Patel", "Ffion Marsh")
    page = make_page(treatment_index, body=[care_team("Your care team", [sam, ffion])])
    response, _queries = get(client, page)
    node = json_ld_page_node(response.content.decode())
    assert node["mentions"] == [
        {"@type": "Person", "name": "Sam Patel", "jobTitle": "Physiotherapist"},
        {"@type": "Person", "name": "Ffion Marsh", "jobTitle": "Physiotherapist"},
    ]


def test_a_deleted_clinician_is_left_out(client, treatment_index):
    sam, gone = make_clinicians("Sam Patel", "Former colleague")
    page = make_page(treatment_index, body=[care_team("Your care team", [sam, gone])])
    gone.delete()
    response, _queries = get(client, page)
    assert "Former colleague" not in response.content.decode()
    node = json_ld_page_node(response.content.decode())
    assert [person["name"] for person in node["mentions"]] == ["Sam Patel"]


# BulkLoadable: one query for every chosen clinician.


def test_clinicians_cost_one_query_however_many_care_teams(client, treatment_index):
    team = make_clinicians("Sam Patel", "Ffion Marsh", "Dev Shah", "Ana Costa")
    one = make_page(
        treatment_index, title="Knee pain", body=[care_team("Your care team", team[:1])]
    )
    several = make_page(
        treatment_index,
        title="Hip pain",
        body=[
            care_team("Before surgery", team[:2]),
            care_team("After surgery", team[1:3]),
            care_team("Back at home", team[3:]),
        ],
    )
    get(client, one)  # Wagtail's per-site caches, filled by the first request
    _response, one_queries = get(client, one)
    several_response, several_queries = get(client, several)

    assert len(several_queries) == len(one_queries)
    assert len([sql for sql in several_queries if CLINICIAN_TABLE in sql]) == 1
    html = several_response.content.decode()
    for clinician in team:
        assert clinician.name in html


def test_clinicians_of_different_block_types_share_the_query(client, treatment_index):
    # Wagtail converts a stream one block type at a time; the page view's bulk
    # loading gathers the ids of every BulkLoadable block first.
    sam, ffion, dev = make_clinicians("Sam Patel", "Ffion Marsh", "Dev Shah")
    page = make_page(
        treatment_index,
        body=[care_team("Your care team", [sam, ffion]), tip(dev), tip(sam)],
    )
    response, queries = get(client, page)
    clinician_queries = [sql for sql in queries if CLINICIAN_TABLE in sql]
    assert len(clinician_queries) == 1
    body = BeautifulSoup(response.content, "html.parser").find(
        class_="physio-condition__body"
    )
    assert [f.get_text() for f in body.find_all("figcaption")] == [
        "Dev Shah",
        "Sam Patel",
    ]
    assert "Ffion Marsh" in body.get_text()


def test_the_admin_offers_the_care_team_block(admin_client, treatment_index):
    response = admin_client.get(
        f"/admin/pages/add/testapp/treatmentpage/{treatment_index.pk}/"
    )
    assert response.status_code == 200
    assert "Care team" in response.content.decode()
