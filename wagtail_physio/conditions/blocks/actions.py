"""Calls to action: ring the clinic or book online."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ...core.api import phone_data
from ...core.blocks import PREVIEW_TEMPLATE, HeadedStructBlock
from ...core.links import safe_web_url, validate_web_url
from ...core.phone import Phone, parse_phone, validate_phone
from ...locations.contact import ClinicContactSettings

logger = logging.getLogger("wagtail_physio")


def clinic_phone(context: dict[str, Any] | None) -> Phone | None:
    """The site's main clinic number, or None."""
    contact = ClinicContactSettings.for_context(context)
    return contact.phone if contact is not None else None


def booking_url(value: Any, context: dict[str, Any] | None) -> str | None:
    """The block's booking link, else the clinic's; only ever an http(s) address.

    Checked again here: a link saved from code or an import never went through the
    form's validation.
    """
    url = safe_web_url(value.get("booking_url"))
    if url:
        return url
    if value.get("booking_url"):
        logger.warning(
            "Left out a call to action's booking link that is not a web address: %r",
            value.get("booking_url"),
        )
    contact = ClinicContactSettings.for_context(context)
    return safe_web_url(contact.booking_url) if contact is not None else None


class CallToActionBlock(HeadedStructBlock):
    """A highlighted box asking the reader to call or book."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("e.g. “Book an appointment”."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        required=False,
        rows=3,
        help_text=_("Optional. A sentence or two inviting the reader to get in touch."),
    )
    phone = blocks.CharBlock(
        label=_("Phone number"),
        required=False,
        max_length=32,
        validators=[validate_phone],
        help_text=_(
            "Optional. Leave blank to show the clinic's main number from Settings › "
            "Clinic contact details."
        ),
    )
    booking_url = blocks.URLBlock(
        label=_("Booking link"),
        required=False,
        validators=[validate_web_url],
        help_text=_(
            "Optional. Online booking address starting with https://. Leave blank to "
            "use the clinic's booking link from Settings › Clinic contact details."
        ),
    )
    button_label = blocks.CharBlock(
        label=_("Button label"),
        required=False,
        max_length=60,
        help_text=_("Optional. Text of the booking button; “Book online” if blank."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Call to action")
        description = _("Invite readers to phone the clinic or book online.")
        template = "wagtail_physio/blocks/call_to_action_block.html"
        preview_template = PREVIEW_TEMPLATE
        label_format = "{heading}"
        form_classname = "struct-block physio-cta-block"
        preview_value = {
            "heading": _("Book an appointment"),
            "text": _("Our team can usually see you within a week."),
            "phone": "0151 496 0000",
            "booking_url": "https://example.com/book",
            "button_label": "",
        }

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["phone"] = parse_phone(value.get("phone")) or clinic_phone(context)
        context["booking_url"] = booking_url(value, context)
        context["button_label"] = value.get("button_label") or _("Book online")
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        data = super().get_api_representation(value, context=context)
        # What the reader sees: the clinic's number when the block has none, and
        # the default button label (the clinic number needs the request's site).
        phone = parse_phone(value.get("phone")) or clinic_phone(context)
        data["phone"] = phone_data(phone)
        data["booking_url"] = booking_url(value, context)
        data["button_label"] = str(value.get("button_label") or _("Book online"))
        return data
