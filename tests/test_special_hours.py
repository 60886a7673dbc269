"""Special (holiday) opening hours: which date they apply on, "open now", the hours
table, the JSON-LD and the API, and what they cost in queries.

Times are frozen with ``timezone.now`` patched: the site's time zone is
Europe/London (GMT in winter, so 10:00 UTC is 10:00 there in December).
"""

import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template import Context, Template

from tests.factories import (
    at,
    make_location,
    make_locations_page,
    site_request,
)
from wagtail_physio.locations.api import location_data
from wagtail_physio.locations.models import SpecialOpeningHours
from wagtail_physio.locations.structured_data import location_node
from wagtail_physio.models import ClinicLocation, ConditionPage

pytestmark = pytest.mark.django_db

# Monday to Friday, 9 to 5 (make_location's default hours).
CHRISTMAS = datetime.date(2024, 12, 25)  # a Wednesday
BOXING_DAY = datetime.date(2024, 12, 26)  # a Thursday
BANK_HOLIDAY = datetime.date(2024, 8, 26)  # a Monday


def special(location, day, hours=None, note=""):
    """Give ``location`` special hours on ``day``: closed, or ("10:00", "14:00")."""
    row = SpecialOpeningHours(
        location=location,
        date=day,
        closed=hours is None,
        opens=datetime.time.fromisoformat(hours[0]) if hours else None,
        closes=datetime.time.fromisoformat(hours[1]) if hours else None,
        note=note,
    )
    row.full_clean()
    row.save()
    return row


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def status_line(html):
    soup = BeautifulSoup(html, "html.parser")
    return " ".join(soup.find(class_="physio-location__status").get_text().split())


def render_location(location, moment):
    """The location include as a page shows it, at ``moment``."""
    template = Template(
        '{% include "wagtail_physio/includes/location.html" with location=location %}'
    )
    with frozen(moment):
        fresh = ClinicLocation.objects.with_hours().get(pk=location.pk)
        return template.render(Context({"location": fresh}))


def special_rows(html):
    """{date text: hours text} of the special hours table (None when absent)."""
    table = BeautifulSoup(html, "html.parser").find(class_="physio-hours--special")
    if table is None:
        return None
    return {
        " ".join(tr.th.get_text().split()): " ".join(tr.td.get_text().split())
        for tr in table.tbody.find_all("tr")
    }


# -- Validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"closed": True, "opens": "10:00"}, "closed", "cannot have opening times"),
        ({"closed": False}, "opens", "Enter the opening time"),
        ({"opens": "10:00"}, "closes", "Enter the closing time"),
        (
            {"opens": "14:00", "closes": "10:00"},
            "closes",
            "must be after the opening time",
        ),
    ],
)
def test_a_special_date_is_closed_or_has_times(fields, field, message):
    location = make_location()
    row = SpecialOpeningHours(
        location=location,
        date=CHRISTMAS,
        closed=fields.get("closed", False),
        opens=fields.get("opens"),
        closes=fields.get("closes"),
    )
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert message in " ".join(excinfo.value.message_dict[field])


def test_one_special_date_per_location_and_date():
    location, other = make_location(), make_location("Hillside clinic")
    special(location, CHRISTMAS)
    special(other, CHRISTMAS)  # another location may
    with pytest.raises(ValidationError) as excinfo:
        special(location, CHRISTMAS, ("10:00", "12:00"))
    assert "special opening hours on that date already" in str(excinfo.value)


def test_the_database_refuses_a_date_both_closed_and_open():
    from django.db import IntegrityError, transaction

    location = make_location()
    with pytest.raises(IntegrityError), transaction.atomic():
        SpecialOpeningHours.objects.create(
            location=location,
            date=CHRISTMAS,
            closed=True,
            opens=datetime.time(10),
            closes=datetime.time(12),
        )


# -- "Open now" ---------------------------------------------------------------------


def test_a_closure_today_overrides_the_weekly_hours():
    location = make_location()
    special(location, CHRISTMAS, note="Christmas closure")
    # Christmas Eve (Tuesday) 10:00: the weekly hours apply.
    status = location.opening_status(now=at(2024, 12, 24, 10, 0))
    assert status.is_open and not status.special_today
    # Christmas Day (Wednesday) 10:00: a weekday, but closed all day.
    status = location.opening_status(now=at(2024, 12, 25, 10, 0))
    assert not status.is_open
    assert status.closed_today and status.special_today
    assert status.note == "Christmas closure"
    assert (status.next_day, status.next_opens) == ("Thursday", datetime.time(9))
    assert status.next_date == BOXING_DAY
    assert not status.shows_next_date
    # Boxing Day: the weekly hours again.
    assert location.is_open(now=at(2024, 12, 26, 10, 0))


