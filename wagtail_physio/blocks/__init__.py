"""Public StreamField blocks of wagtail-physio."""

from .locations import ClinicLocationChooserBlock, ClinicLocationsBlock
from .stream import ConditionStreamBlock
from .text import HeadingBlock, ParagraphBlock

__all__ = [
    "ClinicLocationChooserBlock",
    "ClinicLocationsBlock",
    "ConditionStreamBlock",
    "HeadingBlock",
    "ParagraphBlock",
]
