"""Banners editors can trust: a preview before saving, a length limit, a warning
for banners that would stack, who may take a banner down, and the time zone."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.factories import (
    at,
    banner_form,
    make_admin_user,
    make_notice,
    notice_admin_url,
    notice_texts,
)
from wagtail_physio.models import NoticeBanner
from wagtail_physio.notices.models import NOTICE_MESSAGE_MAX_LENGTH, message_length

pytestmark = pytest.mark.django_db

ADD = "wagtail_physio.add_noticebanner"
CHANGE = "wagtail_physio.change_noticebanner"
DELETE = "wagtail_physio.delete_noticebanner"


def preview_url(banner=None):
    name = "wagtail_physio_noticebanner_modeladmin_preview"
    return reverse(name, args=[banner.pk]) if banner else reverse(name)


def preview(client, data, banner=None):
    response = client.post(preview_url(banner), data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def section(html):
    """The banner's <section> as markup, from a page or a preview document."""
    return str(BeautifulSoup(html, "html.parser").select_one("section.physio-notice"))


def notes_text(answer):
    return " ".join(BeautifulSoup(answer["notes"], "html.parser").get_text(" ").split())


def warnings_after(response):
    return [
        str(message)
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "warning"
    ]


def words(count):
    """A message of exactly ``count`` characters, as readers see it."""
    text = ("Online booking is down, please phone us. " * 20)[:count].rstrip()
    return text + "x" * (count - len(text))


# --- Preview ----------------------------------------------------------------------


def test_preview_shows_the_unsaved_form_as_the_site_will_and_saves_nothing(
    admin_client, clinic_home, clinic
):
    answer = preview(
        admin_client,
        banner_form(
            "<p>Closed <i>all</i> day on Friday.</p>",
            severity="warning",
            cta_type="phone",
        ),
    )
    document = BeautifulSoup(answer["document"], "html.parser")
    banner = document.select_one(".physio-notices > section.physio-notice--warning")
    assert banner is not None
    assert "Closed all day on Friday." in " ".join(banner.get_text(" ").split())
    # The site's main number, as on pages.
    assert banner.select_one("a.physio-notice__button")["href"] == "tel:+441514960100"
    stylesheets = [link["href"] for link in document.select("link[rel=stylesheet]")]
    assert "/static/wagtail_physio/css/physio.css" in stylesheets
    assert not document.select("script")
    assert answer["length"] == len("Closed all day on Friday.")
    assert answer["max_length"] == NOTICE_MESSAGE_MAX_LENGTH
    assert not NoticeBanner.objects.exists()
    assert notice_texts(admin_client.get("/")) == []


def test_preview_of_an_edit_is_exactly_what_the_page_will_show_once_saved(
    admin_client, clinic_home
):
    banner = make_notice(message="<p>Old words.</p>", severity="info")
    data = banner_form(
        '<p>Parking is <b>free</b> this week. <a href="https://clinic.example/park">Map</a></p>',
        severity="urgent",
        cta_type="link",
        cta_url="https://clinic.example/book",
        cta_label="Book online",
    )
    answer = preview(admin_client, data, banner)
    # Nothing changed yet, in the database or on the site.
    banner.refresh_from_db()
    assert banner.message == "<p>Old words.</p>"
    assert notice_texts(admin_client.get("/")) == ["Notice: Old words."]

    response = admin_client.post(notice_admin_url("edit", banner.pk), data)
    assert response.status_code == 302
    page = admin_client.get("/").content.decode()
    assert section(answer["document"]) == section(page)


