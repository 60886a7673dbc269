"""System checks for the map links and the clinic's structured data (E006, E012)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from ..core.conf import SETTINGS_NAME, physio_settings
from .structured_data import CLINIC_SCHEMA_TYPES


@register(Tags.compatibility)
def check_map_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
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
def check_structured_data_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
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
