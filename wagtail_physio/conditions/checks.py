"""System checks for the conditions index settings (E010)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Tags, register

from ..core.checks import whole_number_error


@register(Tags.compatibility)
def check_listing_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    error = whole_number_error("CONDITIONS_PER_PAGE", 1, "wagtail_physio.E010")
    return [] if error is None else [error]
