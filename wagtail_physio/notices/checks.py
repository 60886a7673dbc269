"""System checks for the notice banner settings (E007–E009)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from ..core.conf import SETTINGS_NAME, physio_settings
from .banners import endpoint_url


@register(Tags.compatibility)
def check_notice_banner_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
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
    if mode == "client" and endpoint_url() is None:
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