def test_other_hours_today_replace_the_weekly_ones():
    location = make_location()
    special(location, BANK_HOLIDAY, ("10:00", "14:00"), note="Bank holiday")
    before = location.opening_status(now=at(2024, 8, 26, 8, 30))  # 09:30 BST
    assert not before.is_open
    assert before.opens_today and before.next_opens == datetime.time(10)
    assert before.special_today and not before.closed_today
    during = location.opening_status(now=at(2024, 8, 26, 12, 30))  # 13:30 BST
    assert during.is_open and during.closes == datetime.time(14)
    assert during.note == "Bank holiday"
    after = location.opening_status(now=at(2024, 8, 26, 13, 30))  # 14:30 BST
    assert not after.is_open
    assert (after.next_day, after.next_opens) == ("Tuesday", datetime.time(9))


def test_special_hours_can_open_a_day_the_clinic_is_usually_closed():
    location = make_location()  # closed at weekends
    special(location, datetime.date(2024, 12, 21), ("10:00", "13:00"), "Flu clinic")
    assert location.is_open(now=at(2024, 12, 21, 11, 0))  # Saturday
    friday_evening = location.opening_status(now=at(2024, 12, 20, 18, 0))
    assert (friday_evening.next_day, friday_evening.next_opens) == (
        "Saturday",
        datetime.time(10),
    )


def test_the_next_opening_skips_a_long_closure_and_gives_its_date():
    location = make_location()
    for offset in range(9):  # Tuesday 24 December to Wednesday 1 January
        special(location, datetime.date(2024, 12, 24) + datetime.timedelta(offset))
    status = location.opening_status(now=at(2024, 12, 23, 18, 0))  # Monday evening
    assert status.next_date == datetime.date(2025, 1, 2)
    assert (status.next_day, status.next_opens) == ("Thursday", datetime.time(9))
    assert status.shows_next_date  # "Thursday" alone would mean the 26th
    html = render_location(location, at(2024, 12, 23, 18, 0))
    assert status_line(html) == "Closed now – opens Thursday 2 January at 9 a.m."


def test_special_dates_are_read_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Australia/Sydney"
    location = make_location()
    special(location, CHRISTMAS, note="Christmas closure")
    # 22:00 UTC on Christmas Eve is 09:00 on Christmas Day in Sydney (AEDT).
    status = location.opening_status(now=at(2024, 12, 24, 22, 0))
    assert status.closed_today
    # 22:00 UTC on Christmas Day is Boxing Day morning there: open again.
    assert location.is_open(now=at(2024, 12, 25, 22, 0))


def test_a_special_date_applies_on_that_date_only():
    location = make_location()
    special(location, datetime.date(2024, 12, 11), note="Staff training")  # Wednesday
    assert not location.is_open(now=at(2024, 12, 11, 10, 0))
    # The weekday before and the same weekday a week later keep the weekly hours.
    assert location.is_open(now=at(2024, 12, 10, 10, 0))
    assert location.is_open(now=at(2024, 12, 18, 10, 0))


# -- The location as a page shows it ---------------------------------------------------


def test_status_line_says_closed_today_with_the_note():
    location = make_location()
    special(location, CHRISTMAS, note="Christmas closure")
    html = render_location(location, at(2024, 12, 25, 10, 0))
    assert status_line(html) == (
        "Closed today: Christmas closure – opens Thursday at 9 a.m."
    )


def test_status_line_notes_special_hours_while_open():
    location = make_location()
    special(location, BANK_HOLIDAY, ("10:00", "14:00"), note="Bank holiday")
    html = render_location(location, at(2024, 8, 26, 10, 0))  # 11:00 BST
    assert status_line(html) == "Open now – closes at 2 p.m. (Bank holiday)"
    special(location, BANK_HOLIDAY + datetime.timedelta(days=1), ("12:00", "16:00"))
    html = render_location(location, at(2024, 8, 27, 11, 30))  # 12:30 BST
    assert status_line(html) == (
        "Open now – closes at 4 p.m. (special opening hours today)"
    )


