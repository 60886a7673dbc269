"""System checks for condition pages: the index's page size (E010) and Django's
limit on form fields, which long pages exceed (W001)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

from ..core.checks import whole_number_error


@register(Tags.compatibility)
def check_listing_settings(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    error = whole_number_error("CONDITIONS_PER_PAGE", 1, "wagtail_physio.E010")
    return [] if error is None else [error]


#: Fields Django may receive in one form post for editors to save long pages: the
#: value ``wagtail start`` sets. A condition page posts about 20 fields a block
#: (a 100-block page about 2,000); Django's own default of 1,000 stops at ~40 blocks.
RECOMMENDED_MAX_NUMBER_FIELDS = 10_000


@register(Tags.compatibility)
def check_form_field_limit(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and limit < RECOMMENDED_MAX_NUMBER_FIELDS:
        return [
            Warning(
                f"DATA_UPLOAD_MAX_NUMBER_FIELDS is {limit}: saving a condition page "
                "of more than about 40 blocks will fail with 'TooManyFieldsSent'.",
                hint=f"Set DATA_UPLOAD_MAX_NUMBER_FIELDS = "
                f"{RECOMMENDED_MAX_NUMBER_FIELDS:_} (as `wagtail start` does) or None.",
                id="wagtail_physio.W001",
            )
        ]
    return []
