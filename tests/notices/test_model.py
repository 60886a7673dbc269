"""NoticeBanner validation, states and versions."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import at, make_notice
from wagtail_physio.models import NoticeBanner

pytestmark = pytest.mark.django_db


def errors_of(banner):
    with pytest.raises(ValidationError) as caught:
        banner.full_clean()
    return caught.value.message_dict


def test_end_before_start_is_an_error_on_the_end_field():
    banner = NoticeBanner(
        message="<p>Closed for the holiday.</p>",
        starts_at=at(2025, 12, 24, 17),
        ends_at=at(2025, 12, 24, 9),
    )
    assert errors_of(banner) == {"ends_at": ["The end must be after the start."]}


@pytest.mark.parametrize("message", ["", "<p></p>", "<p> <br/> </p>"])
def test_empty_message_is_an_error(message):
    assert "message" in errors_of(NoticeBanner(message=message))


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "ftp://x"],
)
def test_message_links_other_than_web_mail_and_phone_are_refused(href):
    banner = NoticeBanner(message=f'<p>Read <a href="{href}">this</a>.</p>')
    [error] = errors_of(banner)["message"]
    assert "https://, http://, mailto: or tel:" in error
    assert href in error


def test_a_link_the_editor_already_stripped_is_still_reported():
    # Wagtail's editor stores an unsafe link as <a> with no address at all.
    [error] = errors_of(NoticeBanner(message="<p>Read <a>this</a>.</p>"))["message"]
    assert "https://, http://, mailto: or tel:" in error


@pytest.mark.parametrize(
    "href",
    [
        "https://booking.example/",
        "http://booking.example/",
        "tel:+441514960000",
        "mailto:desk@clinic.example",
    ],
)
def test_web_phone_and_email_links_are_accepted(href):
    NoticeBanner(
        message=f'<p>Please <a href="{href}">get in touch</a>.</p>'
    ).full_clean()


def test_link_call_to_action_needs_a_safe_url_and_a_label():
    errors = errors_of(
        NoticeBanner(message="<p>Hi</p>", cta_type="link", cta_url="javascript:x()")
    )
    assert errors["cta_url"] == [
        "Enter a link starting with http:, https:, tel:, mailto:."
    ]
    assert errors["cta_label"] == ["Enter the button text for the link."]
    assert errors_of(NoticeBanner(message="<p>Hi</p>", cta_type="link"))["cta_url"] == [
        "Enter the link for the call to action."
    ]


def test_phone_call_to_action_number_must_be_dialable():
    errors = errors_of(
        NoticeBanner(message="<p>Hi</p>", cta_type="phone", cta_phone="not a number")
    )
    assert errors == {"cta_phone": ["“not a number” is not a valid phone number."]}


def test_state_follows_switch_and_window():
    banner = NoticeBanner(
        message="<p>Hi</p>", starts_at=at(2025, 6, 1, 9), ends_at=at(2025, 6, 2, 9)
    )
    assert banner.get_state(at(2025, 6, 1, 8, 59)) == NoticeBanner.State.SCHEDULED
    assert banner.get_state(at(2025, 6, 1, 9)) == NoticeBanner.State.LIVE
    assert banner.get_state(at(2025, 6, 2, 9)) == NoticeBanner.State.EXPIRED
    banner.is_active = False
    assert banner.get_state(at(2025, 6, 1, 12)) == NoticeBanner.State.OFF


def test_queryset_states_match_instance_states():
    now = at(2025, 6, 1, 12)
    live = make_notice(starts_at=at(2025, 6, 1, 9))
    scheduled = make_notice(starts_at=at(2025, 6, 2, 9))
    expired = make_notice(ends_at=at(2025, 6, 1, 11))
    off = make_notice(is_active=False)
    assert list(NoticeBanner.objects.live(now)) == [live]
    assert list(NoticeBanner.objects.scheduled(now)) == [scheduled]
    assert list(NoticeBanner.objects.expired(now)) == [expired]
    assert list(NoticeBanner.objects.off()) == [off]
    for banner in (live, scheduled, expired, off):
        assert (
            banner.get_state(now)
            == {
                live: "live",
                scheduled: "scheduled",
                expired: "expired",
                off: "off",
            }[banner]
        )


def test_version_changes_with_what_readers_see_only():
    banner = make_notice(message="<p>Closed today.</p>")
    before = banner.version
    banner.is_active = False
    banner.save()
    assert banner.version == before
    banner.message = "<p>Closed today and tomorrow.</p>"
    banner.save()
    assert banner.version != before
    assert banner.version.startswith(f"{banner.pk}:")


def test_call_to_action_phone_falls_back_to_the_sites_number():
    banner = make_notice(cta_type="phone")
    assert banner.get_call_to_action("0151 496 0312") == {
        "url": "tel:+441514960312",
        "label": "",
        "phone": "0151 496 0312",
    }
    # No number anywhere: the button is left out rather than broken.
    assert banner.get_call_to_action("") is None


def test_unsafe_call_to_action_saved_from_code_is_left_out():
    banner = NoticeBanner(
        message="<p>Hi</p>",
        cta_type="link",
        cta_url="javascript:alert(1)",
        cta_label="Go",
    )
    banner.save()  # skips validation, as an import or shell session might
    assert banner.get_call_to_action() is None