def test_hours_table_lists_the_next_30_days_of_special_hours_under_the_weekly_one():
    location = make_location()
    special(location, datetime.date(2024, 12, 2), note="Staff training")  # past
    special(location, CHRISTMAS, note="Christmas closure")
    special(location, BOXING_DAY, note="Christmas closure")
    special(location, datetime.date(2024, 12, 31), ("09:00", "13:00"), "New Year's Eve")
    special(location, datetime.date(2025, 1, 3), note="Stocktaking")  # day 31
    html = render_location(location, at(2024, 12, 4, 10, 0))
    assert special_rows(html) == {
        "Wednesday 25 December to Thursday 26 December": "Closed – Christmas closure",
        "Tuesday 31 December": "9 a.m. to 1 p.m. – New Year's Eve",
    }
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.find_all("table")
    assert [table.caption.get_text() for table in tables] == [
        "Opening hours, Quayside clinic",
        "Holiday and special opening hours, Quayside clinic",
    ]
    dates = tables[1].tbody.tr.th.find_all("time")
    assert [time["datetime"] for time in dates] == ["2024-12-25", "2024-12-26"]
    # The weekly table is unchanged: Wednesday is still 9 to 5 every other week.
    weekly = {tr.th.get_text(): tr.td.get_text() for tr in tables[0].tbody("tr")}
    assert " ".join(weekly["Wednesday"].split()) == "9 a.m. to 5 p.m."
    # A day later the 3 January is within 30 days; once Christmas has passed it
    # is no longer listed.
    html = render_location(location, at(2024, 12, 5, 10, 0))
    assert "Friday 3 January" in special_rows(html)
    html = render_location(location, at(2024, 12, 27, 10, 0))
    assert list(special_rows(html)) == ["Tuesday 31 December", "Friday 3 January"]


def test_hours_table_shows_a_closure_under_way_from_today():
    location = make_location()
    for day in (24, 25, 26):
        special(location, datetime.date(2024, 12, day), note="Christmas closure")
    html = render_location(location, at(2024, 12, 25, 10, 0))
    assert special_rows(html) == {
        "Wednesday 25 December to Thursday 26 December": "Closed – Christmas closure"
    }


def test_no_special_hours_table_without_upcoming_special_hours():
    location = make_location()
    special(location, datetime.date(2024, 12, 2), note="Staff training")
    special(location, datetime.date(2025, 3, 3), note="Far ahead")
    html = render_location(location, at(2024, 12, 4, 10, 0))
    assert special_rows(html) is None
    assert html.count("<table") == 1


# -- JSON-LD --------------------------------------------------------------------------


def specifications(location, moment):
    with frozen(moment):
        fresh = ClinicLocation.objects.with_hours().get(pk=location.pk)
        return location_node(fresh, None, None).get("specialOpeningHoursSpecification")


def test_json_ld_lists_upcoming_special_hours_as_schema_org_expects():
    location = make_location()
    special(location, datetime.date(2024, 12, 2), note="Staff training")
    for day in (CHRISTMAS, BOXING_DAY):
        special(location, day, note="Christmas closure")
    special(location, datetime.date(2024, 12, 31), ("09:00", "13:00"))
    assert specifications(location, at(2024, 12, 4, 10, 0)) == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2024-12-25",
            "validThrough": "2024-12-26",
            # schema.org: closed all day is opening and closing at midnight.
            "opens": "00:00",
            "closes": "00:00",
            "description": "Christmas closure",
        },
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2024-12-31",
            "validThrough": "2024-12-31",
            "opens": "09:00",
            "closes": "13:00",
        },
    ]
    # On Boxing Day only what is left is described; after New Year's Eve, nothing.
    assert specifications(location, at(2024, 12, 26, 10, 0))[0]["validFrom"] == (
        "2024-12-26"
    )
    assert specifications(location, at(2025, 1, 1, 10, 0)) is None


def test_json_ld_of_a_page_carries_the_special_hours(client, clinic, condition_index):
    import extruct

    location = make_location()
    special(location, CHRISTMAS, note="Christmas closure")
    page = make_locations_page(condition_index, [location])
    with frozen(at(2024, 12, 20, 10, 0)):
        html = client.get(page.url).content.decode()
    documents = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    nodes = [node for doc in documents for node in doc.get("@graph", [doc])]
    (clinic_location,) = [
        node for node in nodes if node.get("name") == "Quayside clinic"
    ]
    assert clinic_location["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2024-12-25",
            "validThrough": "2024-12-25",
            "opens": "00:00",
            "closes": "00:00",
            "description": "Christmas closure",
        }
    ]
    assert len(clinic_location["openingHoursSpecification"]) == 5
    with frozen(at(2024, 12, 27, 10, 0)):
        html = client.get(page.url).content.decode()
    assert "specialOpeningHoursSpecification" not in html


# -- API ----------------------------------------------------------------------------


