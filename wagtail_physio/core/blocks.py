"""What the package's blocks share: admin previews, and headings at a chosen level."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks

from .headings import unique_anchor
from .protocols import Heading

#: Wagtail's block preview page plus the package CSS; shadow it to add your own.
PREVIEW_TEMPLATE = "wagtail_physio/blocks/block_preview.html"

#: Heading levels a block may be given: an ``h1`` belongs to the page title alone.
HEADING_LEVELS = range(2, 7)


def heading_tag(level: int) -> str:
    """``"h3"`` for 3; levels past 6 stay at ``h6``, as HTML has no deeper heading."""
    return f"h{min(max(level, HEADING_LEVELS.start), HEADING_LEVELS.stop - 1)}"


class HeadedStructBlock(blocks.StructBlock):
    """A StructBlock that opens with its ``heading`` field as an ``h2`` … ``h6``.

    The level is the developer's choice, as the page around the block decides it:
    ``AimsBlock(heading_level=3)`` where the block is declared, or ``heading_level``
    in a subclass's ``Meta``. Sub-headings inside the block (a procedure's name) sit
    one level below. Templates render the heading with
    ``wagtail_physio/includes/section_heading.html``.
    """

    #: The child block holding the heading text.
    heading_field = "heading"

    class Meta:
        heading_level = 2

    def __init__(self, local_blocks: Any = None, **kwargs: Any) -> None:
        super().__init__(local_blocks, **kwargs)
        level = self.meta.heading_level
        if isinstance(level, bool) or level not in HEADING_LEVELS:
            raise ImproperlyConfigured(
                f"{type(self).__name__} heading_level must be 2 to 6, not {level!r}."
            )

    @property
    def heading_tag(self) -> str:
        return heading_tag(self.meta.heading_level)

    def get_heading(self, value: Any) -> Heading | None:
        text = value.get(self.heading_field) or ""
        return Heading(text, self.heading_tag) if text else None

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        text = value.get(self.heading_field) or ""
        context["heading_text"] = text
        context["heading_tag"] = self.heading_tag
        context["item_heading_tag"] = heading_tag(self.meta.heading_level + 1)
        # Same rule as every heading on the page, so contents links find it.
        context["anchor"] = unique_anchor(text, context) if text else ""
        return context
