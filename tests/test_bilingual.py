"""Run the bilingual site tests (``tests/bilingual/``) under their settings.

wagtail-localize's apps, two content languages and language-prefixed URLs are
fixed when Django starts, so those tests run in a pytest process of their own;
this test is how the suite (and ``pytest`` alone) includes them. Links on a site
with plain Wagtail i18n are tested in the main suite (test_localized_links.py).
"""

from tests.separate_runs import run_tests_apart


def test_a_site_translated_with_wagtail_localize():
    run_tests_apart("bilingual", "tests.bilingual.settings")
