"""Admin registration of the conditions feature: condition categories."""

from wagtail.snippets.models import register_snippet

from .admin import ConditionCategoryViewSet

register_snippet(ConditionCategoryViewSet)
