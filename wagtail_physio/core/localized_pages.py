"""Page links that follow the reader's language, falling back to the chosen page.

With Wagtail's i18n on (``WAGTAIL_I18N_ENABLED``) each language has its own copy of
the page tree. A page chosen in a block or as a related condition is stored as the
page the editor picked, and a translated page keeps its source's choices
(wagtail-localize leaves page choosers pointing at the source page, to be
localized when read). So a page links to the chosen page's translation in its own
locale, the reader's, when that translation is live and public; else to the chosen
page itself, which the usual privacy rules then apply to.

The loaders ask for the chosen pages and their translations in the same query
(``with_translations``), so a Welsh page costs what an English one does. With i18n
off nothing changes: the same query, no translation looked for.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q

from .translations import default_content_language, translation_enabled

if TYPE_CHECKING:
    from django.db import models
    from wagtail.models import Page

_QuerySetT = TypeVar("_QuerySetT", bound="models.QuerySet[Any]")

# The locale of the page being rendered (or serialised); None outside one.
_reader_locale: ContextVar[int | None] = ContextVar(
    "physio_reader_locale", default=None
)


@contextmanager
def reading_locale(locale_id: int | None) -> Iterator[None]:
    """Links loaded inside follow ``locale_id``: the page being rendered's locale."""
    token = _reader_locale.set(locale_id)
    try:
        yield
    finally:
        _reader_locale.reset(token)


def reader_locale_id() -> int | None:
    """The locale page links follow now; None with i18n off or outside a page view
    (the admin's forms show the page the editor chose)."""
    if not translation_enabled():
        return None
    return _reader_locale.get()


def with_translations(
    queryset: _QuerySetT, ids: Iterable[Any], locale_ids: Collection[int | None]
) -> _QuerySetT:
    """``queryset`` limited to ``ids`` and their translations in ``locale_ids``.

    One query either way: the translations are found through a subquery on
    ``translation_key``. With no locale (i18n off) it is the plain ``pk__in`` query.
    """
    ids = list(ids)
    locales = [locale for locale in locale_ids if locale is not None]
    if not locales:
        return queryset.filter(pk__in=ids)
    keys = queryset.model._default_manager.filter(pk__in=ids).values("translation_key")
    return queryset.filter(
        Q(pk__in=ids) | Q(locale_id__in=locales, translation_key__in=keys)
    )


def readable(page: Page) -> bool:
    """Live and public, by what the loader annotated (``physio_view_restricted``)."""
    return bool(page.live) and not getattr(page, "physio_view_restricted", False)


def localize(
    pages: dict[Any, Page], ids: Iterable[Any], locale_id: int | None
) -> dict[Any, Page]:
    """``{id: page}`` for ``ids``: each chosen page's translation in ``locale_id``
    from ``pages`` (as ``with_translations`` loaded them) when a reader may visit
    it, else the chosen page. Missing ids are left out."""
    chosen = {pk: pages[pk] for pk in ids if pk in pages}
    if locale_id is None:
        return chosen
    translations = {
        page.translation_key: page
        for page in pages.values()
        if page.locale_id == locale_id and readable(page)
    }
    result = {}
    for pk, page in chosen.items():
        translation = (
            translations.get(page.translation_key)
            if page.locale_id != locale_id
            else None
        )
        result[pk] = translation if translation is not None else page
    return result


def with_live_stand_ins(pages: list[Page]) -> list[Page]:
    """``pages`` (a breadcrumb trail) with each page not live in its language
    replaced by a live translation, the site's default language first.

    wagtail-localize copies an untranslated page's parents into the new locale as
    drafts: the Welsh page is live at ``/cy/…`` while its Welsh parent is not, and
    a trail linking to it would lead to "page not found". One query, and only when
    the trail has such a page; one with no live translation stays as it is.
    """
    drafts = [page for page in pages if not page.live]
    if not drafts:
        return pages
    default_language = default_content_language()
    candidates = (
        type(drafts[0])
        ._default_manager.filter(
            live=True, translation_key__in=[page.translation_key for page in drafts]
        )
        .select_related("locale")
        .order_by("pk")
    )
    stand_ins: dict[Any, Page] = {}
    for candidate in candidates:
        known = stand_ins.get(candidate.translation_key)
        if known is None or (
            candidate.locale.language_code == default_language
            and known.locale.language_code != default_language
        ):
            stand_ins[candidate.translation_key] = candidate
    return [
        page if page.live else stand_ins.get(page.translation_key, page)
        for page in pages
    ]
