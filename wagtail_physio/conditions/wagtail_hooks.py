"""Admin registration of the conditions feature: condition categories."""

from wagtail.snippets.models import register_snippet

from .admin import ConditionCategoryViewSet

#: One instance, so the Clinic menu can link to the same screens.
category_viewset = ConditionCategoryViewSet()
register_snippet(category_viewset)
