"""A project's own page types built on wagtail-physio, as the docs show developers."""

from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

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


class BaselinePage(Page):
    """A plain Wagtail page with all its text in one rich text field.

    ``benchmarks/bench_condition_page.py`` renders it beside a condition page holding
    the same visible text, to measure what the structured blocks cost.
    """

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
