"""Clinic locations in Wagtail's API v2: plain JSON from locations loaded with their hours."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from ..core.api import phone_data
from .hours import special_hours_of

if TYPE_CHECKING:
    from .models import ClinicLocation, SpecialOpeningHours


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _coordinate(value: Decimal | None) -> float | None:
    # Decimals would reach JSON as strings; a map library wants numbers.
    return float(value) if value is not None else None


def _special_date(row: SpecialOpeningHours) -> dict[str, Any]:
    hours = special_hours_of(row)
    return {
        "date": row.date.isoformat(),
        "closed": hours is None,
        "opens": _time(hours[0]) if hours else None,
        "closes": _time(hours[1]) if hours else None,
        "note": row.note,
    }


def location_data(
    location: ClinicLocation, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """A clinic location with its address, contact details and opening hours.

    ``opening_hours`` lists each weekly opening period (two on a day with a lunch
    break); a day without periods is closed. ``special_opening_hours`` lists the
    dates from today on whose hours replace the weekly ones: closed all day, or
    open from ``opens`` to ``closes``. ``open_now`` is worked out at ``now`` in the
    site's time zone, special dates included.
    """
    now = now or timezone.now()
    return {
        "id": location.pk,
        "name": location.name,
        "host_building": location.host_building,
        "address_line_1": location.address_line_1,
        "address_line_2": location.address_line_2,
        "town": location.town,
        "postcode": location.postcode,
        "country": location.country,
        "address_lines": location.address_lines,
        "phone": phone_data(location.phone_number),
        "email": location.email,
        "latitude": _coordinate(location.latitude),
        "longitude": _coordinate(location.longitude),
        "map_url": location.map_link,
        "visitor_notes": location.visitor_notes,
        "opening_hours": [
            {
                "weekday": weekday,
                "day": str(day),
                "opens": _time(opens),
                "closes": _time(closes),
            }
            for weekday, day, periods in location.opening_days()
            for opens, closes in periods
        ],
        "special_opening_hours": [
            _special_date(row) for row in location.special_opening_hours_from(now)
        ],
        "open_now": location.is_open(now),
    }
