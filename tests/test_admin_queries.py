"""The page editor costs the same number of queries at 10 blocks and at 110."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import edit_page_url, make_long_condition_page

pytestmark = pytest.mark.django_db


def edit_view_queries(client, page):
    url = edit_page_url(page)
    client.get(url)  # the first view makes the image thumbnails
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_edit_view_queries_do_not_grow_with_blocks(
    admin_client, condition_index, django_assert_num_queries
):
    short = make_long_condition_page(condition_index, "short", 1)
    long = make_long_condition_page(condition_index, "long", 10)
    assert len(long.body) >= 10 * len(short.body) >= 100

    budget, _ = edit_view_queries(admin_client, short)
    url = edit_page_url(long)
    admin_client.get(url)  # the first view makes the image thumbnails
    with django_assert_num_queries(budget):
        html = admin_client.get(url).content.decode()

    # Every chosen page and image is really in the form: its title for the page
    # chooser (which opens at the page's parent) and a thumbnail for each image.
    for n in range(10):
        assert f"long linked {n}" in html
        assert f"long image {n}" in html
    assert html.count("max-165x165") >= 10
    assert f'"parentId": {condition_index.pk}' in html or (
        f"&quot;parentId&quot;: {condition_index.pk}" in html
    )
