"""Public StreamField blocks of wagtail-physio."""

from .actions import CallToActionBlock
from .links import LinkedItemBlock
from .lists import (
    AimsBlock,
    KeyPointsBlock,
    ProcedureBlock,
    ProcedureListBlock,
    TreatmentBlock,
    TreatmentListBlock,
)
from .locations import ClinicLocationChooserBlock, ClinicLocationsBlock
from .media import CaptionedImageBlock, ResponsiveImageChooserBlock
from .sections import SectionBlock
from .stream import ConditionStreamBlock
from .text import HeadingBlock, ParagraphBlock

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
    "ParagraphBlock",
    "ProcedureBlock",
    "ProcedureListBlock",
    "ResponsiveImageChooserBlock",
    "SectionBlock",
    "TreatmentBlock",
    "TreatmentListBlock",
]
