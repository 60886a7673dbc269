"""What readers get: banners on every page type, per site, on schedule, escaped."""

from datetime import timedelta

import pytest
from django.test import override_settings

from tests.factories import (
    at,
    banner_form,
    make_condition_index,
    make_condition_page,
    make_notice,
    notice_admin_url,
    notice_texts,
    notices_in,
)
from wagtail_physio.models import ClinicContactSettings

pytestmark = pytest.mark.django_db


def test_banner_shows_on_project_and_package_pages(client, clinic_home):
    index = make_condition_index(clinic_home)
    condition = make_condition_page(index, title="Sciatica")
    make_notice(message="<p>Online booking is unavailable today.</p>")

    for url in ("/", index.url, condition.url):
        response = client.get(url)
        assert response.status_code == 200
        assert notice_texts(response) == [
            "Notice: Online booking is unavailable today."
        ], url


def test_banners_come_first_after_the_skip_link(client, clinic_home):
    make_notice()
    html = client.get("/").content.decode()
    assert (
        html.index('class="physio-skip-link"')
        < html.index("data-physio-notices")
        < html.index("<header")
        < html.index('<main id="main-content"')
    )


def test_urgent_banners_come_first_with_a_screen_reader_prefix(client, clinic_home):
    make_notice(message="<p>New parking rules.</p>", severity="info")
    make_notice(message="<p>Lift out of order.</p>", severity="warning")
    make_notice(message="<p>Phone lines only.</p>", severity="urgent")

    notices = notices_in(client.get("/"))
    assert [n["aria-label"] for n in notices] == [
        "Urgent notice",
        "Important notice",
        "Notice",
    ]
    assert [n.select_one(".physio-visually-hidden").get_text() for n in notices] == [
        "Urgent notice: ",
        "Important notice: ",
        "Notice: ",
    ]
    assert "physio-notice--urgent" in notices[0]["class"]
    # A labelled landmark, not an alert announced again on every page.
    assert all(n.name == "section" and not n.get("role") for n in notices)


def test_switched_off_expired_and_future_banners_are_not_shown(
    client, clinic_home, frozen_now
):
    now = frozen_now(at(2025, 6, 1, 12))
    make_notice(message="<p>Off.</p>", is_active=False)
    make_notice(message="<p>Ended.</p>", ends_at=now - timedelta(minutes=1))
    make_notice(message="<p>Tomorrow.</p>", starts_at=now + timedelta(days=1))
    make_notice(message="<p>Today.</p>", starts_at=now - timedelta(hours=1))
    assert notice_texts(client.get("/")) == ["Notice: Today."]


def test_banner_appears_at_its_start_and_goes_at_its_end_by_itself(
    client, clinic_home, frozen_now
):
    frozen_now(at(2025, 12, 24, 16, 59, 59))
    make_notice(
        message="<p>Closed for the holiday.</p>",
        starts_at=at(2025, 12, 24, 17),
        ends_at=at(2025, 12, 27, 9),
    )
    assert notice_texts(client.get("/")) == []
    frozen_now(at(2025, 12, 24, 17))
    assert notice_texts(client.get("/")) == ["Notice: Closed for the holiday."]
    frozen_now(at(2025, 12, 27, 8, 59, 59))
    assert len(notice_texts(client.get("/"))) == 1
    frozen_now(at(2025, 12, 27, 9))
    assert notice_texts(client.get("/")) == []


def test_banner_only_shows_on_the_sites_it_names(client, clinic_home, second_site):
    make_notice(message="<p>Everywhere.</p>")
    make_notice(message="<p>Hillside only.</p>", sites=[second_site])

    assert notice_texts(client.get("/")) == ["Notice: Everywhere."]
    hillside = client.get("/", HTTP_HOST="hillside.example")
    assert sorted(notice_texts(hillside)) == [
        "Notice: Everywhere.",
        "Notice: Hillside only.",
    ]


def test_phone_call_to_action_uses_each_sites_main_number(
    client, clinic_home, clinic, second_site
):
    ClinicContactSettings.objects.create(site=second_site, main_phone="0151 496 0200")
    make_notice(cta_type="phone")

    button = notices_in(client.get("/"))[0].select_one(".physio-notice__button")
    assert (button["href"], button.get_text(strip=True)) == (
        "tel:+441514960100",
        "Call 0151 496 0100",
    )
    other = client.get("/", HTTP_HOST="hillside.example")
    assert notices_in(other)[0].select_one(".physio-notice__button")["href"] == (
        "tel:+441514960200"
    )


def test_own_number_and_link_call_to_action(client, clinic_home):
    make_notice(cta_type="phone", cta_phone="0151 496 0999", cta_label="Ring the desk")
    make_notice(
        cta_type="link", cta_url="mailto:desk@clinic.example", cta_label="Email us"
    )
    buttons = [
        (b["href"], b.get_text(strip=True))
        for b in (
            n.select_one(".physio-notice__button") for n in notices_in(client.get("/"))
        )
    ]
    assert sorted(buttons) == [
        ("mailto:desk@clinic.example", "Email us"),
        ("tel:+441514960999", "Ring the desk"),
    ]


