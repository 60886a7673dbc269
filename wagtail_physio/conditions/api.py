"""Serializer fields behind the condition page's ``api_fields``.

Each field loads what it needs for every page in the response at once: on a listing
(``GET /api/v2/pages/?type=...&fields=*``) the hero images, categories and related
pages of a whole page of results cost one query each, not one per page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from rest_framework.fields import Field

from ..core.api import image_data, page_data
from ..core.images import get_images_with_renditions, image_default_alt
from ..core.pages import annotate_view_restricted, get_page_model

if TYPE_CHECKING:
    from django.db.models import ManyToManyField
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    from .categories import ConditionCategory
    from .models import ConditionPageMixin


class PageBatchField(Field):
    """A read-only field given the whole page, loading data for all listed pages once."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def listed_pages(self, page: ConditionPageMixin) -> list[ConditionPageMixin]:
        """Every page this response serialises (just ``page`` on a detail view)."""
        try:
            pages = list(self.root.instance)
        except TypeError:
            return [page]
        # A listing's queryset was already evaluated by the list serializer, so
        # this reads its cache.
        return pages if any(p.pk == page.pk for p in pages) else [page]

    def batch(self, page: ConditionPageMixin) -> Any:
        """``load(pages)`` for all listed pages, computed once per response."""
        cache = self.context.setdefault("_physio_api_batches", {})
        key = (type(self).__name__, self.field_name)
        if key not in cache:
            cache[key] = self.load(self.listed_pages(page))
        return cache[key]

    def load(self, pages: list[ConditionPageMixin]) -> Any:
        raise NotImplementedError

    def to_representation(self, page: ConditionPageMixin) -> Any:
        raise NotImplementedError


class HeroImageField(PageBatchField):
    """The hero image with its renditions, alt text and caption, or null."""

    def load(self, pages: list[ConditionPageMixin]) -> dict[Any, AbstractImage]:
        return get_images_with_renditions([page.hero_image_id for page in pages])

    def to_representation(self, page: ConditionPageMixin) -> dict[str, Any] | None:
        image = self.batch(page).get(page.hero_image_id)
        data = image_data(image)
        if data is None:
            return None
        # The batch-loaded image: page.hero_image would cost a query per page.
        alt = page.hero_image_alt or image_default_alt(image)
        return {**data, "alt": alt, "caption": page.hero_caption}


class CategoriesField(PageBatchField):
    """``[{"id", "name", "slug"}]`` of the page's categories, in their sort order."""

    def load(
        self, pages: list[ConditionPageMixin]
    ) -> defaultdict[int, list[ConditionCategory]]:
        by_page: defaultdict[int, list[ConditionCategory]] = defaultdict(list)
        by_model: defaultdict[type[ConditionPageMixin], list[int]] = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page.pk)
        for model, ids in by_model.items():
            # A ParentalManyToManyField, which is a ManyToManyField.
            field = cast(
                "ManyToManyField[Any, Any]", model._meta.get_field("categories")
            )
            # The stubs say "model class or None"; it is always set once apps are ready.
            through: Any = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = (
                through.objects.filter(**{f"{source}_id__in": ids})
                .select_related(target)
                .order_by(f"{target}__sort_order", f"{target}__name")
            )
            for row in rows:
                by_page[getattr(row, f"{source}_id")].append(getattr(row, target))
        return by_page

    def to_representation(self, page: ConditionPageMixin) -> list[dict[str, Any]]:
        return [
            {"id": category.pk, "name": category.name, "slug": category.slug}
            for category in self.batch(page).get(page.pk, [])
        ]


class RelatedConditionsField(PageBatchField):
    """``[{"id", "title", "url", "html_url"}]`` of live, public related pages.

    Pages since unpublished, deleted or made private are left out, as on the page.
    """

    def load(self, pages: list[ConditionPageMixin]) -> dict[int, Page]:
        ids = {pk for page in pages for pk in page.related_condition_ids()}
        if not ids:
            return {}
        # Annotated rather than excluded: page_data checks the annotation, so the
        # pages it is given need no query of their own.
        return (
            annotate_view_restricted(get_page_model().objects.live().filter(pk__in=ids))
            .filter(physio_view_restricted=False)
            .in_bulk()
        )

    def to_representation(
        self, page: ConditionPageMixin
    ) -> list[dict[str, Any] | None]:
        found = self.batch(page)
        request = self.context.get("request")
        return [
            page_data(found[pk], request)
            for pk in page.related_condition_ids()
            if pk in found
        ]
