"""Ids for section headings: readable, and unique within one rendered page."""

from django.utils.text import slugify

#: Ids the page templates use themselves; a heading never takes one of them.
RESERVED_IDS = frozenset({"top", "main-content"})

CONTEXT_KEY = "physio_anchor_ids"


def new_anchor_registry():
    """A fresh set of used ids, shared by every block rendered in one stream."""
    return set(RESERVED_IDS)


def unique_anchor(text, context=None):
    """Slug of ``text``, with -2, -3… added if an earlier heading took it.

    ``ConditionStreamBlock`` puts a registry in the context its children render in;
    a block rendered on its own just gets the plain slug.
    """
    base = slugify(text or "", allow_unicode=True) or "section"
    used = (context or {}).get(CONTEXT_KEY)
    if used is None:
        return base
    anchor, n = base, 1
    while anchor in used:
        n += 1
        anchor = f"{base}-{n}"
    used.add(anchor)
    return anchor
