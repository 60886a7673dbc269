"""Fixtures shared by the whole suite; what they build comes from tests/factories.

Browser tests drive headless Chromium (Debian's package) through Playwright:
Playwright's own browser download cannot run here, so the browser is
``/usr/bin/chromium`` (override with ``PHYSIO_CHROMIUM``). One browser is shared
by every test of a test process; each test gets its own tab in a fresh context,
and is marked ``browser``.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.factories import make_condition_index, make_home_page
from tests.live_requests import serve_live_requests
from wagtail_physio.core.languages import forget_locales
from wagtail_physio.models import ClinicContactSettings

# Run under settings of their own, in processes of their own: see
# tests/test_custom_base_page.py and tests/test_bilingual.py.
collect_ignore = ["custom_base_page", "bilingual"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploaded and generated images to its own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths (and the package its notices) in Django's
    cache, and the package the locales in each process, all of which outlive each
    test's database rollback; start and end every test with them empty."""
    cache.clear()
    forget_locales()
    serve_live_requests()
    yield
    cache.clear()
    forget_locales()


@pytest.fixture
def site(db):
    """The default site, rooted at Wagtail's initial 'Welcome' page."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def condition_index(home_page):
    return make_condition_index(home_page)


@pytest.fixture
def clinic(site):
    """The clinic's contact settings for the default site, and its name."""
    contact = ClinicContactSettings.for_site(site)
    contact.main_phone = "0151 496 0100"
    contact.email = "hello@clinic.example"
    contact.save()
    site.site_name = "Riverside Physio"
    site.save()
    return contact


@pytest.fixture
def clinic_home(site):
    """A project's own (non-package) home page at the root of the default site."""
    home = make_home_page("Riverside clinic", "riverside")
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def second_site(db):
    """Another clinic's site on its own hostname, with its own home page."""
    home = make_home_page("Hillside clinic", "hillside")
    return Site.objects.create(
        hostname="hillside.example", port=80, root_page=home, site_name="Hillside"
    )


# -- Browser tests ---------------------------------------------------------------

CHROMIUM = os.environ.get("PHYSIO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def uses_database(item):
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    return bool(
        (test_class and issubclass(test_class, TransactionTestCase))
        or item.get_closest_marker("django_db")
        or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(items):
    """Mark the browser tests; run the tests without a database first.

    pytest-django has put the database tests first, then those that commit their
    data for a live server (each ends with a flush, so they must come after the
    others), then the tests that use no database. Running that last group first
    instead changes nothing for them, and leaves the live-server tests, the
    longest, at the end, where pytest-xdist hands out the last tests two at a
    time: the processes then finish together.
    """
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    items.sort(key=uses_database)  # stable: the order within each group stays


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    # Playwright runs an event loop in this thread; Django's ORM refuses to run
    # beside one unless told the test process is synchronous by design.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        # Django's connections are per context, and Playwright runs the tests in
        # one of its own: close the connections opened there, or nothing else
        # would, and PostgreSQL would refuse to drop the test database.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    """A tab with JavaScript switched off: pages must read without it."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()
