"""Admin screens for condition categories (a Wagtail snippet)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .categories import ConditionCategory


class ConditionCategoryViewSet(SnippetViewSet):
    model = ConditionCategory
    icon = "tag"
    menu_label = _("Condition categories")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]
