"""System checks for the ``WAGTAIL_PHYSIO`` settings dict (ids ``wagtail_physio.E0xx``)."""

import phonenumbers
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .conf import DEFAULTS, SETTINGS_NAME, physio_settings


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    errors = []
    user_settings = getattr(settings, SETTINGS_NAME, {}) or {}
    if not isinstance(user_settings, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict.",
                hint="See the 'Settings' section of the wagtail-physio docs.",
                id="wagtail_physio.E001",
            )
        ]
    unknown = sorted(set(user_settings) - set(DEFAULTS))
    if unknown:
        errors.append(
            Error(
                f"{SETTINGS_NAME} has unknown keys: {', '.join(unknown)}.",
                hint=f"Valid keys are: {', '.join(sorted(DEFAULTS))}.",
                id="wagtail_physio.E002",
            )
        )
    region = physio_settings.PHONE_DEFAULT_REGION
    if region not in phonenumbers.SUPPORTED_REGIONS:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['PHONE_DEFAULT_REGION'] is {region!r}, "
                "which is not a region phone numbers can be read for.",
                hint="Use a two-letter ISO 3166-1 code such as 'GB' or 'IE'.",
                id="wagtail_physio.E003",
            )
        )
    try:
        get_template(physio_settings.BASE_TEMPLATE)
    except TemplateDoesNotExist:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['BASE_TEMPLATE'] names "
                f"{physio_settings.BASE_TEMPLATE!r}, which no template loader finds.",
                hint="Point it at a template that defines {% block content %}.",
                id="wagtail_physio.E004",
            )
        )
    widths = physio_settings.IMAGE_WIDTHS
    if not widths or not all(isinstance(w, int) and w > 0 for w in widths):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['IMAGE_WIDTHS'] must be a non-empty list of "
                "positive whole numbers.",
                id="wagtail_physio.E005",
            )
        )
    return errors


@register(Tags.compatibility)
def check_review_and_listing_settings(app_configs, **kwargs):
    """Settings of clinical review governance and the conditions index."""
    errors = []
    for name in ("REVIEW_INTERVAL_MONTHS", "CONDITIONS_PER_PAGE"):
        value = getattr(physio_settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['{name}'] must be a whole number of 1 or more.",
                    id="wagtail_physio.E006",
                )
            )
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
                id="wagtail_physio.E007",
            )
        )
    return errors
