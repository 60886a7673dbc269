"""Routing below a conditions index: a condition page is read in one query through
its own model; everything else routes as Wagtail routes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_condition_page
from tests.testapp.models import BaselinePage

pytestmark = pytest.mark.django_db


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_condition_page_is_found_in_one_query_through_its_model(
    client, condition_index
):
    page = make_condition_page(condition_index, title="Sciatica")
    client.get(page.url)  # the site's first request makes its settings
    response, queries = page_queries(client, page.url)
    assert response.status_code == 200
    assert response.context["page"] == page
    # One query finds the page by its slug, joined to its own table; none loads
    # the base row alone and then the specific one.
    finding = [sql for sql in queries if "'sciatica'" in sql]
    assert len(finding) == 1
    assert 'FROM "wagtail_physio_conditionpage" INNER JOIN' in finding[0]
    assert len([sql for sql in queries if "wagtail_physio_conditionpage" in sql]) == 1


def test_a_child_of_another_type_still_routes(client, condition_index):
    """Pages of other types below an index (added before its subpage types were
    set, say) are found as Wagtail finds them."""
    other = BaselinePage(title="Opening times", slug="opening-times", body="<p>x</p>")
    condition_index.add_child(instance=other)
    other.save_revision().publish()
    response = client.get(other.url)
    assert response.status_code == 200
    assert response.context["page"] == other


def test_missing_draft_and_deeper_paths_are_not_found(client, condition_index):
    draft = make_condition_page(condition_index, title="Draft", publish=False)
    live = make_condition_page(condition_index, title="Live")
    index_url = condition_index.url
    assert client.get(index_url + "no-such-page/").status_code == 404
    assert client.get(index_url + f"{draft.slug}/").status_code == 404
    assert client.get(live.url + "below/").status_code == 404
    assert client.get(live.url).status_code == 200
