"""The blocks of a condition page's body; public through ``wagtail_physio.blocks``."""

from .actions import CallToActionBlock
from .links import LinkedItemBlock, LinkedPageChooserBlock
from .lists import (
    AimsBlock,
    KeyPointsBlock,
    ProcedureBlock,
    ProcedureListBlock,
    TreatmentBlock,
    TreatmentListBlock,
)
from .media import CaptionedImageBlock, ResponsiveImageChooserBlock
from .sections import LinkedListSectionBlock, SectionBlock
from .stream import ConditionStreamBlock
from .text import HeadingBlock, ParagraphBlock

__all__ = [
    "AimsBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "ConditionStreamBlock",
    "HeadingBlock",
    "KeyPointsBlock",
    "LinkedItemBlock",
    "LinkedListSectionBlock",
    "LinkedPageChooserBlock",
    "ParagraphBlock",
    "ProcedureBlock",
    "ProcedureListBlock",
    "ResponsiveImageChooserBlock",
    "SectionBlock",
    "TreatmentBlock",
    "TreatmentListBlock",
]
