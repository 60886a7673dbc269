"""Reviewing a page together with its translations.

With ``WAGTAIL_I18N_ENABLED``, the report and the reminders list each page once,
as its source (the default language's version, else the oldest), with its
translations under it. Each translation keeps its own review date when it has
one; one never reviewed on its own is due when its source is.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Subquery

from ..core.pages import get_page_model
from ..core.translations import (
    default_content_language,
    is_source_version,
    translation_enabled,
)
from .models import reviewable_pages

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

#: The annotation holding the earliest review date among a page's versions.
GROUP_DUE = "group_next_review_due"


@dataclass
class TranslationReview:
    """One translation of a listed page, as the report and reminders show it."""

    page: Any
    language: str
    next_review_due: datetime.date | None
    #: True when the translation has no date of its own and follows its source's.
    follows_source: bool
    # Filled in by the report and the reminders.
    state: str = ""
    status: Any = ""
    overdue: bool = False
    edit_url: str = ""


def source_pages(pages: PageQuerySet) -> PageQuerySet:
    """``pages`` limited to sources, each annotated with ``GROUP_DUE``: the
    earliest review date of any of its live versions (itself included)."""
    page_model = get_page_model()
    earliest = (
        reviewable_pages(page_model.objects.live())
        .filter(translation_key=OuterRef("translation_key"))
        .exclude(next_review_due=None)
        .order_by("next_review_due")
        .values("next_review_due")[:1]
    )
    return pages.filter(is_source_version(page_model)).annotate(
        **{GROUP_DUE: Subquery(earliest)}
    )


def translations_of(
    sources: list[Any], versions: PageQuerySet
) -> dict[int, list[TranslationReview]]:
    """``{source pk: [TranslationReview, ...]}`` from ``versions`` (a
    ``reviewable_pages`` queryset, e.g. the live pages a user may edit), in
    language order. One query."""
    if not sources:
        return {}
    by_key = {page.translation_key: page for page in sources}
    found: defaultdict[int, list[TranslationReview]] = defaultdict(list)
    rows = (
        versions.filter(translation_key__in=list(by_key))
        .exclude(pk__in=[page.pk for page in sources])
        .select_related("locale", "owner")
        .order_by("locale__language_code", "pk")
    )
    for version in rows:
        source = by_key[version.translation_key]
        own = version.next_review_due
        found[source.pk].append(
            TranslationReview(
                page=version,
                language=version.locale.get_display_name(),
                next_review_due=own if own is not None else source.next_review_due,
                follows_source=own is None,
            )
        )
    return found


def group_due_pages(
    pages: list[Any], until: datetime.date
) -> list[tuple[Any, list[TranslationReview]]]:
    """Due ``pages`` (any language) as ``[(source, [due translations])]``: one
    entry per page, its source first. A source not due itself is listed when one
    of its translations is. One query for the versions."""
    if not translation_enabled() or not pages:
        return [(page, []) for page in pages]
    keys = {page.translation_key for page in pages}
    versions = list(
        reviewable_pages(get_page_model().objects.live())
        .filter(translation_key__in=keys)
        .select_related("locale", "owner")
        .order_by("locale__language_code", "pk")
    )
    default = default_content_language()
    groups: dict[Any, list[Any]] = defaultdict(list)
    for version in versions:
        groups[version.translation_key].append(version)
    entries = []
    for _key, group in groups.items():
        source = next(
            (v for v in group if v.locale.language_code == default),
            min(group, key=lambda v: v.pk),
        )
        due = []
        for version in group:
            if version is source:
                continue
            own = version.next_review_due
            effective = own if own is not None else source.next_review_due
            if effective is not None and effective <= until:
                due.append(
                    TranslationReview(
                        page=version,
                        language=version.locale.get_display_name(),
                        next_review_due=effective,
                        follows_source=own is None,
                    )
                )
        source_due = source.next_review_due is not None and (
            source.next_review_due <= until
        )
        if source_due or due:
            entries.append((source, due))
    # Soonest first, as the reminder lists them.
    far = datetime.date.max
    entries.sort(
        key=lambda entry: (
            min(
                [entry[0].next_review_due or far]
                + [t.next_review_due or far for t in entry[1]]
            ),
            entry[0].title,
        )
    )
    return entries
