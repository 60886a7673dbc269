"""Old module paths of wagtail-physio, kept importable for one release.

The code moved into one package per feature before 0.1 (see ARCHITECTURE.md).
Projects' own migrations may still name an old path, such as
``wagtail_physio.models.sitemap.ReviewedSitemapMixin``; importing one gives the
module at its new home with a ``DeprecationWarning``. The aliases go in 0.2.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

MOVED_MODULES = {
    "wagtail_physio.blocks.actions": "wagtail_physio.conditions.blocks.actions",
    "wagtail_physio.blocks.anchors": "wagtail_physio.core.headings",
    "wagtail_physio.blocks.links": "wagtail_physio.conditions.blocks.links",
    "wagtail_physio.blocks.lists": "wagtail_physio.conditions.blocks.lists",
    "wagtail_physio.blocks.locations": "wagtail_physio.locations.blocks",
    "wagtail_physio.blocks.media": "wagtail_physio.conditions.blocks.media",
    "wagtail_physio.blocks.preview": "wagtail_physio.core.blocks",
    "wagtail_physio.blocks.sections": "wagtail_physio.conditions.blocks.sections",
    "wagtail_physio.blocks.stream": "wagtail_physio.conditions.blocks.stream",
    "wagtail_physio.blocks.text": "wagtail_physio.conditions.blocks.text",
    "wagtail_physio.breadcrumbs": "wagtail_physio.core.pages",
    "wagtail_physio.conf": "wagtail_physio.core.conf",
    "wagtail_physio.images": "wagtail_physio.core.images",
    "wagtail_physio.listing": "wagtail_physio.conditions.listing",
    "wagtail_physio.models.categories": "wagtail_physio.conditions.categories",
    "wagtail_physio.models.finding": "wagtail_physio.conditions.navigation",
    "wagtail_physio.models.locations": "wagtail_physio.locations.models",
    "wagtail_physio.models.notices": "wagtail_physio.notices.models",
    "wagtail_physio.models.pages": "wagtail_physio.conditions.models",
    "wagtail_physio.models.review": "wagtail_physio.review.models",
    "wagtail_physio.models.settings": "wagtail_physio.locations.contact",
    "wagtail_physio.models.sitemap": "wagtail_physio.conditions.sitemap",
    "wagtail_physio.models.structured_data": "wagtail_physio.conditions.structured_data",
    "wagtail_physio.models.utils": "wagtail_physio.core.pages",
    "wagtail_physio.notice_banners": "wagtail_physio.notices.banners",
    "wagtail_physio.panels": "wagtail_physio.locations.panels",
    "wagtail_physio.phone": "wagtail_physio.core.phone",
    "wagtail_physio.prefetch": "wagtail_physio.core.bulk_loading",
    "wagtail_physio.rich_text": "wagtail_physio.core.rich_text",
    "wagtail_physio.validators": "wagtail_physio.core.links",
}


class MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers an old module path with the module at its new path."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname in MOVED_MODULES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        new_path = MOVED_MODULES[spec.name]
        warnings.warn(
            f"{spec.name} has moved to {new_path}; the old path goes in "
            "wagtail-physio 0.2. Import public names from wagtail_physio.models "
            "or wagtail_physio.blocks, and update migrations that name the old path.",
            DeprecationWarning,
            stacklevel=2,
        )
        # The new module itself, so classes compare equal whichever path named them.
        return importlib.import_module(new_path)

    def exec_module(self, module: ModuleType) -> None:
        pass  # already executed at its new path


def install() -> None:
    if not any(isinstance(finder, MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedModuleFinder())
