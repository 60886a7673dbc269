"""Public StreamField blocks of wagtail-physio.

Each block lives in its feature's package; import them from here.
"""

from ..conditions.blocks import (
    AimsBlock,
    CallToActionBlock,
    CaptionedImageBlock,
    ConditionStreamBlock,
    HeadingBlock,
    KeyPointsBlock,
    LinkedItemBlock,
    LinkedListSectionBlock,
    LinkedPageChooserBlock,
    ParagraphBlock,
    ProcedureBlock,
    ProcedureListBlock,
    ResponsiveImageChooserBlock,
    SectionBlock,
    TreatmentBlock,
    TreatmentListBlock,
)
from ..locations.blocks import ClinicLocationChooserBlock, ClinicLocationsBlock

__all__ = [
    "AimsBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "ClinicLocationChooserBlock",
    "ClinicLocationsBlock",
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
