import datetime
from decimal import Decimal

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError

from tests.factories import at, make_location
from wagtail_physio.models import ClinicLocation, OpeningHours

pytestmark = pytest.mark.django_db

VALID_FIELDS = {
    "name": "Quayside clinic",
    "address_line_1": "12 Chandlers Row",
    "town": "Riverton",
    "postcode": "RV1 4QT",
    "phone": "0151 496 0313",
}


def errors_for(**overrides):
    location = ClinicLocation(**{**VALID_FIELDS, **overrides})
    with pytest.raises(ValidationError) as excinfo:
        location.full_clean()
    return excinfo.value.message_dict


# -- Bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "0151 496"}, "phone", "is not a valid phone number"),
        ({"postcode": ""}, "postcode", "This field cannot be blank."),
        (
            {"latitude": Decimal("91"), "longitude": Decimal("0")},
            "latitude",
            "less than or equal to 90",
        ),
        (
            {"latitude": Decimal("0"), "longitude": Decimal("-180.5")},
            "longitude",
            "greater than or equal to -180",
        ),
        (
            {"latitude": Decimal("53.4")},
            "longitude",
            "Enter both latitude and longitude",
        ),
        (
            {"map_url": "javascript:alert(1)"},
            "map_url",
            "Enter a link starting with http:, https:",
        ),
        (
            {"map_url": "ftp://maps.example/quayside"},
            "map_url",
            "Enter a link starting with http:, https:",
        ),
        ({"country": "gb"}, "country", "two-letter country code"),
    ],
)
def test_bad_location_input_is_a_field_error(overrides, field, message):
    errors = errors_for(**overrides)
    assert field in errors
    assert message in " ".join(errors[field])
    assert not ClinicLocation.objects.exists()


def test_a_valid_location_passes_validation_and_defaults_its_country(settings):
    settings.WAGTAIL_PHYSIO = {"DEFAULT_COUNTRY": "IE"}
    location = ClinicLocation(**{**VALID_FIELDS, "phone": "+44 151 496 0313"})
    location.full_clean()
    assert location.country == "IE"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"opens": "17:00", "closes": "09:00"}, "closes", "must be after the opening"),
        ({"opens": "09:00", "closes": "09:00"}, "closes", "must be after the opening"),
        ({"opens": None, "closes": "17:00"}, "opens", "Enter the opening time"),
        ({"opens": "09:00", "closes": None}, "closes", "Enter the closing time"),
        (
            {"opens": "09:00", "closes": "12:00", "closed": True},
            "closed",
            "cannot have opening times",
        ),
    ],
)
def test_bad_opening_hours_are_field_errors(row, field, message):
    location = make_location(hours=[])
    hours = OpeningHours(
        location=location,
        weekday=0,
        opens=datetime.time.fromisoformat(row["opens"]) if row["opens"] else None,
        closes=datetime.time.fromisoformat(row["closes"]) if row["closes"] else None,
        closed=row.get("closed", False),
    )
    with pytest.raises(ValidationError) as excinfo:
        hours.full_clean()
    assert message in " ".join(excinfo.value.message_dict[field])


# -- Address and map link ----------------------------------------------------


def test_address_lines_leave_out_blanks_and_the_home_country():
    location = make_location(address_line_2="")
    assert location.address_lines == ["12 Chandlers Row", "Riverton", "RV1 4QT"]
    location.country = "IE"
    assert location.address_lines[-1] == "IE"


def test_map_link_prefers_the_editors_link():
    location = make_location(map_url="https://maps.example/quayside")
    assert location.map_link == "https://maps.example/quayside"


def test_map_link_points_at_the_coordinates_on_openstreetmap():
    location = make_location(
        latitude=Decimal("53.401200"), longitude=Decimal("-2.987650")
    )
    assert location.map_link == (
        "https://www.openstreetmap.org/?mlat=53.4012&mlon=-2.98765#map=17/53.4012/-2.98765"
    )


def test_map_link_searches_the_address_without_coordinates():
    location = make_location(address_line_2="Harbour Quarter")
    assert location.map_link == (
        "https://www.openstreetmap.org/search?query="
        "12+Chandlers+Row%2C+Harbour+Quarter%2C+Riverton%2C+RV1+4QT%2C+GB"
    )


