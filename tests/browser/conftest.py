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


@pytest.fixture(scope="session")
def initial_db_contents(django_db_setup):
    """The rows Wagtail's migrations create (root page, default site, ...), as
    Django serialized them when it built the test database."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def live_site(
    initial_db_contents, live_server, transactional_db, django_db_serialized_rollback
):
    """Point the default Wagtail site at the live server's host and port.

    Serialized rollback puts back the rows Wagtail's migrations create before each
    browser test (a transactional test empties every table when it ends). Once
    Playwright runs, Django's connection is looked up in another context that lacks
    the serialized data, so restore it here from the copy taken at start-up.
    """
    from urllib.parse import urlsplit

    from django.db import connection
    from wagtail.models import Site

    if initial_db_contents and not Site.objects.exists():
        connection.creation.deserialize_db_from_string(initial_db_contents)
    if initial_db_contents and not hasattr(connection, "_test_serialized_contents"):
        # Tells Django's teardown not to re-run post_migrate after its flush.
        connection._test_serialized_contents = initial_db_contents

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
