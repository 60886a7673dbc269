"""Serializer fields behind the condition page's ``api_fields``.

Each field loads what it needs for every page in the response at once: on a listing
(``GET /api/v2/pages/?type=...&fields=*``) the hero images, categories, related
pages and the images, pages and locations the bodies choose cost one query each for
a whole page of results, not one per page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from rest_framework.fields import Field
from wagtail.models import Locale

from ..core.api import image_data, page_data, request_from
from ..core.bulk_loading import preloaded_objects, stream_ids
from ..core.images import get_images_with_renditions, image_default_alt
from ..core.localized_pages import localize, with_translations
from ..core.pages import annotate_view_restricted, get_page_model
from ..core.translations import translation_enabled

if TYPE_CHECKING:
    from django.db.models import ManyToManyField
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    from .categories import ConditionCategory
    from .models import ConditionPageMixin


def share_locales(pages: list[ConditionPageMixin]) -> None:
    """Give listed pages their ``Locale`` without a query each.

    Wagtail's API reads each listed page's ``locale`` (a meta field) with a query
    of its own. Pages take the locale another listed page already loaded (in a
    site with one language, the first page's), and the rest come in one query.
    """
    # Typed as Any: ``locale`` comes from Wagtail's Page, not from the mixin.
    listed: list[Any] = list(pages)
    known: dict[Any, Any] = {}
    waiting = []
    for page in listed:
        field = page._meta.get_field("locale")
        if field.is_cached(page):
            known[page.locale_id] = field.get_cached_value(page)
        else:
            waiting.append(page)
    missing = {page.locale_id for page in waiting} - set(known)
    if missing:
        known.update(Locale.objects.in_bulk(missing))
    for page in waiting:
        if page.locale_id in known:
            page._meta.get_field("locale").set_cached_value(page, known[page.locale_id])


def page_locale(page: ConditionPageMixin) -> int:
    """The locale of ``page``, read without a query."""
    # ``locale_id`` comes from Wagtail's Page, which every page type adds.
    locale_id: int = page.locale_id  # type: ignore[attr-defined]
    return locale_id


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
        if not cache:
            share_locales(self.listed_pages(page))
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
        if translation_enabled():
            in_page_languages(by_page, {page.pk: page_locale(page) for page in pages})
        return by_page

    def to_representation(self, page: ConditionPageMixin) -> list[dict[str, Any]]:
        return [
            {"id": category.pk, "name": category.name, "slug": category.slug}
            for category in self.batch(page).get(page.pk, [])
        ]


def in_page_languages(
    by_page: dict[int, list[ConditionCategory]], locale_of: dict[int, int]
) -> None:
    """Swap each page's categories for their versions in the page's language,
    where one exists: one query for every listed page."""
    chosen = [category for categories in by_page.values() for category in categories]
    if not chosen:
        return
    model = type(chosen[0])
    versions = {
        (category.translation_key, category.locale_id): category
        for category in model._default_manager.filter(
            translation_key__in={category.translation_key for category in chosen},
            locale_id__in=set(locale_of.values()),
        )
    }
    for page_id, categories in by_page.items():
        locale_id = locale_of[page_id]
        categories[:] = [
            versions.get((category.translation_key, locale_id), category)
            for category in categories
        ]


class RelatedConditionsField(PageBatchField):
    """``[{"id", "title", "url", "html_url"}]`` of live, public related pages.

    Pages since unpublished, deleted or made private are left out, as on the page.
    """

    def load(self, pages: list[ConditionPageMixin]) -> dict[int, Page]:
        ids = {pk for page in pages for pk in page.related_condition_ids()}
        if not ids:
            return {}
        # With the translations in every listed page's locale, so each page's
        # links follow its own language (core/localized_pages.py).
        locales = (
            {page_locale(page) for page in pages} if translation_enabled() else set()
        )
        # Annotated rather than excluded: page_data checks the annotation, so the
        # pages it is given need no query of their own.
        return (
            annotate_view_restricted(
                with_translations(get_page_model().objects.live(), ids, locales)
            )
            .filter(physio_view_restricted=False)
            .in_bulk()
        )

    def to_representation(
        self, page: ConditionPageMixin
    ) -> list[dict[str, Any] | None]:
        ids = page.related_condition_ids()
        locale_id = page_locale(page) if translation_enabled() else None
        found = localize(self.batch(page), ids, locale_id)
        request = self.context.get("request")
        related: list[dict[str, Any] | None] = []
        for pk in ids:
            # Two choices may name one page in two languages: listed once.
            if pk in found and all(
                item is None or item["id"] != found[pk].pk for item in related
            ):
                related.append(page_data(found[pk], request))
        return related


class StreamBodyField(PageBatchField):
    """A StreamField as Wagtail's API gives it, its choosers loaded for all listed
    pages at once.

    Wagtail converts each page's stream on its own, so every chooser block asks the
    database once per page. Here the ids every listed body refers to are gathered
    first and loaded once per model (``core/bulk_loading.py``), and the bodies are
    converted while blocks can take the loaded objects.
    """

    def __init__(self, stream_field_name: str = "body", **kwargs: Any) -> None:
        self.stream_field_name = stream_field_name
        super().__init__(**kwargs)

    def load(self, pages: list[ConditionPageMixin]) -> None:
        # Page links follow each page's own locale: one scope per locale listed
        # (one in a site with a single language, or with i18n off).
        by_locale: defaultdict[int | None, list[ConditionPageMixin]] = defaultdict(list)
        for page in pages:
            by_locale[page_locale(page) if translation_enabled() else None].append(page)
        for locale_id, locale_pages in by_locale.items():
            found: dict[Any, Any] = {}
            for page in locale_pages:
                ids = stream_ids(getattr(page, self.stream_field_name))
                for model, (block, model_ids) in ids.items():
                    found.setdefault(model, (block, set()))[1].update(model_ids)
            with preloaded_objects(
                found, request_from(self.context), locale_id=locale_id
            ):
                for page in locale_pages:
                    for _child in getattr(page, self.stream_field_name):
                        pass  # converted now, while blocks can take the loaded objects

    def to_representation(self, page: ConditionPageMixin) -> Any:
        self.batch(page)
        value = getattr(page, self.stream_field_name)
        return value.stream_block.get_api_representation(value, context=self.context)
