"""Admin registration of the conditions feature: condition categories, the outline
a new condition page starts with, and the editor's list behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.signals import init_new_page
from wagtail.snippets.models import register_snippet

from .admin import ConditionCategoryViewSet
from .models import ConditionPageMixin

if TYPE_CHECKING:
    from django.utils.safestring import SafeString
    from wagtail.models import Page

#: One instance, so the Clinic menu can link to the same screens.
category_viewset = ConditionCategoryViewSet()
register_snippet(category_viewset)

#: Collapses long lists and splits pasted lines into items (see the file).
LIST_EDITING_SCRIPT = "wagtail_physio/admin/list-editing.js"


# Connected here, with the admin: Wagtail loads the hooks modules before its
# admin URLs answer, and only the admin's create view sends this signal (on GET;
# a form sent back with errors keeps what the editor wrote).
@receiver(init_new_page, dispatch_uid="wagtail_physio_condition_page_outline")
def start_condition_page_with_outline(
    sender: Any, page: Page, parent: Page, **kwargs: Any
) -> None:
    if isinstance(page, ConditionPageMixin):
        page.start_with_outline()


@hooks.register("insert_editor_js")
def list_editing_script() -> SafeString:
    return format_html('<script src="{}"></script>', static(LIST_EDITING_SCRIPT))