def test_stored_scripts_handlers_and_javascript_links_never_reach_the_page(
    client, clinic_home
):
    banner = make_notice(message="<p>Safe text.</p>")
    # Saved from code, skipping validation, as an import or a shell might.
    banner.message = (
        '<p onclick="steal()">Call <b onmouseover="x()">now</b>'
        '<script>alert("xss")</script>'
        '<a href="javascript:alert(1)">click</a>'
        '<a href="tel:+441514960000" style="color:red">phone</a>'
        '<img src="x" onerror="alert(2)"></p>'
    )
    banner.save()

    html = client.get("/").content.decode()
    [notice] = notices_in(client.get("/"))
    message = notice.select_one(".physio-notice__message")
    assert "alert" not in html and "steal" not in html and "onerror" not in html
    assert message.find_all(["script", "img"]) == []
    assert all(
        not attr.startswith("on")
        for tag in message.find_all(True)
        for attr in tag.attrs
    )
    links = [(a.get("href"), a.get_text()) for a in message.find_all("a")]
    # The refused link keeps its words as plain text.
    assert links == [("tel:+441514960000", "phone")]
    assert "click" in message.get_text()
    assert message.find("b").get_text() == "now"


def test_plain_text_is_escaped(client, clinic_home):
    make_notice(message="<p>Fees &lt;script&gt; rise &amp; fall</p>")
    message = notices_in(client.get("/"))[0].select_one(".physio-notice__message")
    assert message.get_text() == "Fees <script> rise & fall"
    assert message.find("script") is None


def test_without_javascript_there_is_no_usable_dismiss_button(client, clinic_home):
    make_notice(message="<p>Dismissible.</p>", dismissible=True)
    make_notice(message="<p>Stays.</p>", dismissible=False)
    html = client.get("/").content.decode()
    notices = {
        n.select_one(".physio-notice__message").get_text(): n
        for n in notices_in(client.get("/"))
    }
    # The button starts hidden; the script shows it when it can remember a dismissal.
    assert notices["Dismissible."].select_one("button").has_attr("hidden")
    assert notices["Stays."].select_one("button") is None
    assert "notice-banners.js" in html


def test_no_script_when_nothing_can_be_dismissed(client, clinic_home):
    make_notice(dismissible=False)
    assert "notice-banners.js" not in client.get("/").content.decode()


def test_no_banners_no_markup(client, clinic_home):
    assert "data-physio-notices" not in client.get("/").content.decode()


@override_settings(TIME_ZONE="Europe/London")
def test_schedule_across_the_spring_clock_change_in_london(
    admin_client, clinic_home, frozen_now
):
    """Clocks go forward at 01:00 GMT on 30 March 2025: 03:00 BST is 02:00 UTC."""

    response = admin_client.post(
        notice_admin_url("create"),
        banner_form(
            "<p>Opening late after the clock change.</p>",
            severity="info",
            starts_at="2025-03-30 03:00",
            ends_at="2025-03-30 05:00",
        ),
    )
    assert response.status_code == 302
    frozen_now(at(2025, 3, 30, 1, 59, 59))
    assert notice_texts(admin_client.get("/")) == []
    frozen_now(at(2025, 3, 30, 2, 0))
    assert len(notice_texts(admin_client.get("/"))) == 1
    frozen_now(at(2025, 3, 30, 3, 59, 59))
    assert len(notice_texts(admin_client.get("/"))) == 1
    frozen_now(at(2025, 3, 30, 4, 0))  # 05:00 BST
    assert notice_texts(admin_client.get("/")) == []


@override_settings(TIME_ZONE="Europe/London")
def test_a_time_the_clock_change_skips_is_a_clear_field_error(admin_client, db):

    response = admin_client.post(
        notice_admin_url("create"), banner_form(starts_at="2025-03-30 01:30")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "may be ambiguous or it may not exist" in errors["starts_at"][0]


@override_settings(TIME_ZONE="Australia/Sydney")
def test_schedule_across_the_autumn_clock_change_in_sydney(
    admin_client, clinic_home, frozen_now
):
    """Sydney leaves daylight time at 03:00 AEDT on 6 April 2025 (16:00 UTC on
    the 5th). A notice ending at 09:00 AEST that day ends at 23:00 UTC, not 22:00."""

    admin_client.post(
        notice_admin_url("create"),
        banner_form(
            "<p>Weekend phone line only.</p>",
            starts_at="2025-04-05 09:00",  # AEDT, +11: 22:00 UTC on the 4th
            ends_at="2025-04-06 09:00",  # AEST, +10
        ),
    )
    frozen_now(at(2025, 4, 4, 21, 59))
    assert notice_texts(admin_client.get("/")) == []
    frozen_now(at(2025, 4, 4, 22, 0))
    assert len(notice_texts(admin_client.get("/"))) == 1
    frozen_now(at(2025, 4, 5, 22, 59))
    assert len(notice_texts(admin_client.get("/"))) == 1
    frozen_now(at(2025, 4, 5, 23, 0))
    assert notice_texts(admin_client.get("/")) == []
