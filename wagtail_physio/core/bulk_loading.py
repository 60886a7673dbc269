"""Load everything a page's blocks refer to in one query per model.

Wagtail converts a StreamField one block type at a time, so each chooser field asks
the database on its own: the pages linked from procedures, then those linked from
treatments, the body's images, the hero image, the related conditions... A page
view instead walks the raw stream first, gathers every id, loads each model once
(``preloaded_objects``), and converts the body while chooser blocks take their
objects from what was loaded (``objects_by_id``).

Outside such a scope (admin forms, previews, the API) blocks load as usual.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from wagtail import blocks
from wagtail.blocks import StreamValue

from .localized_pages import reading_locale
from .protocols import BulkLoadable, implements

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

#: Loads objects of one model by id: ``{id: object}``, missing ids left out.
Loader = Callable[[Iterable[Any]], dict[Any, Any]]

# {model: {id: object or None}} of the page being rendered; None outside a page view.
_loaded: ContextVar[dict[Any, dict[Any, Any]] | None] = ContextVar(
    "physio_loaded_objects", default=None
)


class BulkLoadedChooserMixin:
    """A chooser block implementing ``BulkLoadable``: its objects are loaded together
    with those of every other block on the page.

    Put it before the chooser block class in the bases. Subclasses implement
    ``load_objects(ids)``: a dict of objects by id, in as few queries as possible.
    ``preload(ids, request)`` may use what the request already holds.
    ``bulk_to_python`` answers from what the page view loaded, so nothing is asked
    for twice.
    """

    model_class: Any

    def load_objects(self, ids: Iterable[Any]) -> dict[Any, Model]:
        return self.model_class.objects.in_bulk(list(ids))

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Model]:
        return self.load_objects(ids)

    def objects_for(self, values: Iterable[Any]) -> dict[Any, Model]:
        """Objects by id for ``values`` (raw ids, None allowed)."""
        return objects_by_id(self.model_class, values, self.load_objects)

    def bulk_to_python(self, values: Iterable[Any]) -> list[Any]:
        """The chosen objects in order; None for one since deleted (left out when
        rendering). No query when no value chooses anything."""
        values = list(values)
        return in_order(values, self.objects_for(values))


def in_order(values: Iterable[Any], objects: dict[Any, Any]) -> list[Any]:
    """``objects`` (by id) in the order of ``values``, None for missing ones.

    A repeated id gets its own copy, as Wagtail's choosers do, so per-use attributes
    never leak between blocks.
    """
    seen = set()
    result = []
    for pk in values:
        obj = objects.get(pk) if pk is not None else None
        if obj is not None and pk in seen:
            obj = copy.copy(obj)
        result.append(obj)
        seen.add(pk)
    return result


def objects_by_id(model: Any, ids: Iterable[Any], load: Loader) -> dict[Any, Any]:
    """``load(ids)`` answered first from the objects preloaded for this page view."""
    ids = [pk for pk in ids if pk is not None]
    loaded = _loaded.get()
    if loaded is None:
        return load(ids) if ids else {}
    known = loaded.setdefault(model, {})
    missing = list(dict.fromkeys(pk for pk in ids if pk not in known))
    if missing:
        found = load(missing)
        # Deleted objects are remembered as None, so they are not asked for again.
        known.update({pk: found.get(pk) for pk in missing})
    return {pk: known[pk] for pk in ids if known[pk] is not None}


def collect_ids(block: blocks.Block, raw: Any, found: dict[Any, Any]) -> None:
    """Add to ``found`` ({model: (block, set of ids)}) every id ``raw`` refers to."""
    if raw is None:
        return
    if implements(block, BulkLoadable):
        found.setdefault(block.model_class, (block, set()))[1].add(raw)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                collect_ids(child, item.get("value"), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            if block._item_is_in_block_format(item):
                item = item["value"]
            collect_ids(block.child_block, item, found)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in raw:
                collect_ids(child, raw[name], found)


def stream_ids(stream_value: Any) -> dict[Any, Any]:
    """{model: (block, ids)} referred to by a not yet converted StreamField value."""
    found: dict[Any, Any] = {}
    if isinstance(stream_value, StreamValue) and stream_value.is_lazy:
        collect_ids(stream_value.stream_block, list(stream_value.raw_data), found)
    return found


@contextmanager
def preloaded_objects(
    found: dict[Any, Any],
    request: HttpRequest | None = None,
    more: dict[Any, tuple[Loader, Iterable[Any]]] | None = None,
    *,
    locale_id: int | None = None,
) -> Iterator[dict[Any, dict[Any, Any]]]:
    """Load ``found`` (from ``stream_ids``) once per model and answer blocks from it.

    ``more`` maps a model to ``(load, ids)``: ids the page needs besides its blocks
    (the hero image, related pages), loaded in the same query as the blocks' own.
    ``locale_id``: the locale of the page being rendered, which page links follow
    (``core/localized_pages.py``); the scope holds one page's, or pages' of one
    locale.
    """
    # Callable[..., ...]: each lambda binds its block through a default argument.
    wanted: dict[Any, tuple[Callable[..., dict[Any, Any]], set[Any]]] = {
        model: (lambda ids, block=block: block.preload(ids, request), set(ids))
        for model, (block, ids) in found.items()
    }
    for model, (load, ids) in (more or {}).items():
        wanted.setdefault(model, (load, set()))[1].update(ids)
    with reading_locale(locale_id):
        loaded: dict[Any, dict[Any, Any]] = {}
        for model, (load, ids) in wanted.items():
            ids.discard(None)
            if ids:
                objects = load(ids)
                loaded[model] = {pk: objects.get(pk) for pk in ids}
        token = _loaded.set(loaded)
        try:
            yield loaded
        finally:
            _loaded.reset(token)