def test_api_lists_special_hours_from_today_and_open_now_honours_them():
    location = make_location()
    special(location, datetime.date(2024, 12, 2), note="Staff training")
    special(location, CHRISTMAS, note="Christmas closure")
    special(location, datetime.date(2024, 12, 31), ("09:00", "13:00"), "New Year's Eve")
    with frozen(at(2024, 12, 25, 10, 0)):
        fresh = ClinicLocation.objects.with_hours().get(pk=location.pk)
        data = location_data(fresh)
    assert data["special_opening_hours"] == [
        {
            "date": "2024-12-25",
            "closed": True,
            "opens": None,
            "closes": None,
            "note": "Christmas closure",
        },
        {
            "date": "2024-12-31",
            "closed": False,
            "opens": "09:00",
            "closes": "13:00",
            "note": "New Year's Eve",
        },
    ]
    assert data["open_now"] is False  # a Wednesday, 10:00: closed for Christmas
    with frozen(at(2024, 12, 24, 10, 0)):
        fresh = ClinicLocation.objects.with_hours().get(pk=location.pk)
        assert location_data(fresh)["open_now"] is True


def test_api_of_a_page_shows_special_hours(client, condition_index):
    location = make_location()
    special(location, CHRISTMAS, note="Christmas closure")
    page = make_locations_page(condition_index, [location])
    with frozen(at(2024, 12, 25, 10, 0)):
        response = client.get(f"/api/v2/pages/{page.pk}/")
    (block,) = [b["value"] for b in response.json()["body"]]
    (data,) = block["locations"]
    assert data["special_opening_hours"][0]["note"] == "Christmas closure"
    assert data["open_now"] is False


# -- Loading ------------------------------------------------------------------------


def test_with_hours_loads_special_hours_from_today_only(django_assert_num_queries):
    location = make_location()
    special(location, datetime.date(2024, 12, 2), note="Staff training")
    special(location, CHRISTMAS, note="Christmas closure")
    with frozen(at(2024, 12, 20, 10, 0)), django_assert_num_queries(3):
        (fresh,) = ClinicLocation.objects.with_hours().filter(pk=location.pk)
        rows = fresh.special_opening_hours_from()
        fresh.opening_status()
        fresh.special_hours_table()
    assert [row.date for row in rows] == [CHRISTMAS]
    # Loaded another way, every row is there.
    assert ClinicLocation.objects.get(pk=location.pk).special_opening_hours.count() == 2


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("show", ["chosen", "all"])
def test_special_hours_add_one_query_however_many_locations(
    show, count, site, condition_index, django_assert_num_queries
):
    locations = [make_location(f"Clinic {i}") for i in range(count)]
    for location in locations:
        special(location, CHRISTMAS, note="Christmas closure")
        special(location, BOXING_DAY, ("10:00", "14:00"))
    page = make_locations_page(condition_index, locations if show == "chosen" else None)
    page = ConditionPage.objects.get(pk=page.pk)
    request = site_request(site)
    # The locations, their weekly hours, their special hours.
    with frozen(at(2024, 12, 20, 10, 0)), django_assert_num_queries(3):
        html = "".join(
            child.render(context={"request": request}) for child in page.body
        )
    assert html.count("physio-hours--special") == count
    assert html.count("Christmas closure") == count


def test_contact_panel_and_blocks_share_the_special_hours(
    site, clinic, django_assert_num_queries
):
    for i in range(5):
        special(make_location(f"Clinic {i}"), CHRISTMAS, note="Christmas closure")
    request = site_request(site)
    template = Template("{% load physio_tags %}{% physio_contact %}")
    with frozen(at(2024, 12, 20, 10, 0)):
        # Contact settings, locations, weekly hours, special hours.
        with django_assert_num_queries(4):
            template.render(Context({"request": request}))
        with django_assert_num_queries(0):
            for location in ClinicLocation.for_request(request):
                location.opening_status()
                location.special_hours_table()


# -- The demo clinic ----------------------------------------------------------------


def test_the_demo_clinic_has_a_christmas_closure_and_shorter_bank_holiday_hours():
    from home.demo_content import load_demo_locations

    with frozen(at(2026, 12, 1, 10, 0)):
        quayside, millbrook = load_demo_locations()
        quayside = ClinicLocation.objects.with_hours().get(pk=quayside.pk)
        rows = [
            (str(row.date), row.closed, row.opens, row.note)
            for row in quayside.special_opening_hours_from()
        ]
        html = render_location(quayside, at(2026, 12, 1, 10, 0))
    assert rows == [
        ("2026-12-25", True, None, "Christmas closure"),
        ("2026-12-26", True, None, "Christmas closure"),
        # The next bank holiday from 1 December: the first Monday of May.
        ("2027-05-03", False, datetime.time(10), "Bank holiday: shorter hours"),
    ]
    assert special_rows(html) == {
        "Friday 25 December to Saturday 26 December": "Closed – Christmas closure"
    }
    assert not millbrook.special_opening_hours.exists()
