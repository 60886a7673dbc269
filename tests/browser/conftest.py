"""Headless Chromium (Debian's package) driven by Playwright, against a live server.

Playwright's own browser download cannot run here, so the browser is
``/usr/bin/chromium`` (override with ``PHYSIO_CHROMIUM``). Screenshots are written
to ``test-artifacts/`` so a person can look at the rendered pages.
"""

import os
from pathlib import Path

import pytest

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
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def ensure_default_site():
    """The default site, rebuilt if an earlier live-server test flushed the tables.

    Live-server tests run in transactions that end with a flush, which also removes
    the locale, root page and collection and the site that Wagtail's migrations
    created.
    """
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Locale.objects.get_or_create(
            language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        home = root.add_child(instance=Page(title="Home", slug="home"))
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True
        )
    return site


@pytest.fixture
def live_site(live_server, transactional_db):
    """Point the default Wagtail site (rebuilt if need be) at the live server."""
    from urllib.parse import urlsplit

    from wagtail.models import Site

    ensure_default_site()
    parts = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(
        hostname=parts.hostname, port=parts.port
    )
    return live_server


@pytest.fixture
def no_js_page(browser):
    """A tab with JavaScript switched off: pages must read without it."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def save_screenshot(tab, name):
    """Save a full-page screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
