"""The StreamBlock behind a condition page's body."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ...core.headings import CONTEXT_KEY, new_anchor_registry
from ...locations.blocks import ClinicLocationsBlock
from .actions import CallToActionBlock
from .clinical import CalloutBlock, DoDontBlock, QuestionsBlock, UrgentAdviceBlock
from .lists import AimsBlock, KeyPointsBlock, ProcedureListBlock, TreatmentListBlock
from .media import CaptionedImageBlock
from .text import HeadingBlock, ParagraphBlock


class ConditionStreamBlock(blocks.StreamBlock):
    """All sections an editor can put on a condition page.

    Subclass it to add blocks of your own; a subclass keeps every block here.
    """

    # One block per line, so blocks added here and by other modules merge cleanly.
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    urgent_advice = UrgentAdviceBlock()
    callout = CalloutBlock()
    aims = AimsBlock()
    procedures = ProcedureListBlock()
    key_points = KeyPointsBlock()
    do_dont = DoDontBlock()
    treatments = TreatmentListBlock()
    questions = QuestionsBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    clinic_locations = ClinicLocationsBlock()

    class Meta:
        label = _("Condition page body")
        template = "wagtail_physio/blocks/condition_stream_block.html"

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        # Children render with this context, so their heading ids stay unique.
        context[CONTEXT_KEY] = new_anchor_registry()
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        # A block with nothing left to show (an image since deleted) answers None;
        # leave it out, as the page does.
        return [
            child
            for child in super().get_api_representation(value, context=context)
            if child["value"] is not None
        ]
