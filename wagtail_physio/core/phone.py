"""Phone number parsing and formatting, shared by blocks, locations and notices.

Everything goes through ``phonenumbers`` (libphonenumber): numbers are stored as the
editor typed them and shown in national format with an E.164 ``tel:`` link.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumbers import shortnumberinfo

from .conf import physio_settings


@dataclass(frozen=True)
class Phone:
    """A valid phone number, ready for templates."""

    display: str  # national format for readers, e.g. "0151 496 0000"
    e164: str  # for tel: links, e.g. "+441514960000"

    @property
    def tel_url(self) -> str:
        return f"tel:{self.e164}"

    def __str__(self) -> str:
        return self.display


def parse_phone(value: object, region: str | None = None) -> Phone | None:
    """Return a ``Phone`` for a valid number, or None for blank or invalid input."""
    if not value:
        return None
    try:
        number = phonenumbers.parse(
            str(value), region or physio_settings.PHONE_DEFAULT_REGION
        )
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    region_of_number = phonenumbers.region_code_for_number(number)
    home_region = region or physio_settings.PHONE_DEFAULT_REGION
    number_format = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region_of_number == home_region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return Phone(
        display=phonenumbers.format_number(number, number_format),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    )


def parse_dialable(value: object, region: str | None = None) -> Phone | None:
    """A full number as ``parse_phone`` reads it, or a short number valid in the
    region (``999``, ``111``, ``112``) shown and dialled as it is; else None."""
    phone = parse_phone(value, region)
    if phone is not None or not value:
        return phone
    digits = str(value).strip()
    region = region or physio_settings.PHONE_DEFAULT_REGION
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not shortnumberinfo.is_valid_short_number_for_region(number, region):
        return None
    return Phone(display=digits, e164=digits)


def validate_phone(value: object) -> None:
    """Django validator: reject anything that is not a dialable phone number."""
    if value and parse_phone(value) is None:
        raise ValidationError(
            _("“%(value)s” is not a valid phone number."),
            code="invalid_phone",
            params={"value": value},
        )
