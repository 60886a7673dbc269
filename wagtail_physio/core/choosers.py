"""Admin chooser widgets that take what the form already loaded.

Wagtail's page chooser widget asks the database twice for every chosen page it
shows in the editor: for the specific page (its title) and for its parent (where
the chooser opens). A body with sixty linked pages made the edit view cost sixty
times two queries. The package's blocks load the pages they choose in one query,
with their parent's id (``core.pages.annotate_parent_id``); this widget uses that.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.chooser import BaseChooser


class BulkLoadedPageChooser(AdminPageChooser):
    """Wagtail's page chooser for pages loaded with ``physio_parent_id``.

    Any other value (an id, a page loaded elsewhere) is shown as Wagtail shows it.
    """

    def get_instance(self, value: Any) -> Any:
        if hasattr(value, "physio_parent_id"):
            # The title Wagtail shows is the page's draft title, which the base
            # page already has: no query for the specific page.
            return value
        return super().get_instance(value)

    def get_value_data_from_instance(self, instance: Any) -> dict[str, Any]:
        if not hasattr(instance, "physio_parent_id"):
            data: dict[str, Any] = super().get_value_data_from_instance(instance)
            return data
        # BaseChooser's data (id, title, edit URL) and the parent's id as loaded.
        data = BaseChooser.get_value_data_from_instance(self, instance)
        data["parent_id"] = instance.physio_parent_id
        return data
