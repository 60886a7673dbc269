"""The notices JSON endpoint of client mode, under ``include("wagtail_physio.urls")``."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from ..core.conf import physio_settings
from .banners import LiveNotices, live_notices_for_request


@require_GET
def notice_banners(request: HttpRequest) -> JsonResponse:
    """The current site's live notice banners as JSON, for client mode.

    Each banner carries its HTML rendered by the same template as server mode,
    with the message already whitelisted, so the script only inserts it. A banner
    that cannot be rendered is left out (and logged), not a 500.
    """
    now = timezone.now()
    site = Site.find_for_request(request)
    notices = (
        live_notices_for_request(request, site, now) if site else LiveNotices([], None)
    )
    response = JsonResponse(
        {
            "banners": [
                {
                    "id": banner["id"],
                    "version": banner["version"],
                    "severity": banner["severity"],
                    "dismissible": banner["dismissible"],
                    "html": banner["html"],
                }
                for banner in notices.banners
            ]
        }
    )
    # A shared cache may keep this for max-age, but never past the next start
    # or end, so scheduled notices appear and disappear on time without a purge.
    max_age = physio_settings.NOTICE_BANNER_MAX_AGE
    until_boundary = notices.seconds_valid(now)
    if until_boundary is not None:
        max_age = min(max_age, until_boundary)
    patch_cache_control(response, public=True, max_age=max_age)
    return response
