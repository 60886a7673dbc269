"""System checks for the core ``WAGTAIL_PHYSIO`` settings (ids ``wagtail_physio.E0xx``).

Each feature checks its own settings in its ``checks`` module; the ids are listed,
with their messages, in docs/settings.md.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .conf import DEFAULTS, SETTINGS_NAME, physio_settings
from .structured_data import STRUCTURED_DATA_SCOPES

#: Settings that switch a part of the package's pages on or off.
SWITCHES = (
    "INCLUDE_STYLESHEET",
    "SHOW_BREADCRUMBS",
    "SHOW_SHARE_LINKS",
    "SHOW_BACK_TO_TOP",
)


@register(Tags.compatibility)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
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
    for name in SWITCHES:
        if not isinstance(getattr(physio_settings, name), bool):
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['{name}'] must be True or False.",
                    id="wagtail_physio.E017",
                )
            )
    for name in ("STRUCTURED_DATA_PAGE_NODES", "STRUCTURED_DATA_PUBLISHER"):
        value = getattr(physio_settings, name)
        if value not in STRUCTURED_DATA_SCOPES:
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['{name}'] is {value!r}, which is not one of "
                    f"{', '.join(repr(scope) for scope in STRUCTURED_DATA_SCOPES)}.",
                    hint="'all' pages, 'package_pages' only, or 'none'.",
                    id="wagtail_physio.E018",
                )
            )
    errors.extend(check_render_cache_settings())
    if not settings.USE_TZ:
        errors.append(
            Error(
                "wagtail-physio needs USE_TZ = True: opening hours and notice "
                "schedules are worked out in the site's time zone.",
                hint="Set USE_TZ = True in your Django settings.",
                id="wagtail_physio.E013",
            )
        )
    return errors


def whole_number_error(name: str, minimum: int, check_id: str) -> Error | None:
    """An Error when setting ``name`` is not a whole number of ``minimum`` or more."""
    value = getattr(physio_settings, name)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        return Error(
            f"{SETTINGS_NAME}['{name}'] must be a whole number of {minimum} or more.",
            id=check_id,
        )
    return None


def check_render_cache_settings() -> list[CheckMessage]:
    """The ``RENDER_CACHE*`` settings (docs/caching.md)."""
    errors: list[CheckMessage] = []
    for name in ("RENDER_CACHE", "RENDER_CACHE_PROCESS_LOCAL"):
        if not isinstance(getattr(physio_settings, name), bool):
            errors.append(
                Error(
                    f"{SETTINGS_NAME}['{name}'] must be True or False.",
                    id="wagtail_physio.E030",
                )
            )
    alias = physio_settings.RENDER_CACHE_ALIAS
    if alias not in settings.CACHES:
        errors.append(
            Error(
                f"{SETTINGS_NAME}['RENDER_CACHE_ALIAS'] is {alias!r}, which is not "
                "an alias in CACHES.",
                hint="Name a cache every process serving the site shares, e.g. 'default'.",
                id="wagtail_physio.E031",
            )
        )
    timeout = physio_settings.RENDER_CACHE_TIMEOUT
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1
    ):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['RENDER_CACHE_TIMEOUT'] must be a whole number of "
                "seconds of 1 or more, or None to keep renderings until evicted.",
                id="wagtail_physio.E032",
            )
        )
    search_timeout = physio_settings.RENDER_CACHE_SEARCH_TIMEOUT
    if (
        isinstance(search_timeout, bool)
        or not isinstance(search_timeout, int)
        or search_timeout < 0
    ):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['RENDER_CACHE_SEARCH_TIMEOUT'] must be a whole "
                "number of seconds, or 0 to never cache searches.",
                id="wagtail_physio.E034",
            )
        )
    if not isinstance(physio_settings.RENDER_CACHE_VERSION, str):
        errors.append(
            Error(
                f"{SETTINGS_NAME}['RENDER_CACHE_VERSION'] must be a string, e.g. the "
                "release's commit.",
                id="wagtail_physio.E033",
            )
        )
    return errors
