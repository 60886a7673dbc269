"""Structured lists: aims, procedures, key points and treatments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .links import LinkedItemBlock, page_link_field, web_link_field
from .sections import LinkedListSectionBlock, SectionBlock, closing_note_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Lists with more items than this open collapsed in the editor.
LONG_LIST_ITEMS = 3


def list_editing_attrs(
    *, collapse_after: int | None = LONG_LIST_ITEMS, split_pasted_lines: bool = False
) -> dict[str, str]:
    """``form_attrs`` for a ListBlock, read by the package's editor script.

    ``wagtail_physio/admin/list-editing.js`` (in every editor, see
    ``conditions/wagtail_hooks.py``) collapses the items of a list holding more
    than ``collapse_after`` when the editor opens, each showing its label
    (items with errors stay open; items added later open), and with
    ``split_pasted_lines`` makes several lines pasted into one item an item
    each. Without the script the list edits as any Wagtail list.
    """
    attrs = {}
    if collapse_after is not None:
        attrs["data-physio-collapse-after"] = str(collapse_after)
    if split_pasted_lines:
        attrs["data-physio-split-pasted-lines"] = ""
    return attrs


def short_items_field(
    label: StrOrPromise,
    item_label: StrOrPromise,
    help_text: StrOrPromise,
    max_length: int = 200,
) -> blocks.ListBlock:
    """A list that needs at least one item, and no blank items.

    Lines pasted together become an item each; a long list opens collapsed.
    """
    return blocks.ListBlock(
        blocks.CharBlock(
            label=item_label,
            max_length=max_length,
            help_text=_("One short line. Remove empty items before publishing."),
        ),
        label=label,
        min_num=1,
        help_text=help_text,
        form_attrs=list_editing_attrs(split_pasted_lines=True),
    )


class AimsBlock(SectionBlock):
    """What a treatment or operation sets out to achieve, plus one overall aim."""

    aims = short_items_field(
        _("Aims"), _("Aim"), _("Each aim on its own line, e.g. “Less pain”.")
    )
    overall_aim = blocks.TextBlock(
        label=_("Overall aim"),
        required=False,
        rows=2,
        help_text=_("Optional. The one goal that sums it up, shown after the list."),
    )

    class Meta:
        icon = "check"
        label = _("Aims")
        description = _("A list of aims and, optionally, the main goal behind them.")
        template = "wagtail_physio/blocks/aims_block.html"
        preview_value = {
            "heading": _("What surgery aims to do"),
            "intro": _(
                "Each operation is planned for one person, but most share these aims."
            ),
            "aims": [_("Less pain"), _("Easier movement"), _("Steadier balance")],
            "overall_aim": _(
                "The main goal of rehab is getting back to the life you enjoy."
            ),
        }


class KeyPointsBlock(SectionBlock):
    """A handful of short points a reader should take away."""

    points = short_items_field(
        _("Points"), _("Point"), _("Keep each point to one line.")
    )
    closing_note = closing_note_field()

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        description = _("A short list of points, such as how physiotherapy helps.")
        template = "wagtail_physio/blocks/key_points_block.html"
        preview_value = {
            "heading": _("How physiotherapy helps"),
            "intro": "",
            "points": [
                _("Builds strength"),
                _("Restores movement"),
                _("Gives you confidence"),
            ],
            "closing_note": "",
        }


class NamedItemBlock(LinkedItemBlock):
    """A list item with a name, a description and an optional link to a page.

    Subclasses narrow the help texts and add fields (a web address).
    """

    name = blocks.CharBlock(label=_("Name"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), rows=3)
    page = page_link_field()

    class Meta:
        label_format = "{name}"


def linked_items_field(
    item_block: blocks.Block, label: StrOrPromise, help_text: StrOrPromise
) -> blocks.ListBlock:
    """The list of a ``LinkedListSectionBlock``: at least one item; a long list
    opens collapsed, each item showing its name."""
    return blocks.ListBlock(
        item_block,
        label=label,
        min_num=1,
        help_text=help_text,
        form_attrs=list_editing_attrs(),
    )


class ProcedureBlock(NamedItemBlock):
    """One procedure: its name, what it involves, and an optional link."""

    name = blocks.CharBlock(
        label=_("Name"), max_length=120, help_text=_("e.g. “Discectomy”.")
    )
    description = blocks.TextBlock(
        label=_("Description"),
        rows=3,
        help_text=_("What the procedure does, in plain words."),
    )
    url = web_link_field()

    class Meta:
        icon = "doc-full"
        label = _("Procedure")
        template = "wagtail_physio/blocks/procedure_block.html"
        preview_value = {
            "name": _("Discectomy"),
            "description": _("Removes the part of a disc pressing on a nerve."),
        }


class ProcedureListBlock(LinkedListSectionBlock):
    """Types of surgery or procedure, each with a description."""

    items_field = "procedures"
    structured_data_type = "MedicalProcedure"

    procedures = linked_items_field(
        ProcedureBlock(),
        _("Procedures"),
        _("Each procedure with a short description."),
    )
    closing_note = closing_note_field()

    class Meta:
        icon = "list-ol"
        label = _("Procedure list")
        description = _("Named procedures, each with a description and optional link.")
        template = "wagtail_physio/blocks/procedure_list_block.html"
        preview_value = {
            "heading": _("Types of surgery"),
            "intro": "",
            "procedures": [
                {
                    "name": _("Decompression"),
                    "description": _("Makes more room for squeezed nerves."),
                },
                {
                    "name": _("Fusion"),
                    "description": _("Joins two bones so they move as one."),
                },
            ],
            "closing_note": _("Your surgeon will talk you through your own operation."),
        }


class TreatmentBlock(NamedItemBlock):
    """One treatment: its name, an optional description and page link."""

    name = blocks.CharBlock(
        label=_("Name"), max_length=120, help_text=_("e.g. “Massage”.")
    )
    description = blocks.TextBlock(
        label=_("Description"),
        required=False,
        rows=2,
        help_text=_("Optional. A sentence on what it involves."),
    )
    page = page_link_field(
        help_text=_(
            "Optional. A page about this treatment; left out if it is unpublished or "
            "made private."
        )
    )

    class Meta:
        icon = "pick"
        label = _("Treatment")
        template = "wagtail_physio/blocks/treatment_block.html"
        preview_value = {
            "name": _("Home exercise programme"),
            "description": _("Exercises to keep progressing between visits."),
        }


class TreatmentListBlock(LinkedListSectionBlock):
    """Treatments the clinic offers for this condition."""

    items_field = "treatments"
    structured_data_type = "MedicalTherapy"

    treatments = linked_items_field(
        TreatmentBlock(),
        _("Treatments"),
        _("Each treatment, with an optional description or page link."),
    )
    closing_note = closing_note_field()

    class Meta:
        icon = "pick"
        label = _("Treatment list")
        description = _("Treatments offered, each optionally linked to its own page.")
        template = "wagtail_physio/blocks/treatment_list_block.html"
        preview_value = {
            "heading": _("What treatment involves"),
            "intro": "",
            "treatments": [
                {"name": _("Stretching"), "description": ""},
                {"name": _("Massage"), "description": _("Eases tight muscles.")},
            ],
            "closing_note": "",
        }
