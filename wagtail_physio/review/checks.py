"""System checks for the clinical review settings (E010, E011)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from ..core.checks import whole_number_error
from ..core.conf import SETTINGS_NAME, physio_settings


@register(Tags.compatibility)
def check_review_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    interval_error = whole_number_error(
        "REVIEW_INTERVAL_MONTHS", 1, "wagtail_physio.E010"
    )
    if interval_error is not None:
        errors.append(interval_error)
    email = physio_settings.REVIEW_REMINDER_EMAIL
    addresses = [email] if isinstance(email, str) else email
    if email is not None and (
        not isinstance(addresses, list | tuple)
        or not addresses
        or not all(isinstance(a, str) and "@" in a for a in addresses)
    ):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['REVIEW_REMINDER_EMAIL'] must be None, an email "
                "address or a list of email addresses.",
                id="wagtail_physio.E011",
            )
        )
    return errors