def test_map_provider_setting_switches_the_link(settings):
    settings.WAGTAIL_PHYSIO = {"MAP_PROVIDER": "google"}
    location = make_location(latitude=Decimal("53.4"), longitude=Decimal("-2.9"))
    assert location.map_link == (
        "https://www.google.com/maps/search/?api=1&query=53.4%2C-2.9"
    )
    assert "key=" not in location.map_link


def test_unknown_map_provider_fails_a_system_check(settings):
    settings.WAGTAIL_PHYSIO = {"MAP_PROVIDER": "atlas"}
    ids = [error.id for error in run_checks()]
    assert "wagtail_physio.E006" in ids
    settings.WAGTAIL_PHYSIO = {}
    assert "wagtail_physio.E006" not in [error.id for error in run_checks()]


# -- Opening hours and "open now" ------------------------------------------------


def test_opening_days_list_every_day_with_split_hours_in_time_order():
    location = make_location(
        hours=[(0, "14:00", "18:00"), (0, "08:00", "12:30"), (2, None, None)]
    )
    days = location.opening_days()
    assert [name for _n, name, _p in days][0] == "Monday"
    assert len(days) == 7
    assert days[0][2] == [
        (datetime.time(8), datetime.time(12, 30)),
        (datetime.time(14), datetime.time(18)),
    ]
    assert days[2][2] == []  # marked closed
    assert days[6][2] == []  # no rows at all


def test_open_now_around_closing_time_in_london_summer_time(settings):
    settings.TIME_ZONE = "Europe/London"
    location = make_location(hours=[(0, "09:00", "17:00")])
    # Monday 1 July 2024: 15:59 UTC is 16:59 BST, a minute before closing.
    assert location.is_open(now=at(2024, 7, 1, 15, 59))
    status = location.opening_status(now=at(2024, 7, 1, 15, 59))
    assert status.closes == datetime.time(17)
    # 16:00 UTC is 17:00 BST: closed, although a UTC clock still says 4 p.m.
    assert not location.is_open(now=at(2024, 7, 1, 16, 0))
    # 08:30 UTC is 09:30 BST: open.
    assert location.is_open(now=at(2024, 7, 1, 8, 30))
    # 08:00 UTC is 09:00 BST, opening time itself.
    assert location.is_open(now=at(2024, 7, 1, 8, 0))
    assert not location.is_open(now=at(2024, 7, 1, 7, 59))


def test_open_now_around_closing_time_in_sydney(settings):
    settings.TIME_ZONE = "Australia/Sydney"
    location = make_location(hours=[(0, "09:00", "17:00"), (1, "09:00", "17:00")])
    # Monday 1 July 2024 in Sydney (AEST, UTC+10): 06:59 UTC is 16:59 there.
    assert location.is_open(now=at(2024, 7, 1, 6, 59))
    status = location.opening_status(now=at(2024, 7, 1, 7, 0))
    assert not status.is_open
    assert (status.next_day, status.next_opens) == ("Tuesday", datetime.time(9))
    # Sunday 30 June 23:30 UTC is already Monday 09:30 in Sydney.
    assert location.is_open(now=at(2024, 6, 30, 23, 30))


def test_closed_over_lunch_opens_again_today(settings):
    settings.TIME_ZONE = "Europe/London"
    location = make_location(hours=[(0, "08:00", "12:00"), (0, "13:00", "18:00")])
    status = location.opening_status(now=at(2024, 1, 1, 12, 15))  # GMT = UTC
    assert not status.is_open
    assert status.opens_today
    assert status.next_opens == datetime.time(13)


def test_after_friday_closing_the_next_opening_is_monday(settings):
    settings.TIME_ZONE = "Europe/London"
    location = make_location()  # Monday to Friday, 9 to 5
    status = location.opening_status(now=at(2024, 1, 5, 18, 0))  # Friday evening
    assert (status.next_day, status.next_opens) == ("Monday", datetime.time(9))
    assert not status.opens_today


def test_a_location_without_hours_is_never_open():
    location = make_location(hours=[])
    status = location.opening_status(now=at(2024, 1, 1, 10, 0))
    assert not status.is_open
    assert status.next_opens is None


def test_active_and_site_filters(site, second_site):
    everywhere = make_location("Everywhere")
    here = make_location("Here only", site=site)
    make_location("Elsewhere only", site=second_site)
    make_location("Closed down", is_active=False)
    assert list(ClinicLocation.objects.active().for_site(site)) == [everywhere, here]
    assert list(ClinicLocation.objects.active().for_site(None)) == [everywhere]
