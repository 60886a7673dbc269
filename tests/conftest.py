import pytest
from wagtail.models import Page, Site

from wagtail_physio.models import ConditionIndexPage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploaded and generated images to its own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths (and the package its notices) in Django's
    cache, which outlives each test's database rollback; start every test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
    index = ConditionIndexPage(title="Conditions", slug="conditions")
    home_page.add_child(instance=index)
    return index
