"""Clinic locations, saved as the admin would save them (validated first)."""

import datetime

from wagtail_physio.models import ClinicLocation, OpeningHours

WEEKDAY_HOURS = [(day, "09:00", "17:00") for day in range(5)]


def make_location(name="Quayside clinic", hours=WEEKDAY_HOURS, **fields):
    """A saved location; ``hours`` is a list of (weekday, opens, closes or None)."""
    fields.setdefault("address_line_1", "12 Chandlers Row")
    fields.setdefault("town", "Riverton")
    fields.setdefault("postcode", "RV1 4QT")
    fields.setdefault("phone", "0151 496 0313")
    location = ClinicLocation(name=name, **fields)
    location.opening_hours = [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens) if opens else None,
            closes=datetime.time.fromisoformat(closes) if closes else None,
            closed=opens is None,
        )
        for day, opens, closes in hours
    ]
    location.full_clean()
    location.save()
    return location
