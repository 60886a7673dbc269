"""A project's own page types built on wagtail-physio, as the docs show developers."""

from wagtail import blocks as wagtail_blocks
from wagtail.fields import StreamField

from wagtail_physio.blocks import ConditionStreamBlock
from wagtail_physio.models import AbstractConditionIndexPage, AbstractConditionPage


class ExtendedStreamBlock(ConditionStreamBlock):
    """The package's blocks plus one of the project's own."""

    quote = wagtail_blocks.BlockQuoteBlock(icon="openquote")


class TreatmentIndexPage(AbstractConditionIndexPage):
    subpage_types = ["testapp.TreatmentPage"]


class TreatmentPage(AbstractConditionPage):
    body = StreamField(ExtendedStreamBlock(), blank=True)

    parent_page_types = ["testapp.TreatmentIndexPage"]
