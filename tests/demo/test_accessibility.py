"""axe-core (bundled by axe-playwright-python, nothing fetched at run time) checks
the demo's pages against WCAG 2.0, 2.1 and 2.2 A and AA rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def demo_pages(demo_site, settings):
    # The example site's own base template: header, notices and footer included.
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}
    return demo_site


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/conditions/",
        "/conditions/?q=back",
        "/conditions/?category=knee",
        "/conditions/back-surgery/",
        "/conditions/sciatica/",
    ],
)
def test_demo_pages_have_no_wcag_aa_violations(demo_pages, page, path):
    page.goto(demo_pages.url + path)
    result = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_AA},
            # Every node of every violation; one example node of each other result.
            "resultTypes": ["violations"],
        },
    )
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result.response["violations"]
    ]
    assert violations == []
    # axe really ran its rules over this page.
    assert len(result.response["passes"]) > 10
