"""Ids for section headings: readable, and unique within one rendered page."""

from __future__ import annotations

from collections.abc import Iterable, MutableSet
from typing import Any

from django.utils.text import slugify

from .protocols import HasHeading, implements

#: Ids the page templates use themselves; a heading never takes one of them.
RESERVED_IDS = frozenset(
    {
        "top",
        "main-content",
        "physio-related-heading",
        "physio-contact-heading",
        "physio-condition-search-q",
    }
)

CONTEXT_KEY = "physio_anchor_ids"


def new_anchor_registry() -> set[str]:
    """A fresh set of used ids, shared by every block rendered in one stream."""
    return set(RESERVED_IDS)


def unique_anchor(text: str | None, context: dict[str, Any] | None = None) -> str:
    """Slug of ``text``, with -2, -3… added if an earlier heading took it.

    ``ConditionStreamBlock`` puts a registry in the context its children render in;
    a block rendered on its own just gets the plain slug.
    """
    base = slugify(text or "", allow_unicode=True) or "section"
    used: MutableSet[str] | None = (context or {}).get(CONTEXT_KEY)
    if used is None:
        return base
    anchor, n = base, 1
    while anchor in used:
        n += 1
        anchor = f"{base}-{n}"
    used.add(anchor)
    return anchor


def stream_headings(stream_value: Iterable[Any] | None) -> list[tuple[str, str, str]]:
    """(text, anchor, level) of every heading a stream renders, in page order.

    Blocks that show a heading implement ``HasHeading``. Anchors are worked out
    exactly as rendering does, so a table of contents links to the ids the page
    really has.
    """
    context: dict[str, Any] = {CONTEXT_KEY: new_anchor_registry()}
    headings = []
    for child in stream_value or []:
        if not implements(child.block, HasHeading):
            continue
        heading = child.block.get_heading(child.value)
        if heading is None:
            continue
        text, level = heading
        headings.append((text, unique_anchor(text, context), level))
    return headings