def test_create_and_edit_screens_carry_the_preview_panel(admin_client, clinic_home):
    response = admin_client.get(notice_admin_url("create"))
    html = response.content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("[data-physio-notice-editor]")
    assert panel["data-preview-url"] == preview_url()
    assert panel["data-max-length"] == str(NOTICE_MESSAGE_MAX_LENGTH)
    assert "wagtail_physio/js/notice-banner-admin.js" in html
    assert "wagtail_physio/css/notice-banner-admin.css" in html
    # No inline script of the package's own (Wagtail's menu data names the app).
    for script in BeautifulSoup(html, "html.parser").select("script:not([src])"):
        assert "physio-notice" not in script.get_text()

    banner = make_notice(message="<p>Lift out of order.</p>", severity="warning")
    html = admin_client.get(notice_admin_url("edit", banner.pk)).content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("[data-physio-notice-editor]")
    assert panel["data-preview-url"] == preview_url(banner)
    iframe = panel.select_one("iframe[data-physio-notice-preview]")
    # Rendered with the page, so the preview is there before any typing.
    assert "Lift out of order." in iframe["srcdoc"]
    assert iframe["sandbox"] == ["allow-same-origin"]  # no scripts inside


def test_preview_notes_say_when_readers_see_it_and_what_stops_a_save(admin_client):
    starts = (timezone.localtime() + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    answer = preview(
        admin_client, banner_form(starts_at=starts.strftime("%Y-%m-%d %H:%M"))
    )
    assert (
        f"Once saved, readers see it from {date_format(starts, 'DATETIME_FORMAT')}."
        in notes_text(answer)
    )

    answer = preview(admin_client, banner_form())
    assert (
        "Once saved, readers see it straight away, until it is switched off."
        in notes_text(answer)
    )

    answer = preview(admin_client, banner_form(is_active=False))
    assert "Switched off: readers will not see it." in notes_text(answer)

    answer = preview(
        admin_client,
        banner_form(cta_type="link", cta_url="ftp://files.example/", cta_label="Go"),
    )
    assert "It cannot be saved yet: Link: Enter a link starting with" in notes_text(
        answer
    )


def test_preview_is_for_those_who_may_add_or_edit_and_only_by_post(client):
    banner = make_notice()
    client.force_login(make_admin_user("reception"))
    for url in (preview_url(), preview_url(banner)):
        assert client.post(url, banner_form()).status_code in (302, 403)

    client.force_login(make_admin_user("raiser", ADD))
    assert client.post(preview_url(), banner_form()).status_code == 200
    # Someone else's banner: not theirs to edit, so not theirs to preview either.
    assert client.post(preview_url(banner), banner_form()).status_code in (302, 403)
    assert client.get(preview_url()).status_code == 405


# --- Length -----------------------------------------------------------------------


def test_message_length_counts_what_readers_see():
    assert message_length("<p>Book <b>now</b>.</p>") == len("Book now.")
    assert message_length(
        '<p>Call <a href="https://a-very-long-address.example/booking">us</a>.</p>'
    ) == len("Call us.")
    assert message_length("<p>One.</p><p>Two.</p>") == len("One. Two.")
    assert message_length("<p>Line<br/>break</p>") == len("Line break")
    assert message_length("<p>  spaced   out </p>") == len("spaced out")


def test_a_message_over_the_limit_is_a_field_error_and_nothing_is_saved(
    admin_client,
):
    response = admin_client.post(
        notice_admin_url("create"),
        banner_form(f"<p>{words(NOTICE_MESSAGE_MAX_LENGTH + 1)}</p>"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["message"] == [
        "Shorten the message to 280 characters or fewer; it has 281. A long notice "
        "pushes the page it sits on off a phone's screen."
    ]
    assert not NoticeBanner.objects.exists()
    # The form shown again still previews it, at its full length.
    html = response.content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one("[data-physio-notice-editor]")
    assert panel["data-length"] == "281"

    response = admin_client.post(
        notice_admin_url("create"),
        banner_form(f"<p>{words(NOTICE_MESSAGE_MAX_LENGTH)}</p>"),
    )
    assert response.status_code == 302
    assert message_length(NoticeBanner.objects.get().message) == 280


def test_the_limit_holds_for_code_and_imports_that_validate(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        make_notice(message=f"<p>{words(5000)}</p>")
    assert raised.value.error_dict["message"][0].code == "max_length"


# --- Banners that would show together ------------------------------------------------


def test_saving_a_banner_that_stacks_with_another_warns_and_keeps_it(
    admin_client, clinic_home
):
    other = make_notice(message="<p>Booking is down today.</p>", severity="urgent")
    response = admin_client.post(
        notice_admin_url("create"),
        banner_form("<p>Online booking unavailable, please call.</p>"),
    )
    assert response.status_code == 302
    assert NoticeBanner.objects.count() == 2  # kept: a warning, not a refusal
    [warning] = warnings_after(response)
    assert "Readers will also see another urgent banner at the same time" in warning
    assert "“Booking is down today.”" in warning
    assert notice_admin_url("edit", other.pk) in warning
    assert len(notice_texts(admin_client.get("/"))) == 2


def test_no_warning_for_a_banner_that_does_not_stack(admin_client, clinic_home):
    make_notice(message="<p>Car park closed.</p>", severity="info")
    response = admin_client.post(notice_admin_url("create"), banner_form())
    assert response.status_code == 302
    assert warnings_after(response) == []


@pytest.mark.parametrize(
    ("other", "new", "warned"),
    [
        ({}, {}, True),
        ({"severity": "warning"}, {}, False),
        ({"is_active": False}, {}, False),
        ({}, {"is_active": False}, False),
        ({"ends_at": at(2030, 6, 1, 11)}, {}, False),  # ended
        # Windows that meet but do not overlap.
        ({"ends_at": at(2030, 6, 5, 9)}, {"starts_at": at(2030, 6, 5, 9)}, False),
        ({"ends_at": at(2030, 6, 5, 9)}, {"starts_at": at(2030, 6, 5, 8)}, True),
        ({"starts_at": at(2030, 6, 9)}, {"ends_at": at(2030, 6, 8)}, False),
        ({"starts_at": at(2030, 6, 9)}, {}, True),  # scheduled, later the same
        ({"sites": "first"}, {"sites": "second"}, False),
        ({"sites": "first"}, {"sites": "first"}, True),
        ({"sites": "first"}, {}, True),  # all sites includes the first
        ({}, {"sites": "second"}, True),
    ],
)
def test_which_banners_stack(other, new, warned, frozen_now, site, second_site):
    from wagtail_physio.notices.preview import overlapping_banners

    frozen_now(at(2030, 6, 1, 12))
    sites = {"first": [site], "second": [second_site]}
    if "sites" in other:
        other = {**other, "sites": sites[other["sites"]]}
    new_sites = [s.pk for s in sites.get(new.pop("sites", None), [])]
    existing = make_notice(**{"severity": "urgent", **other})
    banner = NoticeBanner(message="<p>New</p>", severity="urgent", **new)
    assert overlapping_banners(banner, new_sites) == ([existing] if warned else [])


def test_the_preview_warns_before_anything_is_saved(admin_client, second_site):
    make_notice(
        message="<p>Hillside closed.</p>", severity="urgent", sites=[second_site]
    )
    answer = preview(admin_client, banner_form(sites=[second_site.pk]))
    assert "Readers will also see this urgent banner" in notes_text(answer)
    assert "Hillside closed." in notes_text(answer)
    assert NoticeBanner.objects.count() == 1


# --- Who may take a banner down -----------------------------------------------------


def test_whoever_raises_a_banner_can_take_it_down_with_add_alone(client, clinic_home):
    raiser = make_admin_user("raiser", ADD)
    client.force_login(raiser)
    response = client.post(notice_admin_url("create"), banner_form("<p>Flood.</p>"))
    assert response.status_code == 302
    banner = NoticeBanner.objects.get()
    assert banner.owner == raiser
    assert notice_texts(client.get("/")) == ["Urgent notice: Flood."]

    assert client.get(notice_admin_url("edit", banner.pk)).status_code == 200
    response = client.post(
        notice_admin_url("edit", banner.pk),
        banner_form("<p>Flood.</p>", is_active=False),
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.is_active is False
    assert notice_texts(client.get("/")) == []


def test_add_alone_does_not_reach_other_peoples_banners(client, clinic_home):
    theirs = make_notice(message="<p>Keep me.</p>")
    raiser = make_admin_user("raiser", ADD)
    client.force_login(raiser)
    assert client.get(notice_admin_url("edit", theirs.pk)).status_code in (302, 403)
    client.post(notice_admin_url("edit", theirs.pk), banner_form("<p>Mine now.</p>"))
    client.post(notice_admin_url("delete", theirs.pk))
    theirs.refresh_from_db()
    assert theirs.message == "<p>Keep me.</p>"
    assert theirs.is_active is True

    # Their own one: edit, but deleting still needs "delete".
    own = make_notice(message="<p>Mine.</p>", owner=raiser)
    client.post(notice_admin_url("delete", own.pk))
    assert NoticeBanner.objects.filter(pk=own.pk).exists()

    # The list offers Edit on their own banner only.
    soup = BeautifulSoup(client.get(notice_admin_url("index")).content, "html.parser")
    edit_links = {a["href"] for a in soup.select("tbody ul.actions a")}
    assert notice_admin_url("edit", own.pk) in edit_links
    assert notice_admin_url("edit", theirs.pk) not in edit_links


def test_the_owner_cannot_be_posted(client, clinic_home):
    someone = make_admin_user("someone", ADD)
    raiser = make_admin_user("raiser", ADD)
    client.force_login(raiser)
    client.post(notice_admin_url("create"), {**banner_form(), "owner": str(someone.pk)})
    assert NoticeBanner.objects.get().owner == raiser


def test_change_reaches_every_banner_and_delete_deletes(client, clinic_home):
    banner = make_notice(message="<p>Old.</p>")
    client.force_login(make_admin_user("manager", CHANGE, DELETE))
    response = client.post(
        notice_admin_url("edit", banner.pk), banner_form("<p>Old.</p>", is_active=False)
    )
    assert response.status_code == 302
    response = client.post(notice_admin_url("delete", banner.pk))
    assert response.status_code == 302
    assert not NoticeBanner.objects.exists()


def test_history_is_for_people_who_work_with_banners(client):
    banner = make_notice()
    url = notice_admin_url("history", banner.pk)
    client.force_login(make_admin_user("reception"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(make_admin_user("raiser", ADD))
    assert client.get(url).status_code == 200


# --- Time zone ----------------------------------------------------------------------


def help_texts(response):
    form = response.context["form"]
    return str(form.fields["starts_at"].help_text), str(
        form.fields["ends_at"].help_text
    )


def test_the_schedule_names_its_time_zone(admin_client, settings):
    starts, ends = help_texts(admin_client.get(notice_admin_url("create")))
    assert starts.endswith("Times are in Europe/London.")
    assert ends.endswith("Times are in Europe/London.")
    make_notice()
    header = BeautifulSoup(
        admin_client.get(notice_admin_url("index")).content, "html.parser"
    )
    headings = [th.get_text(" ", strip=True) for th in header.select("thead th")]
    assert "Schedule (Europe/London)" in headings


def test_an_editor_with_a_time_zone_of_their_own_is_told_and_it_is_used(
    client, clinic_home
):
    from wagtail.users.models import UserProfile

    editor = make_admin_user("traveller", ADD)
    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client.force_login(editor)
    starts, _ends = help_texts(client.get(notice_admin_url("create")))
    assert starts.endswith("Times are in America/New_York.")

    client.post(notice_admin_url("create"), banner_form(starts_at="2030-06-01 09:00"))
    # 09:00 in New York (EDT, UTC-4) is 13:00 UTC.
    assert NoticeBanner.objects.get().starts_at == at(2030, 6, 1, 13)
