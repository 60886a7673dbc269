"""Condition pages in ``/sitemap.xml``, with review dates counted as changes."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from tests.factories import make_condition_page, make_private_page

pytestmark = pytest.mark.django_db

#: The sitemap of a site with any number of condition pages: the site (1), view
#: restrictions (1), the paginator's count (1), page ids and types (1), the specific
#: rows of each page type (3: Wagtail's welcome page, the index, condition pages),
#: site root paths for the URLs (1) and the index's newest condition (1).
SITEMAP_QUERIES = 9

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    """{location: lastmod text or None} from the real sitemap view."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        entries[url.find("sm:loc", NS).text] = (
            lastmod.text if lastmod is not None else None
        )
    return entries


def set_published_at(page, moment):
    Page.objects.filter(pk=page.pk).update(last_published_at=moment)


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.mark.parametrize(
    ("last_reviewed", "lastmod"),
    [
        # Reviewed before it was last published: the publish time.
        (datetime.date(2024, 1, 10), "2024-03-01"),
        # Re-reviewed without edits since: search engines should hear about it.
        (datetime.date(2024, 5, 20), "2024-05-20"),
        # Never reviewed: Wagtail's own lastmod, the publish time.
        (None, "2024-03-01"),
    ],
    ids=["reviewed-before-publishing", "reviewed-after-publishing", "unreviewed"],
)
def test_condition_page_lastmod_is_its_last_publish_or_review(
    client, condition_index, last_reviewed, lastmod
):
    page = make_condition_page(condition_index, last_reviewed=last_reviewed)
    set_published_at(page, aware(2024, 3, 1, 15, 30))

    entries = sitemap_entries(client)

    assert entries[page.full_url].startswith(lastmod)


def test_index_lastmod_follows_its_newest_published_condition(client, condition_index):
    condition_index.save_revision().publish()
    set_published_at(condition_index, aware(2023, 6, 1, 9, 0))
    older = make_condition_page(condition_index, title="Knee pain")
    newer = make_condition_page(condition_index, title="Neck pain")
    set_published_at(older, aware(2024, 2, 1, 9, 0))
    set_published_at(newer, aware(2024, 4, 2, 9, 0))

    entries = sitemap_entries(client)

    assert entries[condition_index.full_url].startswith("2024-04-02")


def test_drafts_and_private_condition_pages_are_left_out(client, condition_index):
    public = make_condition_page(condition_index, title="Knee pain")
    draft = make_condition_page(condition_index, title="Hip pain", publish=False)
    private = make_private_page(condition_index, title="Staff only", password="x")

    entries = sitemap_entries(client)

    assert public.full_url in entries
    assert condition_index.full_url in entries
    assert draft.full_url not in entries
    assert private.full_url not in entries
    # Wagtail's initial welcome page was never published through a revision; every
    # page of the package has a lastmod.
    assert entries[public.full_url] and entries[condition_index.full_url]


@pytest.mark.parametrize("count", [2, 8])
def test_sitemap_queries_do_not_grow_with_condition_pages(
    client, condition_index, django_assert_num_queries, count
):
    for n in range(count):
        make_condition_page(
            condition_index,
            title=f"Condition {n}",
            last_reviewed=datetime.date(2024, 1, 1),
        )
    # Counted with an empty cache, where Wagtail keeps the site root paths.
    cache.clear()
    with django_assert_num_queries(SITEMAP_QUERIES):
        entries = sitemap_entries(client)
    assert len(entries) == count + 2  # home, index and the conditions
