"""Fixtures for the notice banner tests."""

import copy
from datetime import UTC

import pytest
from django.utils import timezone
from wagtail.models import Site

from tests.factories import frontend_cache, make_home_page, shared_test_data


@pytest.fixture(autouse=True)
def project_base_template(settings):
    """Package pages extend the project's base, which places the banner tag."""
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "base.html"}


@pytest.fixture(scope="module")
def shared_clinic_home(django_db_setup, django_db_blocker):
    """``clinic_home``, made once for each module of notice tests: nearly every
    test uses it (see ``shared_test_data``)."""
    with shared_test_data(django_db_blocker):
        site = Site.objects.get(is_default_site=True)
        home = make_home_page("Riverside clinic", "riverside")
        site.root_page = home
        site.save()
        yield home


@pytest.fixture
def clinic_home(shared_clinic_home, db):
    """A project's own (non-package) home page at the root of the default site."""
    return copy.deepcopy(shared_clinic_home)


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
        "recording": {"BACKEND": "tests.factories.frontend_cache.RecordingBackend"}
    }
    frontend_cache.PURGED_URLS.clear()
    yield frontend_cache.PURGED_URLS
    frontend_cache.PURGED_URLS.clear()
