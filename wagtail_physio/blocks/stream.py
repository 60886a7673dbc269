"""The StreamBlock behind a condition page's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .locations import ClinicLocationsBlock
from .text import HeadingBlock, ParagraphBlock


class ConditionStreamBlock(blocks.StreamBlock):
    """All sections an editor can put on a condition page.

    Subclass it to add blocks of your own; a subclass keeps every block here.
    """

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    clinic_locations = ClinicLocationsBlock()

    class Meta:
        label = _("Condition page body")
