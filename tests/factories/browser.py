"""What the browser tests need besides the page builders: a default site that
survives live-server flushes, and screenshots a person can look at."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


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


def serve_default_site_from(live_server):
    """Point the default Wagtail site (rebuilt if need be) at the live server."""
    from urllib.parse import urlsplit

    from wagtail.models import Site

    ensure_default_site()
    parts = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(
        hostname=parts.hostname, port=parts.port
    )
    return live_server


def save_screenshot(tab, name):
    """Save a full-page screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
