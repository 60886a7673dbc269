"""Images: a chooser that loads renditions in bulk, and a captioned figure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

if TYPE_CHECKING:
    from django.http import HttpRequest

from ...core.api import image_data
from ...core.blocks import PREVIEW_TEMPLATE
from ...core.bulk_loading import BulkLoadedChooserMixin
from ...core.choosers import FormBulkLoadedChooserMixin
from ...core.images import (
    ADMIN_PREVIEW_SPEC,
    get_images_with_renditions,
    image_default_alt,
)


class ResponsiveImageChooserBlock(
    FormBulkLoadedChooserMixin, BulkLoadedChooserMixin, ImageChooserBlock
):
    """An image chooser whose images arrive with their responsive renditions.

    Wagtail converts every image of one block type on a page in a single
    ``bulk_to_python`` call; fetching the renditions there too makes a page with
    ten images cost the same two queries as a page with one. On a page view the
    hero image joins the same query (``core/bulk_loading.py``); saving or
    previewing the page in the admin loads the form's images in one query too
    (``core/choosers.py``).
    """

    def load_objects(self, ids: Iterable[Any]) -> dict[Any, Any]:
        # Outside a page view: the admin's form (whose image widget shows a
        # thumbnail of each image), previews and the API. The thumbnail comes in
        # the same query rather than one query per image.
        return get_images_with_renditions(ids, extra_specs=[ADMIN_PREVIEW_SPEC])

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Any]:
        return get_images_with_renditions(ids)

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, self.model_class):
            return value
        return get_images_with_renditions([value]).get(value)


class CaptionedImageBlock(blocks.StructBlock):
    """A photo or diagram shown as a figure with a caption."""

    image = ResponsiveImageChooserBlock(
        label=_("Image"),
        help_text=_("Landscape photos at least 1200 pixels wide look best."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        default=False,
        help_text=_(
            "Tick only if the image adds nothing a reader would miss; screen readers "
            "then skip it."
        ),
    )
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=255,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Leave blank "
            "to use the image's own description."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=255,
        help_text=_("Shown under the image, e.g. “Stretching at home, week six”."),
    )
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=255,
        help_text=_("Optional. Who took or owns the image, e.g. “Photo: A. Jones”."),
    )

    class Meta:
        icon = "image"
        label = _("Captioned image")
        description = _("An image with a caption and alt text for screen readers.")
        template = "wagtail_physio/blocks/captioned_image_block.html"
        preview_template = PREVIEW_TEMPLATE
        label_format = "{caption}"
        preview_value = {
            "image": None,
            "decorative": False,
            "alt_text": "",
            "caption": _("A morning stretch, six weeks after surgery."),
            "attribution": "",
        }

    def get_preview_value(self) -> Any:
        # A preview without an image shows nothing; borrow the newest library image.
        value = dict(self.meta.preview_value)
        value["image"] = get_image_model().objects.order_by("-created_at").first()
        value["decorative"] = True
        return self.normalize(value)

    def alt_for(self, value: Any) -> str:
        """The alt attribute for ``value``: "" if decorative, else the best description."""
        if value.get("decorative"):
            return ""
        return value.get("alt_text") or image_default_alt(value.get("image"))

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if (
            not self.is_deferred_validation
            and value.get("image") is not None
            and not value.get("decorative")
            and not self.alt_for(value)
        ):
            # Saving a draft may leave this for later, as with Wagtail's ImageBlock.
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Describe the image for screen reader users, or tick "
                            "“decorative only” if it adds nothing to the text."
                        ),
                        code="alt_text_required",
                    )
                }
            )
        return value

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["alt"] = self.alt_for(value)
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        """The image with its renditions, or None (dropped) when it cannot be shown.

        None in the same cases the page leaves the figure out: the image was
        deleted or its file is gone. ``ConditionStreamBlock`` drops such blocks.
        """
        image = image_data(value.get("image"))
        if image is None:
            return None
        return {
            "image": image,
            "alt": self.alt_for(value),
            "decorative": bool(value.get("decorative")),
            "caption": value.get("caption") or "",
            "attribution": value.get("attribution") or "",
        }
