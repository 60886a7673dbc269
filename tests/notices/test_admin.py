"""Editors raise, schedule and clear notices in the admin; others cannot."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    at,
    banner_form,
    make_admin_user,
    make_condition_index,
    make_condition_page,
    make_notice,
    notice_admin_url,
    notice_texts,
)
from wagtail_physio.models import NoticeBanner

pytestmark = pytest.mark.django_db


def test_switching_a_banner_off_removes_it_from_every_page_on_the_next_request(
    admin_client, clinic_home
):
    index = make_condition_index(clinic_home)
    condition = make_condition_page(index)
    banner = make_notice(message="<p>Online booking is down. Please phone us.</p>")
    pages = ["/", index.url, condition.url]
    for url in pages:  # and so cached
        assert len(notice_texts(admin_client.get(url))) == 1

    response = admin_client.post(
        notice_admin_url("edit", banner.pk),
        banner_form("<p>Online booking is down. Please phone us.</p>", is_active=False),
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.is_active is False
    for url in pages:
        assert notice_texts(admin_client.get(url)) == [], url


def test_creating_a_banner_in_the_admin_shows_it_with_its_call_to_action(
    admin_client, clinic_home, site, second_site
):
    response = admin_client.post(
        notice_admin_url("create"),
        banner_form(
            '<p>Online booking is <b>unavailable</b>. <a href="mailto:desk@clinic.example">Email</a> or call.</p>',
            cta_type="phone",
            cta_phone="0151 496 0777",
            sites=[site.pk],
        ),
    )
    assert response.status_code == 302
    banner = NoticeBanner.objects.get()
    assert list(banner.sites.all()) == [site]
    assert notice_texts(admin_client.get("/")) == [
        "Urgent notice: Online booking is unavailable . Email or call. "
        "Call 0151 496 0777"
    ]
    assert notice_texts(admin_client.get("/", HTTP_HOST="hillside.example")) == []


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        (
            {"starts_at": "2025-06-02 09:00", "ends_at": "2025-06-01 09:00"},
            "ends_at",
            "The end must be after the start.",
        ),
        ({"message": ""}, "message", "This field is required."),
        (
            {"cta_type": "link", "cta_url": "javascript:alert(1)", "cta_label": "Go"},
            "cta_url",
            "Enter a link starting with http:, https:, tel:, mailto:.",
        ),
        (
            {"cta_type": "link", "cta_url": "ftp://files.example/", "cta_label": "Go"},
            "cta_url",
            "Enter a link starting with http:, https:, tel:, mailto:.",
        ),
        (
            {"cta_type": "phone", "cta_phone": "12"},
            "cta_phone",
            "“12” is not a valid phone number.",
        ),
    ],
)
def test_bad_input_is_a_clear_field_error_and_nothing_is_saved(
    admin_client, fields, field, error
):
    response = admin_client.post(notice_admin_url("create"), banner_form(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert not NoticeBanner.objects.exists()


def test_javascript_link_in_the_message_is_refused_by_name(admin_client):
    response = admin_client.post(
        notice_admin_url("create"),
        banner_form('<p>Book <a href="javascript:alert(1)">here</a>.</p>'),
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["message"]
    assert "https://, http://, mailto: or tel:" in error
    assert "javascript:alert(1)" in error
    assert not NoticeBanner.objects.exists()


def test_tel_and_mailto_links_in_the_message_are_kept(admin_client, clinic_home):
    admin_client.post(
        notice_admin_url("create"),
        banner_form(
            '<p><a href="tel:+441514960000">Call</a> or <a href="mailto:desk@clinic.example">email</a>.</p>'
        ),
    )
    html = admin_client.get("/").content.decode()
    assert 'href="tel:+441514960000"' in html
    assert 'href="mailto:desk@clinic.example"' in html


def test_list_shows_each_banners_state_and_filters_by_it(admin_client, frozen_now):
    frozen_now(at(2025, 6, 1, 12))
    make_notice(message="<p>Live one</p>")
    make_notice(message="<p>Scheduled one</p>", starts_at=at(2025, 6, 2))
    make_notice(message="<p>Expired one</p>", ends_at=at(2025, 5, 31))
    make_notice(message="<p>Off one</p>", is_active=False, severity="warning")

    response = admin_client.get(notice_admin_url("index"))
    assert response.status_code == 200
    rows = {
        row.select_one("td").get_text(" ", strip=True).split(" ")[0]: row
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    }
    states = {
        name: row.select_one("td.field-state").get_text(strip=True)
        for name, row in rows.items()
    }
    assert states == {
        "Live": "Live",
        "Scheduled": "Scheduled",
        "Expired": "Expired",
        "Off": "Off",
    }

    def listed(query):
        html = admin_client.get(notice_admin_url("index") + query).content.decode()
        return {
            name
            for name in ("Live one", "Scheduled one", "Expired one", "Off one")
            if name in html
        }

    assert listed("?state=scheduled") == {"Scheduled one"}
    assert listed("?state=live") == {"Live one"}
    assert listed("?severity=warning") == {"Off one"}
    assert listed("?q=expired") == {"Expired one"}


def test_inspect_view_previews_the_banner_as_readers_see_it(admin_client):
    banner = make_notice(
        message="<p>Closed <i>all</i> day.</p>",
        severity="warning",
        cta_type="link",
        cta_url="https://clinic.example/hours",
        cta_label="Opening hours",
    )
    response = admin_client.get(notice_admin_url("inspect", banner.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="physio-notice physio-notice--warning"' in html
    assert "<p>Closed <i>all</i> day.</p>" in html
    assert 'href="https://clinic.example/hours">Opening hours</a>' in html
    assert "wagtail_physio/css/physio.css" in html


def test_user_without_permission_can_neither_see_nor_post(client, clinic_home):
    # Can use the Wagtail admin, but has no notice banner permissions.
    client.force_login(make_admin_user("reception"))
    banner = make_notice(message="<p>Keep me.</p>")
    for url in (
        notice_admin_url("index"),
        notice_admin_url("create"),
        notice_admin_url("edit", banner.pk),
    ):
        assert client.get(url).status_code in (302, 403), url

    client.post(notice_admin_url("edit", banner.pk), banner_form("<p>Hacked</p>"))
    client.post(notice_admin_url("create"), banner_form("<p>New</p>"))
    client.post(notice_admin_url("delete", banner.pk))
    banner.refresh_from_db()
    assert banner.message == "<p>Keep me.</p>"
    assert NoticeBanner.objects.count() == 1


def test_user_with_change_permission_can_edit(client, clinic_home):
    client.force_login(make_admin_user("manager", "wagtail_physio.change_noticebanner"))
    banner = make_notice()
    response = client.post(
        notice_admin_url("edit", banner.pk),
        banner_form("<p>Edited.</p>", severity="info"),
    )
    assert response.status_code == 302
    assert notice_texts(client.get("/")) == ["Notice: Edited."]
