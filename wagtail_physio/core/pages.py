"""Page queries every feature shares: privacy, breadcrumbs, page types built on a mixin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import swapper
from django.apps import apps
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction, Site

from .localized_pages import (
    localize,
    reader_locale_id,
    with_live_stand_ins,
    with_translations,
)
from .translations import translation_enabled

if TYPE_CHECKING:
    from django.http import HttpRequest

#: A queryset of pages; Wagtail's ``PageQuerySet`` stays one through these helpers.
_PageQuerySetT = TypeVar("_PageQuerySetT", bound="models.QuerySet[Any]")


def view_restricted() -> Exists:
    """True for a page under a view restriction (its own or an ancestor's)."""
    restricted = PageViewRestriction.objects.annotate(
        target_path=ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    ).filter(target_path__startswith=F("page__path"))
    return Exists(restricted)


def exclude_view_restricted(queryset: _PageQuerySetT) -> _PageQuerySetT:
    """Drop pages under a view restriction, in the same SQL query.

    ``PageQuerySet.public()`` first loads every restriction in a query of its own;
    this asks the database instead, so a listing stays a single query.
    """
    return queryset.exclude(view_restricted())


def is_view_restricted(page: Page) -> bool:
    """Whether ``page`` is private (its own restriction or an ancestor's), in one
    query: the ancestors' paths are prefixes of its own."""
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    restricting = models.Q(page__path__in=paths)
    if page.alias_of_id:
        # An alias is as private as the page it shows, as Wagtail serves it.
        restricting |= models.Q(page_id=page.alias_of_id)
    return PageViewRestriction.objects.filter(restricting).exists()


def annotate_view_restricted(queryset: _PageQuerySetT) -> _PageQuerySetT:
    """Pages with ``physio_view_restricted``, to filter in Python what one query loaded."""
    return queryset.annotate(physio_view_restricted=view_restricted())


def get_page_model() -> type[Page]:
    """The site's base page model, resolved as Wagtail resolves it.

    Wagtail 8 lets a site swap ``Page`` for its own model (``WAGTAIL_PAGE_MODEL``);
    ``Page.objects`` then raises, so package code asks here. ``wagtail.models``
    (imported above) names the setting for swapper; on Wagtail 7.4, which has no
    such setting, this is ``Page``.
    """
    model: type[Page] = swapper.load_model("wagtailcore", "Page")
    return model


def annotate_parent_id(queryset: _PageQuerySetT) -> _PageQuerySetT:
    """Pages with ``physio_parent_id``, their parent's id, in the same query.

    Wagtail's page chooser widget opens at a chosen page's parent and asks the
    database for it once per page; the admin's form loads it with the pages.
    """
    parents = get_page_model().objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    )
    return queryset.annotate(physio_parent_id=Subquery(parents.values("pk")[:1]))


def load_pages(ids: Iterable[Any], model: type[Page] | None = None) -> dict[int, Page]:
    """Pages by id, each with ``physio_view_restricted``: the shared page loader.

    Inside a page view on a site with i18n, each id answers with the page's
    translation in the reader's locale where a reader may visit it
    (``core/localized_pages.py``), in the same query.
    """
    ids = list(ids)
    locale_id = reader_locale_id()
    queryset = (model or get_page_model()).objects.all()
    pages = annotate_view_restricted(
        with_translations(queryset, ids, [locale_id])
    ).in_bulk()
    return localize(pages, ids, locale_id)


def site_ancestors(page: Page, request: HttpRequest | None = None) -> list[Page]:
    """Ancestors of ``page`` from its site's root page down, in one query.

    Pages above the site root (the tree root, a folder holding several sites'
    home pages) have no address on the site, so they are left out; a page that
    belongs to no site has no trail.
    """
    url_parts = page.get_url_parts(request=request)
    if url_parts is None:
        return []
    site_id = url_parts[0]
    # Cached by Wagtail for every request, so this costs no query.
    root_paths = [
        root.root_path
        for root in Site.get_site_root_paths()
        if root.site_id == site_id and page.url_path.startswith(root.root_path)
    ]
    if not root_paths:
        return []
    root_path = max(root_paths, key=len)
    ancestors = list(page.get_ancestors().filter(url_path__startswith=root_path))
    if translation_enabled():
        ancestors = with_live_stand_ins(ancestors)
    return ancestors


def models_owning_field(mixin: type, field_name: str) -> list[type[Page]]:
    """Concrete page models built on ``mixin`` whose own table holds ``field_name``.

    A project's subclass of such a model shares its parent's table, so querying
    the owners covers every page type that has the field.
    """
    page_model = get_page_model()
    # apps.get_models() leaves out models a project swapped for its own.
    return [
        model
        for model in apps.get_models()
        if issubclass(model, mixin)
        and issubclass(model, page_model)
        and model._meta.get_field(field_name).model is model
    ]


def lookup_from_page(model: type[Page]) -> str:
    """The ORM path from the base page model down to ``model``, e.g. ``"conditionpage"``."""
    page_model = get_page_model()
    parts = []
    current = model
    while current is not page_model:
        parent, link = next(iter(current._meta.parents.items()))
        parts.append(link.related_query_name())
        current = parent
    return "__".join(reversed(parts))


class ExtendsBase:
    """A page mixin's list attribute that extends the same list of the real base page.

    ``content_panels = [*Page.content_panels, ...]`` in a mixin names Wagtail's
    ``Page``, so on a site with its own base page (``WAGTAIL_PAGE_MODEL``) the
    base's own panels and search fields would be lost. Used as a class attribute
    (``content_panels = ExtendsBase(FieldPanel("intro"))``), this reads the
    attribute from the class that follows the mixin in each page type's MRO (the
    project's base page, or ``Page``) and appends its items, once per page type.
    """

    def __init__(self, *items: Any) -> None:
        self.items = list(items)
        self.resolved: dict[type, list[Any]] = {}

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> list[Any]:
        cls = owner if owner is not None else type(instance)
        if cls not in self.resolved:
            self.resolved[cls] = [*self.base_items(cls), *self.items]
        return self.resolved[cls]

    def base_items(self, cls: type) -> list[Any]:
        mro = cls.__mro__
        for klass in mro[mro.index(self.owner) + 1 :]:
            if self.name in vars(klass):
                value = vars(klass)[self.name]
                if isinstance(value, ExtendsBase):
                    return value.__get__(None, cls)
                return list(value)
        return []
