"""The shape every titled section shares: a heading, an optional intro, its content."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ...core.blocks import PREVIEW_TEMPLATE, HeadedStructBlock
from ...core.protocols import SchemaNode


class SectionBlock(HeadedStructBlock):
    """A titled section (a heading with a linkable id) and an optional intro.

    Subclasses add their own fields after ``heading`` and ``intro``; their
    templates extend ``wagtail_physio/blocks/section_block.html``. The heading is an
    ``h2`` unless the block is given another ``heading_level``.
    """

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("The section's title, shown as a main heading (h2)."),
    )
    intro = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        rows=2,
        help_text=_("Optional. One or two sentences leading into the list."),
    )

    class Meta:
        label_format = "{heading}"
        preview_template = PREVIEW_TEMPLATE
        form_classname = "struct-block physio-section-block"


class LinkedListSectionBlock(SectionBlock):
    """A section whose list items may link somewhere (procedures, treatments).

    ``items_field`` names the list; the template gets ``items``, each with the item
    ``value`` and its resolved ``link_url``. Items render through the item block's
    own template with a plain ``{% include %}``: the same markup as
    ``{% include_block %}`` without copying the whole page context per item, which
    made long lists measurably slower.
    """

    items_field: str = ""
    #: schema.org type of each item in the page's structured data (None: none).
    structured_data_type: str | None = None

    def get_structured_data(self, value: Any) -> list[SchemaNode]:
        """schema.org nodes for the items, for the page's JSON-LD ``mentions``."""
        if not self.structured_data_type:
            return []
        nodes = []
        for item in value.get(self.items_field) or []:
            node = {"@type": self.structured_data_type, "name": item.get("name")}
            if item.get("description"):
                node["description"] = item["description"]
            nodes.append(node)
        return nodes

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        item_block = self.child_blocks[self.items_field].child_block
        context["items"] = [
            {"value": item, "link_url": item_block.link_url(item, context)}
            for item in value.get(self.items_field) or []
        ]
        context["item_template"] = item_block.meta.template
        return context


def closing_note_field() -> blocks.TextBlock:
    return blocks.TextBlock(
        label=_("Closing note"),
        required=False,
        rows=2,
        help_text=_("Optional. A sentence shown after the list."),
    )
