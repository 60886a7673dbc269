"""Public StreamField blocks of wagtail-physio.

Each block lives in its feature's package; import them from here.
"""

from ..conditions.blocks.actions import CallToActionBlock
from ..conditions.blocks.clinical import (
    CalloutBlock,
    DoDontBlock,
    QuestionBlock,
    QuestionsBlock,
    UrgentAdviceBlock,
)
from ..conditions.blocks.links import LinkedItemBlock, LinkedPageChooserBlock
from ..conditions.blocks.lists import (
    AimsBlock,
    KeyPointsBlock,
    NamedItemBlock,
    ProcedureBlock,
    ProcedureListBlock,
    TreatmentBlock,
    TreatmentListBlock,
)
from ..conditions.blocks.media import CaptionedImageBlock, ResponsiveImageChooserBlock
from ..conditions.blocks.sections import LinkedListSectionBlock, SectionBlock
from ..conditions.blocks.stream import ConditionStreamBlock
from ..conditions.blocks.text import HeadingBlock, ParagraphBlock
from ..core.blocks import HeadedStructBlock
from ..core.bulk_loading import BulkLoadedChooserMixin
from ..locations.blocks import ClinicLocationChooserBlock, ClinicLocationsBlock

__all__ = [
    "AimsBlock",
    "BulkLoadedChooserMixin",
    "CallToActionBlock",
    "CalloutBlock",
    "CaptionedImageBlock",
    "ClinicLocationChooserBlock",
    "ClinicLocationsBlock",
    "ConditionStreamBlock",
    "DoDontBlock",
    "HeadedStructBlock",
    "HeadingBlock",
    "KeyPointsBlock",
    "LinkedItemBlock",
    "LinkedListSectionBlock",
    "LinkedPageChooserBlock",
    "NamedItemBlock",
    "ParagraphBlock",
    "ProcedureBlock",
    "ProcedureListBlock",
    "QuestionBlock",
    "QuestionsBlock",
    "ResponsiveImageChooserBlock",
    "SectionBlock",
    "TreatmentBlock",
    "TreatmentListBlock",
    "UrgentAdviceBlock",
]
