"""Showing translatable snippets (categories, locations, banners) in the reader's
language, with the same number of queries in every language.

Each translatable model names its ``translated_fields`` (words a translator
rewrites: a name, an address line, a message) and its ``synchronised_fields``
(facts every language shares: a phone number, the hours, a schedule). A record and
its translations share a ``translation_key``; of those versions the **source** is
the one in the site's default language (else the oldest), and it alone decides the
synchronised facts. What a reader sees is the source with the translated fields of
the version in their language, when there is one: an untranslated record still
shows, in its own language, rather than vanishing.

The loaders read the source rows and the reader's versions in **one query**
(``source_and_reader_versions``) and pair them in Python (``localize``), so Welsh
pages cost what English ones do. With ``WAGTAIL_I18N_ENABLED`` off nothing here
changes a query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

if TYPE_CHECKING:
    from wagtail.models import TranslatableMixin

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound=QuerySet[Any])

#: Name of the annotation holding a row's language code.
LANGUAGE_ANNOTATION = "physio_language_code"


def translation_enabled() -> bool:
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def default_content_language() -> str:
    """The language code of the default locale (Wagtail's ``Locale.get_default``)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_content_language() -> str | None:
    """The content language (``WAGTAIL_CONTENT_LANGUAGES``) of the active language,
    None when it has none."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return None


def reader_content_language() -> str:
    """The locale language code of the active language, else the default one."""
    try:
        return get_supported_content_language_variant(
            get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return default_content_language()


def is_source_version(model: type[Model]) -> Q:
    """Rows that are their record's source: in the default language, or with no
    version in it."""
    default = default_content_language()
    in_default = model._default_manager.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default
    )
    return Q(locale__language_code=default) | Q(~Exists(in_default))


def source_versions(queryset: QS) -> QS:
    """``queryset`` limited to source rows, when translation is on."""
    if not translation_enabled():
        return queryset
    return queryset.filter(is_source_version(queryset.model))


def source_and_reader_versions(
    chosen: QuerySet[M], shown: QuerySet[M], language: str | None = None
) -> QuerySet[M]:
    """The source rows ``chosen`` selects, plus their versions in ``language``
    (default: the reader's), read through ``shown`` (which carries the ordering,
    annotations and prefetches the caller needs), each row annotated with its
    language code for ``localize``. One query; ``chosen`` itself when translation
    is off."""
    if not translation_enabled():
        return chosen
    model = chosen.model
    language = language or reader_content_language()
    picked = source_versions(chosen).order_by()
    wanted = Q(pk__in=picked.values("pk"))
    if language != default_content_language():
        wanted |= Q(
            pk__in=model._default_manager.filter(
                translation_key__in=picked.values("translation_key"),
                locale__language_code=language,
            ).values("pk")
        )
    return shown.filter(wanted).annotate(
        **{LANGUAGE_ANNOTATION: F("locale__language_code")}
    )


def localize(
    rows: Iterable[M],
    fields: Sequence[str],
    language: str | None = None,
) -> list[M]:
    """Source rows, in their order, each with ``fields`` copied from its version in
    ``language`` when ``rows`` hold one. Rows annotated by
    ``source_and_reader_versions``; others (translation off) are returned as they
    are. Each row shown gets ``content_language``: the language its words are in."""
    rows = list(rows)
    if not rows or not hasattr(rows[0], LANGUAGE_ANNOTATION):
        return rows
    language = language or reader_content_language()
    default = default_content_language()
    groups: dict[Any, list[M]] = {}
    for row in rows:
        groups.setdefault(row.translation_key, []).append(row)  # type: ignore[attr-defined]
    shown: list[M] = []
    for versions in groups.values():
        source = pick_source(versions, default)
        reader = next(
            (v for v in versions if getattr(v, LANGUAGE_ANNOTATION) == language),
            None,
        )
        if reader is not None and reader is not source:
            for name in fields:
                setattr(source, name, getattr(reader, name))
            shown_language, version = language, reader
        else:
            shown_language, version = getattr(source, LANGUAGE_ANNOTATION), source
        # What the words are in (a lang attribute), and the row they came from.
        source.content_language = shown_language  # type: ignore[attr-defined]
        source.shown_version = version  # type: ignore[attr-defined]
        shown.append(source)
    # In the order of the sources: a translation sorts by its own name.
    position = {id(row): index for index, row in enumerate(rows)}
    return sorted(shown, key=lambda row: position[id(row)])


def pick_source(versions: Sequence[M], default: str | None = None) -> M:
    """Of a record's versions, the one in the default language, else the oldest."""
    default = default or default_content_language()
    for version in versions:
        if getattr(version, LANGUAGE_ANNOTATION, None) == default:
            return version
    return min(versions, key=lambda version: version.pk)


def localized_by_pk(
    model: type[TranslatableMixin], ids: Iterable[Any], queryset: QuerySet[Any]
) -> dict[Any, Any]:
    """``{chosen id: shown record}`` for ids of any language's versions: each id
    maps to its record's source with the reader's translated fields. One query
    (plus ``queryset``'s prefetches)."""
    ids = list(ids)
    if not translation_enabled():
        return queryset.in_bulk(ids)
    language = reader_content_language()
    keys = model._default_manager.filter(pk__in=ids).values("translation_key")
    rows = list(
        queryset.filter(translation_key__in=keys).annotate(
            **{LANGUAGE_ANNOTATION: F("locale__language_code")}
        )
    )
    key_of = {row.pk: row.translation_key for row in rows}
    fields = model.translated_fields
    # Keep only the sources and the reader's versions before pairing them.
    by_key: dict[Any, list[Any]] = {}
    for row in rows:
        by_key.setdefault(row.translation_key, []).append(row)
    shown_by_key: dict[Any, Any] = {}
    for key, versions in by_key.items():
        source = pick_source(versions)
        wanted = [
            v
            for v in versions
            if v is source or getattr(v, LANGUAGE_ANNOTATION) == language
        ]
        shown_by_key[key] = localize(wanted, fields, language)[0]
    return {pk: shown_by_key[key_of[pk]] for pk in ids if pk in key_of}


class LocalizeFields:
    """A model's ``translatable_fields`` for wagtail-localize, made from its
    ``translated_fields`` and ``synchronised_fields`` so the package's own loaders
    and wagtail-localize's editor agree on which is which. Empty without
    wagtail-localize, which is optional."""

    def __get__(self, instance: Any, owner: type[Any]) -> list[Any]:
        try:
            # Optional dependency: imported only when wagtail-localize asks.
            from wagtail_localize.fields import (  # type: ignore[import-untyped]
                SynchronizedField,
                TranslatableField,
            )
        except ImportError:
            return []
        return [TranslatableField(name) for name in owner.translated_fields] + [
            SynchronizedField(name) for name in owner.synchronised_fields
        ]
