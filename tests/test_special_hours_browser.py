"""Special opening hours in Chromium: a location page on a holiday (light and dark,
every text at AA contrast), copying a day's hours in the admin (and the form
without JavaScript), and the opening hours rows fitting the form.

Screenshots go to test-artifacts/ (see tests/factories/browser.py).
"""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.browser.test_hostile_host_browser import (
    CONTRAST_SCRIPT,
    THEMES,
    failures,
    visit,
)
from tests.factories import make_condition_index, make_location, make_locations_page
from tests.factories.browser import (
    ARTIFACTS,
    save_screenshot,
    serve_default_site_from,
)
from tests.live_requests import finish_live_requests
from wagtail_physio.locations.models import SpecialOpeningHours
from wagtail_physio.models import ClinicContactSettings, OpeningHours

# Wednesday 25 December 2024, 10:00 in London.
CHRISTMAS_MORNING = datetime.datetime(2024, 12, 25, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def live_site(live_server, transactional_db):
    yield serve_default_site_from(live_server)
    finish_live_requests()  # before the flush (tests/live_requests.py)


@pytest.fixture
def admin_tab(live_site, browser, django_user_model):
    """A tab logged in to the admin as a superuser."""
    django_user_model.objects.create_superuser("boss", "", "pw")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(live_site.url + "/admin/login/")
    tab.fill("#id_username", "boss")
    tab.fill("#id_password", "pw")
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")
    yield tab
    context.close()


def shoot(element, name):
    ARTIFACTS.mkdir(exist_ok=True)
    element.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def edit_url(live_site, location):
    return live_site.url + reverse(
        "wagtail_physio_cliniclocation_modeladmin_edit", args=[location.pk]
    )


def stored_hours(location):
    return sorted(
        (row.weekday, row.opens.strftime("%H:%M"), row.closes.strftime("%H:%M"))
        for row in OpeningHours.objects.filter(location=location, closed=False)
    )


def test_a_holiday_shows_on_the_location_in_light_and_dark(live_site, page, settings):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    site = Site.objects.get(is_default_site=True)
    ClinicContactSettings.objects.create(site=site, main_phone="0151 496 0312")
    location = make_location("Quayside clinic")
    for day in (25, 26):
        SpecialOpeningHours.objects.create(
            location=location,
            date=datetime.date(2024, 12, day),
            closed=True,
            note="Christmas closure",
        )
    SpecialOpeningHours.objects.create(
        location=location,
        date=datetime.date(2024, 12, 31),
        opens=datetime.time(9),
        closes=datetime.time(13),
        note="New Year's Eve: shorter hours",
    )
    condition = make_locations_page(make_condition_index(site.root_page), [location])
    url = live_site.url + condition.url

    with mock.patch("django.utils.timezone.now", return_value=CHRISTMAS_MORNING):
        page.goto(url)
        card = page.locator("article.physio-location")
        status = card.locator(".physio-location__status")
        assert " ".join(status.inner_text().split()) == (
            "Closed today: Christmas closure – opens Friday at 9 a.m."
        )
        special = card.get_by_role(
            "table", name="Holiday and special opening hours, Quayside clinic"
        )
        assert special.is_visible()
        rows = special.locator("tbody tr")
        assert rows.count() == 2
        first = rows.nth(0)
        assert " ".join(first.inner_text().split()) == (
            "Wednesday 25 December to Thursday 26 December Closed – Christmas closure"
        )
        # The note sits on a line of its own, under the hours.
        note = first.locator(".physio-hours__note").bounding_box()
        hours_line = first.locator("td").bounding_box()
        assert note["y"] > hours_line["y"] + 5
        shoot(card, "special-hours-location")

        for theme in THEMES:
            visit(page, url, theme)
            measured = page.evaluate(
                CONTRAST_SCRIPT, ".physio-location, .physio-contact"
            )
            notes = [item for item in measured if "Christmas" in item["text"]]
            assert notes, theme[0]
            assert failures(measured) == [], theme[0]
            shoot(card, f"special-hours-location-{theme[0]}")


def test_copy_a_days_hours_to_other_days(live_site, admin_tab):
    location = make_location(
        hours=[(0, "08:00", "12:00"), (0, "13:00", "18:00"), (1, "09:00", "17:00")]
    )
    tab = admin_tab
    tab.goto(edit_url(live_site, location))
    copy = tab.get_by_role("group", name="Copy a day’s hours to other days")
    copy.get_by_label("From").select_option(label="Monday")
    targets = copy.get_by_role("group", name="To")
    targets.get_by_label("Tuesday").check()
    targets.get_by_label("Wednesday").check()
    copy.get_by_role("button", name="Copy hours").click()
    assert " ".join(copy.get_by_role("status").inner_text().split()) == (
        "Copied the hours of Monday to Tuesday and Wednesday, replacing their rows. "
        "Save the location to keep the change."
    )
    # Focus stays on the controls, not in the last row added.
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Copy hours"
    save_screenshot(tab, "special-hours-admin-copied")
    tab.get_by_role("button", name="Save").first.click()
    tab.wait_for_url("**/cliniclocation/")
    assert stored_hours(location) == [
        (day, opens, closes)
        for day in (0, 1, 2)
        for opens, closes in (("08:00", "12:00"), ("13:00", "18:00"))
    ]


def test_copying_a_day_without_hours_closes_the_other_days(live_site, admin_tab):
    location = make_location(hours=[(0, "09:00", "17:00"), (1, "09:00", "17:00")])
    tab = admin_tab
    tab.goto(edit_url(live_site, location))
    copy = tab.get_by_role("group", name="Copy a day’s hours to other days")
    copy.get_by_role("button", name="Copy hours").click()
    assert "Tick at least one day" in copy.get_by_role("status").inner_text()
    copy.get_by_label("From").select_option(label="Sunday")
    copy.get_by_role("group", name="To").get_by_label("Tuesday").check()
    copy.get_by_role("button", name="Copy hours").click()
    assert "Sunday has no opening hours" in copy.get_by_role("status").inner_text()
    tab.get_by_role("button", name="Save").first.click()
    tab.wait_for_url("**/cliniclocation/")
    assert stored_hours(location) == [(0, "09:00", "17:00")]


def test_opening_hours_rows_fit_the_form(live_site, admin_tab):
    location = make_location()
    SpecialOpeningHours.objects.create(
        location=location, date=datetime.date(2099, 12, 25), closed=True
    )
    tab = admin_tab
    tab.goto(edit_url(live_site, location))
    for prefix in ("opening_hours", "special_opening_hours"):
        child = tab.locator(f"#inline_child_{prefix}-0")
        content = child.locator(".w-panel__content").bounding_box()
        row = child.locator(".w-field-row").bounding_box()
        closed = child.get_by_label("Closed all day").bounding_box()
        # The "closed all day" checkbox sits inside the form, beside the times,
        # and a row is as tall as its fields (it was ~300 px, the column's help
        # text wrapping a word a line).
        assert closed["x"] + closed["width"] <= content["x"] + content["width"]
        assert row["height"] < 130, prefix
        label = child.locator("label", has_text="Closed all day").bounding_box()
        assert label["height"] < 30, "the label wraps"
    tab.locator("#inline_child_opening_hours-0").scroll_into_view_if_needed()
    save_screenshot(tab, "special-hours-admin-rows")


def test_without_javascript_the_hours_are_entered_by_hand(
    live_site, browser, django_user_model
):
    django_user_model.objects.create_superuser("boss", "", "pw")
    location = make_location()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto(live_site.url + "/admin/login/")
    tab.fill("#id_username", "boss")
    tab.fill("#id_password", "pw")
    tab.click("button[type=submit]")
    tab.goto(edit_url(live_site, location))
    assert tab.locator("[data-physio-copy-hours]").count() == 1
    assert tab.get_by_role("button", name="Copy hours").count() == 0
    assert tab.locator("#id_opening_hours-0-weekday").is_visible()
    context.close()
