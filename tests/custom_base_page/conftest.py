"""Fixtures for the custom base page run: a site built from the project's page types.

This run does not load ``tests/conftest.py`` (``--confcutdir``): its factories build
the example project's pages, which do not exist beside a swapped base page.
"""

import datetime

import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.custom_base_page.clinic.models import (
    ConditionIndexPage,
    ConditionPage,
    HomePage,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def home_page(db):
    """The default site's root: a home page of the project's own type."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.get_parent()
    home = HomePage(title="Harbour clinic", slug="harbour", audience="Everyone")
    root.add_child(instance=home)
    home.save_revision().publish()
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def index_page(home_page):
    index = ConditionIndexPage(
        title="Conditions", slug="conditions", intro="<p>What we treat.</p>"
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def publish_condition(parent, title, **fields):
    page = ConditionPage(
        title=title,
        summary=f"How physiotherapy helps with {title.lower()}.",
        audience="Adults",
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def sciatica(index_page):
    return publish_condition(index_page, "Sciatica")


@pytest.fixture
def back_surgery(index_page, sciatica):
    """A page whose blocks and related conditions link to another condition page."""
    body = [
        {"type": "heading", "value": {"text": "Before your operation", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Recovery starts <b>before</b> surgery.</p>"},
        {
            "type": "procedures",
            "value": {
                "heading": "Types of surgery",
                "intro": "",
                "procedures": [
                    {
                        "name": "Discectomy",
                        "description": "Takes pressure off a nerve.",
                        "page": sciatica.pk,
                        "url": "",
                    }
                ],
                "closing_note": "",
            },
        },
    ]
    return publish_condition(
        index_page,
        "Back surgery",
        body=body,
        related_conditions=[("condition", sciatica)],
        reviewer_name="Dana Reyes",
        last_reviewed=datetime.date(2020, 1, 15),
    )
