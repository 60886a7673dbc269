"""Public StreamField blocks of wagtail-physio."""

from .stream import ConditionStreamBlock
from .text import HeadingBlock, ParagraphBlock

__all__ = [
    "ConditionStreamBlock",
    "HeadingBlock",
    "ParagraphBlock",
]
