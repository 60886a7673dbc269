"""The demo site shows review governance and finding aids out of the box."""

import pytest
from wagtail.models import Site

from home.demo_content import load_demo_content
from wagtail_physio.models import ConditionCategory, ConditionPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_demo_site_root():
    """The demo moves the site root; the cached root paths must not outlive the test."""
    yield
    Site.clear_site_root_paths_cache()


def test_demo_content_has_categories_related_pages_and_one_overdue_page(admin_client):
    load_demo_content()
    load_demo_content()  # idempotent: nothing duplicated, nothing reset

    assert ConditionCategory.objects.count() == 3
    back = ConditionPage.objects.get(slug="back-surgery")
    assert [p.title for p in back.get_related_conditions()] == [
        "Sciatica",
        "Knee replacement",
    ]
    assert {c.slug for c in back.categories.all()} == {
        "back-and-spine",
        "after-surgery",
    }
    assert back.reviewer_name

    response = admin_client.get("/admin/physio/reviews-due/?status=overdue")
    assert [page.title for page in response.context["object_list"]] == ["Back surgery"]

    index_html = admin_client.get(back.get_parent().url + "?category=knee").content
    assert b"Knee replacement" in index_html
    assert b"Sciatica" not in index_html
