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
    errors.extend(check_map_settings())
    errors.extend(check_structured_data_settings())
    if not settings.USE_TZ:
        errors.append(
            Error(
                "wagtail-physio needs USE_TZ = True: opening hours and notice "
                "schedules are worked out in the site's time zone.",
                hint="Set USE_TZ = True in your Django settings.",
                id="wagtail_physio.E013",
            )
        )
    errors.extend(check_notice_banner_settings())
    return errors


def check_notice_banner_settings():
    errors = []
    mode = physio_settings.NOTICE_BANNER_MODE
    if mode not in ("server", "client"):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['NOTICE_BANNER_MODE'] is {mode!r}; "
                "it must be 'server' or 'client'.",
                id="wagtail_physio.E007",
            )
        )
    for key in ("NOTICE_BANNER_MAX_AGE", "NOTICE_BANNER_CACHE_TIMEOUT"):
        value = getattr(physio_settings, key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['{key}'] must be a whole number of seconds, "
                    "0 or more.",
                    id="wagtail_physio.E008",
                )
            )
    if mode == "client":
        from .notice_banners import endpoint_url

        if endpoint_url() is None:
            errors.append(
                Error(
                    "NOTICE_BANNER_MODE is 'client' but the notice endpoint has no "
                    "URL, so pages fall back to server mode.",
                    hint='Add path("physio/", include("wagtail_physio.urls")) to '
                    "your URLconf.",
                    id="wagtail_physio.E009",
                )
            )
    return errors


def check_map_settings():
    """MAP_PROVIDER must name a MAP_URL_TEMPLATES entry of http(s) link templates."""
    templates = physio_settings.MAP_URL_TEMPLATES
    provider = physio_settings.MAP_PROVIDER
    entry = templates.get(provider) if isinstance(templates, dict) else None
    if not isinstance(entry, dict) or not all(
        isinstance(entry.get(key), str)
        and entry[key].lower().startswith(("https://", "http://"))
        for key in ("coordinates", "address")
    ):
        return [
            Error(
                f"{SETTINGS_NAME}['MAP_PROVIDER'] is {provider!r}, which has no "
                "'coordinates' and 'address' http(s) link templates in MAP_URL_TEMPLATES.",
                hint="Use 'openstreetmap', 'google' or 'apple', or add your own entry.",
                id="wagtail_physio.E006",
            )
        ]
    return []


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
                    id="wagtail_physio.E010",
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
                id="wagtail_physio.E011",
            )
        )
    return errors


def check_structured_data_settings():
    from .structured_data import CLINIC_SCHEMA_TYPES

    schema_type = physio_settings.CLINIC_SCHEMA_TYPE
    if schema_type not in CLINIC_SCHEMA_TYPES:
        return [
            Error(
                f"{SETTINGS_NAME}['CLINIC_SCHEMA_TYPE'] is {schema_type!r}, which is "
                "not a schema.org clinic type the package supports.",
                hint=f"Use one of: {', '.join(CLINIC_SCHEMA_TYPES)}.",
                id="wagtail_physio.E012",
            )
        ]
    return []
