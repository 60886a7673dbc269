"""Headings and paragraphs."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from ...core.blocks import PREVIEW_TEMPLATE
from ...core.conf import physio_settings
from ...core.headings import unique_anchor
from ...core.protocols import Heading
from ...core.rich_text import clean_body_rich_text, validate_safe_links

logger = logging.getLogger("wagtail_physio")


class HeadingBlock(blocks.StructBlock):
    """A section heading with an id, so a section can be linked to."""

    text = blocks.CharBlock(
        label=_("Text"), max_length=120, help_text=_("Keep headings short and plain.")
    )
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[
            ("h2", _("Heading 2")),
            ("h3", _("Heading 3")),
            ("h4", _("Heading 4")),
        ],
        default="h2",
        help_text=_("h2 for a main section, h3 and h4 for parts inside it."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        description = _("A section heading that can be linked to.")
        template = "wagtail_physio/blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        label_format = "{text}"
        form_classname = "struct-block physio-heading-block"
        preview_value = {"text": _("Recovering after surgery"), "level": "h2"}

    LEVELS = ("h2", "h3", "h4")

    def heading_tag(self, value: Any) -> str:
        """The editor's level, h2 for anything else (a value saved from code)."""
        level = value.get("level")
        return level if level in self.LEVELS else "h2"

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["heading_text"] = value.get("text") or ""
        context["heading_tag"] = self.heading_tag(value)
        context["anchor"] = unique_anchor(value.get("text"), context)
        return context

    def get_heading(self, value: Any) -> Heading:
        return Heading(value.get("text") or "", self.heading_tag(value))


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text limited to the ``PARAGRAPH_FEATURES`` setting."""

    def __init__(self, features: list[str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Paragraph"))
        kwargs.setdefault(
            "help_text",
            _("Short paragraphs read best; use lists for steps and options."),
        )
        super().__init__(features=features or self.default_features, **kwargs)

    @cached_property
    def default_features(self) -> list[str]:
        return list(physio_settings.PARAGRAPH_FEATURES)

    # Every way a value comes in is cleaned: stored or imported data (to_python,
    # which bulk_to_python calls for each; a body given as a JSON string or a list
    # of dicts is saved unconverted, so only reading it back cleans it), values
    # from code (normalize) and the admin form (clean). Pages and the API then
    # only ever hold safe text, whatever route it came in by.

    def to_python(self, value: Any) -> RichText:
        return RichText(clean_body_rich_text(value))

    def normalize(self, value: Any) -> RichText:
        source = value.source if isinstance(value, RichText) else value
        return RichText(clean_body_rich_text(source and force_str(source)))

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        validate_safe_links(value.source)
        return RichText(clean_body_rich_text(value.source))

    def get_prep_value(self, value: Any) -> Any:
        # Cleaned on every save too, so the stored JSON (revisions, exports, code
        # reading raw_data) holds the same safe text as pages do.
        return clean_body_rich_text(super().get_prep_value(value))

    def render(self, value: Any, context: dict[str, Any] | None = None) -> Any:
        try:
            return super().render(value, context=context)
        except Exception:
            # Cleaning leaves only what Wagtail can expand; should expanding still
            # fail, this paragraph is left out rather than the whole page.
            logger.exception("Left out a paragraph that failed to render")
            return SafeString()

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        try:
            return super().get_api_representation(value, context=context)
        except Exception:
            # None: ConditionStreamBlock leaves the block out, as the page does.
            logger.exception("Left out a paragraph the API failed to serialise")
            return None

    class Meta:
        icon = "pilcrow"
        description = _("Rich text: short paragraphs, lists and links.")
        template = "wagtail_physio/blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = format_lazy(
            "<p>{}</p>",
            _(
                "Most people are walking the day after surgery and build up "
                "gradually from there."
            ),
        )
