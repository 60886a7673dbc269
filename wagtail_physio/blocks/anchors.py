"""Ids for section headings: readable, and unique within one rendered page."""

from django.utils.text import slugify

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


def stream_headings(stream_value):
    """(text, anchor, level) of every heading a stream renders, in page order.

    Blocks that show a heading say so with ``get_heading(value)`` returning
    ``(text, level)``. Anchors are worked out exactly as rendering does, so a table
    of contents links to the ids the page really has.
    """
    context = {CONTEXT_KEY: new_anchor_registry()}
    headings = []
    for child in stream_value or []:
        get_heading = getattr(child.block, "get_heading", None)
        heading = get_heading(child.value) if get_heading is not None else None
        if heading is None:
            continue
        text, level = heading
        headings.append((text, unique_anchor(text, context), level))
    return headings
