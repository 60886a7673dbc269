"""What a block or page may offer the package, declared rather than guessed.

A block joins the table of contents, the page's structured data or the bulk loading
of chosen objects by implementing one of these protocols; nothing needs to inherit
from the package's own blocks. ``docs/extending.md`` has a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

#: A schema.org node: a plain dict serialised into the page's JSON-LD.
SchemaNode = dict[str, Any]


class Heading(NamedTuple):
    """A heading a block renders: its text and its level, "h2" to "h6"."""

    text: str
    level: str


@runtime_checkable
class HasHeading(Protocol):
    """A block whose rendering starts with a heading.

    The table of contents lists the "h2" ones; anchors are worked out in the same
    order as rendering, so contents links always reach the real ids.
    """

    def get_heading(self, value: Any) -> Heading | None:
        """The heading ``value`` renders, or None when it shows none."""


@runtime_checkable
class HasStructuredData(Protocol):
    """A block that contributes schema.org nodes to its page's JSON-LD ``mentions``."""

    def get_structured_data(self, value: Any) -> list[SchemaNode]:
        """Nodes describing ``value``, e.g. ``{"@type": "MedicalProcedure", ...}``."""


@runtime_checkable
class DescribesPage(Protocol):
    """A page that turns its generic schema.org ``WebPage`` node into something richer."""

    def get_structured_data(
        self, node: SchemaNode, request: HttpRequest | None = None
    ) -> SchemaNode:
        """Return ``node`` (changed in place or replaced)."""


@runtime_checkable
class BulkLoadable(Protocol):
    """A chooser block whose objects a page view loads with every other block's.

    ``wagtail_physio.core.bulk_loading`` gathers the ids of every block whose class
    implements this, calls ``preload`` once per ``model_class`` with all of them,
    and later answers the blocks' ``bulk_to_python`` from what was loaded.
    """

    @property
    def model_class(self) -> type[Model]:
        """The model whose objects the block chooses."""

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Model]:
        """Objects by id for ``ids``, in as few queries as possible."""


_implemented: dict[tuple[type, type], bool] = {}


def implements(obj: object, protocol: type) -> bool:
    """``isinstance(obj, protocol)``, worked out once per class.

    Rendering asks this of every block on every page view; a runtime protocol
    check inspects attributes each time, a dict lookup does not.
    """
    key = (type(obj), protocol)
    try:
        return _implemented[key]
    except KeyError:
        result = _implemented[key] = isinstance(obj, protocol)
        return result
