"""The test settings with the site's own base page model swapped in.

Apps whose pages build on Wagtail's ``Page`` (the example project's home page,
the main test app) cannot run beside a swapped base page, so they are left out.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [
    "tests.custom_base_page.clinic",
    *(app for app in INSTALLED_APPS if app not in {"home", "tests.testapp"}),
]

WAGTAIL_PAGE_MODEL = "clinic.BasePage"
WAGTAIL_PHYSIO_CONDITION_INDEX_PAGE_MODEL = "clinic.ConditionIndexPage"
WAGTAIL_PHYSIO_CONDITION_PAGE_MODEL = "clinic.ConditionPage"
