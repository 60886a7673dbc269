"""Fixtures for the notice banner tests."""

from datetime import UTC

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from tests import frontend_cache


@pytest.fixture(autouse=True)
def project_base_template(settings):
    """Package pages extend the project's base, which places the banner tag."""
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_home(site):
    """A project's own (non-package) home page at the root of the default site."""
    home = HomePage(title="Riverside clinic", slug="riverside")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def second_site(db):
    """Another clinic's site on its own hostname, with its own home page."""
    home = HomePage(title="Hillside clinic", slug="hillside")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    return Site.objects.create(
        hostname="hillside.example", port=80, root_page=home, site_name="Hillside"
    )


@pytest.fixture
def frozen_now(monkeypatch):
    """Set "now" everywhere the package and Django read it: ``frozen_now(dt)``."""

    def freeze(moment):
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze


@pytest.fixture
def recorded_purges(settings):
    """Configure wagtail.contrib.frontend_cache with a backend that records URLs."""
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.frontend_cache.RecordingBackend"}
    }
    frontend_cache.PURGED_URLS.clear()
    yield frontend_cache.PURGED_URLS
    frontend_cache.PURGED_URLS.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.com", password="pw"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
