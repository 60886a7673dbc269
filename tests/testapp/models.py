"""A project's own page types built on wagtail-physio, as the docs show developers.

``CareTeamBlock`` is the worked example of docs/extending.md: a block of the
project's own that joins the table of contents (``HasHeading``), the page's JSON-LD
(``HasStructuredData``) and the page view's bulk loading (``BulkLoadable``, through
``ClinicianChooserBlock``). ``tests/test_protocols.py`` proves each.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import register_snippet

from wagtail_physio.blocks import BulkLoadedChooserMixin, ConditionStreamBlock
from wagtail_physio.core.conf import physio_settings
from wagtail_physio.core.headings import unique_anchor
from wagtail_physio.core.protocols import Heading
from wagtail_physio.models import AbstractConditionIndexPage, AbstractConditionPage


@register_snippet
class Clinician(models.Model):
    """A member of the clinic's team, kept as a snippet."""

    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("job_title")]

    def __str__(self):
        return self.name


class ClinicianChooserBlock(BulkLoadedChooserMixin, SnippetChooserBlock):
    """A clinician chooser whose clinicians a page view loads in one query.

    ``BulkLoadable``: ``model_class`` comes from the chooser, ``preload`` from the
    mixin. Every block of the page that uses this chooser, whatever its type, is
    answered from that one query.
    """

    def load_objects(self, ids):
        return self.model_class.objects.in_bulk(list(ids))


class CareTeamBlock(wagtail_blocks.StructBlock):
    """A "Your care team" section: a heading and the clinicians it introduces."""

    heading = wagtail_blocks.CharBlock(max_length=120)
    clinicians = wagtail_blocks.ListBlock(
        ClinicianChooserBlock("testapp.Clinician"), min_num=1
    )

    class Meta:
        icon = "group"
        label = _("Care team")
        template = "testapp/blocks/care_team_block.html"

    # HasHeading: listed in the table of contents when it is an h2.
    def get_heading(self, value):
        text = value.get("heading")
        return Heading(text, "h2") if text else None

    # HasStructuredData: one node per clinician in the page's JSON-LD "mentions".
    def get_structured_data(self, value):
        return [
            {"@type": "Person", "name": clinician.name, "jobTitle": clinician.job_title}
            for clinician in value.get("clinicians") or []
            if clinician is not None  # deleted since it was chosen
        ]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        text = value.get("heading") or ""
        # The context the section heading include expects. The anchor is taken only
        # when get_heading gives a heading, so contents links stay in step.
        context["heading_text"] = text
        context["heading_tag"] = "h2"
        context["anchor"] = unique_anchor(text, context) if text else ""
        context["clinicians"] = [c for c in value.get("clinicians") or [] if c]
        return context


class ClinicianTipBlock(wagtail_blocks.StructBlock):
    """A clinician's tip: another block type choosing clinicians, loaded with the
    care teams' clinicians in the same query."""

    tip = wagtail_blocks.TextBlock()
    clinician = ClinicianChooserBlock("testapp.Clinician", required=False)

    class Meta:
        icon = "openquote"
        label = _("Clinician's tip")
        template = "testapp/blocks/clinician_tip_block.html"


class ExtendedStreamBlock(ConditionStreamBlock):
    """The package's blocks plus the project's own."""

    quote = wagtail_blocks.BlockQuoteBlock(icon="openquote")
    care_team = CareTeamBlock()
    clinician_tip = ClinicianTipBlock()


class TreatmentIndexPage(AbstractConditionIndexPage):
    subpage_types = ["testapp.TreatmentPage"]


class TreatmentPage(AbstractConditionPage):
    body = StreamField(ExtendedStreamBlock(), blank=True)

    parent_page_types = ["testapp.TreatmentIndexPage"]


class InSiteBaseTemplateMixin:
    """Renders inside the base template the package's pages use
    (``WAGTAIL_PHYSIO["BASE_TEMPLATE"]``): the same header, footer and banners
    around a benchmark's baseline as around the condition page beside it."""

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        context["site_base_template"] = physio_settings.BASE_TEMPLATE
        return context


class BaselinePage(InSiteBaseTemplateMixin, Page):
    """A plain Wagtail page with all its text in one rich text field.

    ``benchmarks/bench.py`` renders it beside a condition page holding the same
    visible text, to measure what the structured blocks cost.
    """

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    api_fields = [APIField("body")]


class GenericImageBlock(wagtail_blocks.StructBlock):
    """An image with alt text and a caption, as a generic Wagtail site builds one."""

    image = ImageChooserBlock()
    alt_text = wagtail_blocks.CharBlock(required=False)
    caption = wagtail_blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "testapp/blocks/generic_image_block.html"


class GenericStreamPage(InSiteBaseTemplateMixin, Page):
    """A StreamField page built from Wagtail's own blocks: heading, paragraph, image
    and quote, with plain templates.

    ``benchmarks/bench.py`` gives it the same content as a condition page, to tell
    what the package's blocks cost from what any StreamField page costs.
    """

    body = StreamField(
        [
            (
                "heading",
                wagtail_blocks.CharBlock(
                    template="testapp/blocks/generic_heading_block.html"
                ),
            ),
            ("paragraph", wagtail_blocks.RichTextBlock()),
            ("image", GenericImageBlock()),
            ("quote", wagtail_blocks.BlockQuoteBlock()),
        ],
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    api_fields = [APIField("body")]
