"""Special opening hours in the admin: the location form's rows and their checks,
the form adding them to several locations at once (and who may use it), and the
location chooser's town and status columns."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import at, make_admin_user, make_location, make_location_editor
from tests.test_locations_admin import location_post
from wagtail_physio.locations.models import SpecialOpeningHours
from wagtail_physio.models import ClinicLocation

pytestmark = pytest.mark.django_db

#: "Today" for every test here: Wednesday 4 December 2024, 10:00 in London.
TODAY = at(2024, 12, 4, 10, 0)
SPECIAL_HOURS_URL = reverse("wagtail_physio_cliniclocation_modeladmin_special_hours")
INDEX_URL = reverse("wagtail_physio_cliniclocation_modeladmin_index")


@pytest.fixture(autouse=True)
def today():
    with mock.patch("django.utils.timezone.now", return_value=TODAY):
        yield


def edit_url(location):
    return reverse("wagtail_physio_cliniclocation_modeladmin_edit", args=[location.pk])


def create_url():
    return reverse("wagtail_physio_cliniclocation_modeladmin_create")


def special(location, day, hours=None, note=""):
    return SpecialOpeningHours.objects.create(
        location=location,
        date=day,
        closed=hours is None,
        opens=datetime.time.fromisoformat(hours[0]) if hours else None,
        closes=datetime.time.fromisoformat(hours[1]) if hours else None,
        note=note,
    )


def stored(location):
    return [
        (
            str(row.date),
            row.closed,
            row.opens and row.opens.strftime("%H:%M"),
            row.closes and row.closes.strftime("%H:%M"),
            row.note,
        )
        for row in SpecialOpeningHours.objects.filter(location=location).order_by(
            "date"
        )
    ]


def special_rows(*rows, initial=0):
    """The special opening hours formset as the admin posts it: rows are dicts of
    date, opens, closes, closed ("on"), note and, for stored rows, id."""
    forms = []
    for row in rows:
        form = {"date": "", "opens": "", "closes": "", "note": "", **row}
        if not form.get("closed"):
            form.pop("closed", None)
        forms.append(form)
    return nested_form_data(
        {"special_opening_hours": inline_formset(forms, initial=initial)}
    )


def edit_post(location, *rows, initial=0, opened=None):
    """The edit form of ``location`` with its weekly hours as stored (none here)."""
    data = location_post(
        name=location.name,
        hours=[],
        town=location.town,
        postcode=location.postcode,
        address_line_1=location.address_line_1,
        phone=location.phone,
    )
    data.update(special_rows(*rows, initial=initial))
    if opened:
        data["physio_opened_state"] = opened
    return data


def opened_state(response):
    return re.search(
        r'name="physio_opened_state" value="([^"]+)"', response.content.decode()
    ).group(1)


@pytest.fixture
def editor(client):
    user = make_location_editor()
    client.force_login(user)
    return user


# -- The location form ----------------------------------------------------------------


def test_create_form_offers_special_opening_hours(client, editor):
    html = client.get(create_url()).content.decode()
    assert "Holiday and special opening hours" in html
    assert 'name="special_opening_hours-TOTAL_FORMS"' in html


def test_create_saves_special_opening_hours(client, editor):
    data = location_post()
    data.update(
        special_rows(
            {"date": "2024-12-25", "closed": "on", "note": "Christmas closure"},
            {"date": "2024-12-31", "opens": "09:00", "closes": "13:00"},
        )
    )
    response = client.post(create_url(), data)
    assert response.status_code == 302
    location = ClinicLocation.objects.get()
    assert stored(location) == [
        ("2024-12-25", True, None, None, "Christmas closure"),
        ("2024-12-31", False, "09:00", "13:00", ""),
    ]


@pytest.mark.parametrize(
    ("rows", "row_with_error", "message"),
    [
        (
            [
                {"date": "2024-12-25", "closed": "on"},
                {"date": "2024-12-25", "closed": "on"},
            ],
            1,
            "25 Dec 2024 has special opening hours in another row already.",
        ),
        (
            [
                {
                    "date": "2024-12-25",
                    "closed": "on",
                    "opens": "10:00",
                    "closes": "12:00",
                }
            ],
            0,
            "A date marked closed cannot have opening times",
        ),
        ([{"date": "2024-12-25"}], 0, "Enter the opening time, or tick"),
        (
            [{"date": "2024-12-25", "opens": "14:00", "closes": "10:00"}],
            0,
            "The closing time must be after the opening time.",
        ),
        (
            [{"date": "2024-12-03", "closed": "on"}],
            0,
            "This date has passed",
        ),
        ([{"date": "25/12/2024x", "closed": "on"}], 0, "Enter a valid date."),
    ],
)
def test_bad_special_dates_are_errors_on_their_row_and_nothing_is_saved(
    client, editor, rows, row_with_error, message
):
    data = location_post()
    data.update(special_rows(*rows))
    response = client.post(create_url(), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["special_opening_hours"]
    errors = " ".join(
        str(error)
        for errors in formset.forms[row_with_error].errors.values()
        for error in errors
    )
    assert message in errors
    assert message.split(",")[0] in response.content.decode().replace("&#x27;", "'")
    assert not ClinicLocation.objects.exists()


def test_past_dates_are_left_out_of_the_form_and_kept(client, editor):
    location = make_location(hours=[])
    past = special(location, datetime.date(2024, 12, 2), note="Staff training")
    christmas = special(location, datetime.date(2024, 12, 25), note="Christmas")
    response = client.get(edit_url(location))
    formset = response.context["form"].formsets["special_opening_hours"]
    assert [form.instance for form in formset.forms] == [christmas]
    assert "Staff training" not in response.content.decode()

    response = client.post(
        edit_url(location),
        edit_post(
            location,
            {"id": christmas.pk, "date": "2024-12-25", "closed": "on", "note": "Xmas"},
            {"date": "2024-12-24", "opens": "09:00", "closes": "12:00"},
            initial=1,
        ),
    )
    assert response.status_code == 302
    assert stored(location) == [
        ("2024-12-02", True, None, None, "Staff training"),
        ("2024-12-24", False, "09:00", "12:00", ""),
        ("2024-12-25", True, None, None, "Xmas"),
    ]
    assert SpecialOpeningHours.objects.filter(pk=past.pk).exists()


def test_deleting_a_special_date(client, editor):
    location = make_location(hours=[])
    christmas = special(location, datetime.date(2024, 12, 25))
    response = client.post(
        edit_url(location),
        edit_post(
            location,
            {"id": christmas.pk, "date": "2024-12-25", "closed": "on", "DELETE": "1"},
            initial=1,
        ),
    )
    assert response.status_code == 302
    assert stored(location) == []


def test_two_rows_can_swap_dates_in_one_save(client, editor):
    """Saved one row at a time, the first would meet the second's date: the form
    stores moved rows afresh after deleting the old ones."""
    location = make_location(hours=[])
    eve = special(location, datetime.date(2024, 12, 24), ("09:00", "12:00"), "Eve")
    day = special(location, datetime.date(2024, 12, 25), note="Christmas Day")
    response = client.post(
        edit_url(location),
        edit_post(
            location,
            {"id": eve.pk, "date": "2024-12-25", "opens": "09:00", "closes": "12:00"},
            {"id": day.pk, "date": "2024-12-24", "closed": "on", "note": "Moved"},
            initial=2,
        ),
    )
    assert response.status_code == 302
    assert stored(location) == [
        ("2024-12-24", True, None, None, "Moved"),
        ("2024-12-25", False, "09:00", "12:00", ""),
    ]


def test_a_row_moved_onto_a_deleted_rows_date(client, editor):
    location = make_location(hours=[])
    eve = special(location, datetime.date(2024, 12, 24), note="Eve")
    day = special(location, datetime.date(2024, 12, 25), note="Christmas Day")
    response = client.post(
        edit_url(location),
        edit_post(
            location,
            {"id": eve.pk, "date": "2024-12-25", "closed": "on", "note": "Eve"},
            {"id": day.pk, "date": "2024-12-25", "closed": "on", "DELETE": "1"},
            initial=2,
        ),
    )
    assert response.status_code == 302
    assert stored(location) == [("2024-12-25", True, None, None, "Eve")]


def test_a_form_opened_before_special_hours_existed_keeps_them(client, editor):
    """A post without the special hours formset (an edit form opened before the
    upgrade) saves the rest and leaves the special dates alone."""
    location = make_location(hours=[])
    special(location, datetime.date(2024, 12, 25), note="Christmas closure")
    data = edit_post(location)
    data = {k: v for k, v in data.items() if not k.startswith("special_opening_hours")}
    data["phone"] = "0151 496 0777"
    response = client.post(edit_url(location), data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.phone == "0151 496 0777"
    assert stored(location) == [("2024-12-25", True, None, None, "Christmas closure")]


def test_a_form_opened_before_a_closure_for_many_locations_is_refused(client, editor):
    """Saving it would delete the rows added since: the editor is told instead."""
    location = make_location(hours=[])
    opened = opened_state(client.get(edit_url(location)))
    response = client.post(
        SPECIAL_HOURS_URL,
        bulk_post([location], first_date="2024-12-25", note="Christmas closure"),
    )
    assert response.status_code == 302
    response = client.post(edit_url(location), edit_post(location, opened=opened))
    assert response.status_code == 200
    assert "changed: Special opening hours" in response.content.decode()
    assert stored(location) == [("2024-12-25", True, None, None, "Christmas closure")]


# -- Several locations at once ----------------------------------------------------------


def bulk_post(chosen, **fields):
    data = {
        "locations": [str(location.pk) for location in chosen],
        "first_date": "2024-12-25",
        "last_date": "",
        "closed": "on",
        "opens": "",
        "closes": "",
        "note": "",
        **fields,
    }
    return {key: value for key, value in data.items() if value is not None}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_listing_links_to_the_form_for_those_who_may_change_locations(
    client, editor
):
    assert SPECIAL_HOURS_URL in client.get(INDEX_URL).content.decode()
    viewer = make_admin_user("viewer", "wagtail_physio.view_cliniclocation")
    client.force_login(viewer)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    assert SPECIAL_HOURS_URL not in response.content.decode()


def test_the_form_ticks_every_active_location(client, editor):
    active = make_location("Quayside clinic")
    inactive = make_location("Closed down", is_active=False)
    response = client.get(SPECIAL_HOURS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'value="{active.pk}"[^>]*checked', html)
    assert not re.search(rf'value="{inactive.pk}"[^>]*checked', html)
    assert "Quayside clinic, Riverton" in html
    assert "Closed down, Riverton (inactive)" in html


def test_a_closure_is_added_to_every_location_ticked_for_every_date(client, editor):
    quayside, millbrook = make_location(), make_location("Millbrook clinic")
    untouched = make_location("Hillside clinic")
    response = client.post(
        SPECIAL_HOURS_URL,
        bulk_post(
            [quayside, millbrook],
            first_date="2024-12-24",
            last_date="2024-12-26",
            note="Christmas closure",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == INDEX_URL
    for location in (quayside, millbrook):
        assert stored(location) == [
            (f"2024-12-{day}", True, None, None, "Christmas closure")
            for day in (24, 25, 26)
        ]
    assert stored(untouched) == []
    assert messages_of(response) == [
        "Special opening hours saved for 2 locations, 24 Dec 2024 to 26 Dec 2024."
    ]
    # The location pages show it as one run of dates.
    quayside = ClinicLocation.objects.with_hours().get(pk=quayside.pk)
    (run,) = quayside.special_hours_table()
    assert (run.first, run.last, run.closed) == (
        datetime.date(2024, 12, 24),
        datetime.date(2024, 12, 26),
        True,
    )


def test_shorter_hours_on_one_date(client, editor):
    location = make_location()
    response = client.post(
        SPECIAL_HOURS_URL,
        bulk_post(
            [location],
            first_date="2024-12-31",
            closed="",
            opens="09:00",
            closes="13:00",
            note="New Year's Eve",
        ),
    )
    assert response.status_code == 302
    assert stored(location) == [
        ("2024-12-31", False, "09:00", "13:00", "New Year's Eve")
    ]


def test_dates_with_special_hours_already_are_kept_unless_replacing(client, editor):
    quayside, millbrook = make_location(), make_location("Millbrook clinic")
    special(quayside, datetime.date(2024, 12, 25), ("10:00", "12:00"), "Carols")
    response = client.post(
        SPECIAL_HOURS_URL,
        bulk_post([quayside, millbrook], note="Christmas closure"),
    )
    assert response.status_code == 302
    assert stored(quayside) == [("2024-12-25", False, "10:00", "12:00", "Carols")]
    assert stored(millbrook) == [("2024-12-25", True, None, None, "Christmas closure")]
    assert messages_of(response) == [
        "Special opening hours saved for 1 location, 25 Dec 2024.",
        "Kept as they were, with special opening hours set already: Quayside "
        "clinic, 25 Dec 2024. Tick “Replace” to change them too.",
    ]
    response = client.post(
        SPECIAL_HOURS_URL,
        bulk_post([quayside], note="Christmas closure", replace="on"),
    )
    assert stored(quayside) == [("2024-12-25", True, None, None, "Christmas closure")]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"first_date": "2024-12-03"}, "first_date", "This date has passed"),
        (
            {"first_date": "2024-12-26", "last_date": "2024-12-24"},
            "last_date",
            "on or after the first",
        ),
        (
            {"first_date": "2024-12-05", "last_date": "2025-02-05"},
            "last_date",
            "at most 62 days",
        ),
        ({"opens": "10:00", "closes": "12:00"}, "closed", "cannot have opening times"),
        ({"closed": ""}, "opens", "Enter the opening time"),
        (
            {"closed": "", "opens": "12:00", "closes": "10:00"},
            "closes",
            "must be after the opening time",
        ),
        ({"locations": []}, "locations", "This field is required."),
        ({"first_date": ""}, "first_date", "This field is required."),
    ],
)
def test_bad_input_to_the_many_locations_form_adds_nothing(
    client, editor, fields, field, message
):
    location = make_location()
    response = client.post(SPECIAL_HOURS_URL, bulk_post([location], **fields))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not SpecialOpeningHours.objects.exists()


@pytest.mark.parametrize(
    "permissions",
    [
        (),
        ("wagtail_physio.view_cliniclocation",),
        ("wagtail_physio.add_cliniclocation", "wagtail_physio.view_cliniclocation"),
    ],
)
def test_only_those_who_may_change_locations_may_add_special_hours(client, permissions):
    location = make_location()
    client.force_login(make_admin_user("someone", *permissions))
    for response in (
        client.get(SPECIAL_HOURS_URL),
        client.post(SPECIAL_HOURS_URL, bulk_post([location], note="Hacked")),
    ):
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
        else:
            assert response.status_code == 403
    assert not SpecialOpeningHours.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    location = make_location()
    response = client.post(SPECIAL_HOURS_URL, bulk_post([location]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not SpecialOpeningHours.objects.exists()


def test_a_change_permission_alone_is_enough(client):
    location = make_location()
    client.force_login(
        make_admin_user("changer", "wagtail_physio.change_cliniclocation")
    )
    response = client.post(SPECIAL_HOURS_URL, bulk_post([location]))
    assert response.status_code == 302
    assert len(stored(location)) == 1


def test_the_change_is_in_each_locations_history(client, editor):
    from wagtail.models import ModelLogEntry

    location = make_location()
    client.post(SPECIAL_HOURS_URL, bulk_post([location]))
    entry = ModelLogEntry.objects.for_instance(location).get()
    assert (entry.action, entry.user) == ("wagtail.edit", editor)


# -- The location chooser ----------------------------------------------------------


def chooser_rows(client, **params):
    response = client.get(reverse("wagtail_physio_location_chooser:choose"), params)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.json()["html"], "html.parser")
    headers = [" ".join(th.get_text().split()) for th in soup.find("thead")("th")]
    rows = [
        [" ".join(td.get_text().split()) for td in tr("td")]
        for tr in soup.find("tbody")("tr")
    ]
    return headers, rows


def test_chooser_shows_town_and_status_beside_each_name(client, editor):
    make_location("Quayside clinic", town="Riverton")  # Mon–Fri 9–5: open now
    make_location("Weekend clinic", town="Ashby", hours=[(5, "09:00", "12:00")])
    special(
        make_location("Millbrook clinic", town="Millbrook"),
        datetime.date(2024, 12, 4),
        note="Staff training",
    )
    make_location("Old clinic", town="Oldtown", is_active=False)
    headers, rows = chooser_rows(client)
    assert headers[1:] == ["Town or city", "Status"]
    assert sorted(rows) == [
        ["Millbrook clinic", "Millbrook", "Closed today"],
        ["Old clinic", "Oldtown", "Inactive"],
        ["Quayside clinic", "Riverton", "Open now"],
        ["Weekend clinic", "Ashby", "Closed now"],
    ]


@pytest.mark.parametrize("search", [{}, {"q": "Clinic"}])
def test_chooser_costs_the_same_however_many_locations(
    client, editor, search, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    special(make_location("Clinic 0"), datetime.date(2024, 12, 25))
    chooser_rows(client, **search)  # Wagtail's per-user lookups, cached from here on
    with CaptureQueriesContext(connection) as one:
        chooser_rows(client, **search)
    for i in range(1, 10):
        special(make_location(f"Clinic {i}"), datetime.date(2024, 12, 25))
    with django_assert_num_queries(len(one)):
        _headers, rows = chooser_rows(client, **search)
    assert len(rows) == 10


def test_a_date_that_passes_while_the_form_is_open_is_saved_as_it_was(client, editor):
    """Opened in the evening, saved after midnight: the row for the day that has
    just ended is not new, so it is neither refused as past nor stored twice."""
    location = make_location(hours=[])
    eve = special(location, datetime.date(2024, 12, 10), ("09:00", "12:00"), "Eve")
    with mock.patch("django.utils.timezone.now", return_value=at(2024, 12, 10, 22)):
        opened = opened_state(client.get(edit_url(location)))
    with mock.patch("django.utils.timezone.now", return_value=at(2024, 12, 11, 0, 30)):
        response = client.post(
            edit_url(location),
            edit_post(
                location,
                {
                    "id": eve.pk,
                    "date": "2024-12-10",
                    "opens": "09:00",
                    "closes": "12:00",
                    "note": "Eve",
                },
                {"date": "2024-12-12", "closed": "on"},
                initial=1,
                opened=opened,
            ),
        )
    assert response.status_code == 302
    assert stored(location) == [
        ("2024-12-10", False, "09:00", "12:00", "Eve"),
        ("2024-12-12", True, None, None, ""),
    ]
