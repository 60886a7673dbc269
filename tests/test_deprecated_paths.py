"""Old module paths still import, with a warning, as projects' migrations name them."""

import importlib
import sys

import pytest

from wagtail_physio.conditions import sitemap
from wagtail_physio.core import links, phone
from wagtail_physio.deprecated_paths import MOVED_MODULES


@pytest.fixture
def forget_old_paths():
    """Import each old path afresh, as a new process running migrations would."""
    for old_path in MOVED_MODULES:
        sys.modules.pop(old_path, None)
    yield
    for old_path in MOVED_MODULES:
        sys.modules.pop(old_path, None)


@pytest.mark.parametrize(
    ("old_path", "new_module"),
    [
        ("wagtail_physio.models.sitemap", sitemap),
        ("wagtail_physio.phone", phone),
        ("wagtail_physio.validators", links),
    ],
)
def test_old_paths_named_in_migrations_give_the_new_module_with_a_warning(
    forget_old_paths, old_path, new_module
):
    with pytest.warns(DeprecationWarning, match=f"{old_path} has moved"):
        module = importlib.import_module(old_path)
    assert module is new_module


def test_a_class_imported_by_its_old_path_is_the_same_class(forget_old_paths):
    with pytest.warns(DeprecationWarning):
        from wagtail_physio.models.sitemap import ReviewedSitemapMixin
    assert ReviewedSitemapMixin is sitemap.ReviewedSitemapMixin


@pytest.mark.parametrize("new_path", sorted(set(MOVED_MODULES.values())))
def test_every_alias_points_at_a_module_that_exists(new_path):
    assert importlib.import_module(new_path).__name__ == new_path


def test_an_unknown_old_path_still_fails():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("wagtail_physio.models.no_such_module")
