"""Run the custom base page tests (``tests/custom_base_page/``) under their settings.

A swapped base page model (``WAGTAIL_PAGE_MODEL``) is fixed when Django starts, so
those tests run in a pytest process of their own; this test is how the suite (and
``pytest`` alone) includes them.
"""

import pytest
from wagtail import VERSION as WAGTAIL_VERSION

from tests.separate_runs import run_tests_apart


@pytest.mark.skipif(
    WAGTAIL_VERSION < (8, 0), reason="WAGTAIL_PAGE_MODEL arrived in Wagtail 8.0"
)
def test_condition_pages_work_on_a_custom_base_page():
    run_tests_apart("custom_base_page", "tests.custom_base_page.settings")
