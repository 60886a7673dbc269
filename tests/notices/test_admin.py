"""Editors raise, schedule and clear notices in the admin; others cannot."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.factories import make_notice
from tests.notices.helpers import admin_url, at, banner_form, notice_texts
from wagtail_physio.models import NoticeBanner

pytestmark = pytest.mark.django_db


def test_switching_a_banner_off_removes_it_from_every_page_on_the_next_request(
    editor_client, clinic_home
):
    from tests.factories import make_condition_page
    from wagtail_physio.models import ConditionIndexPage

    index = ConditionIndexPage(title="Conditions", slug="conditions")
    clinic_home.add_child(instance=index)
    condition = make_condition_page(index)
    banner = make_notice(message="<p>Online booking is down. Please phone us.</p>")
    pages = ["/", index.url, condition.url]
    for url in pages:  # and so cached
        assert len(notice_texts(editor_client.get(url))) == 1

    response = editor_client.post(
        admin_url("edit", banner.pk),
        banner_form("<p>Online booking is down. Please phone us.</p>", is_active=False),
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.is_active is False
    for url in pages:
        assert notice_texts(editor_client.get(url)) == [], url


def test_creating_a_banner_in_the_admin_shows_it_with_its_call_to_action(
    editor_client, clinic_home, site, second_site
):
    response = editor_client.post(
        admin_url("create"),
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
    assert notice_texts(editor_client.get("/")) == [
        "Urgent notice: Online booking is unavailable . Email or call. "
        "Call 0151 496 0777"
    ]
    assert notice_texts(editor_client.get("/", HTTP_HOST="hillside.example")) == []


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
    editor_client, fields, field, error
):
    response = editor_client.post(admin_url("create"), banner_form(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert not NoticeBanner.objects.exists()


def test_javascript_link_in_the_message_is_refused_by_name(editor_client):
    response = editor_client.post(
        admin_url("create"),
        banner_form('<p>Book <a href="javascript:alert(1)">here</a>.</p>'),
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["message"]
    assert "https://, http://, mailto: or tel:" in error
    assert "javascript:alert(1)" in error
    assert not NoticeBanner.objects.exists()


def test_tel_and_mailto_links_in_the_message_are_kept(editor_client, clinic_home):
    editor_client.post(
        admin_url("create"),
        banner_form(
            '<p><a href="tel:+441514960000">Call</a> or <a href="mailto:desk@clinic.example">email</a>.</p>'
        ),
    )
    html = editor_client.get("/").content.decode()
    assert 'href="tel:+441514960000"' in html
    assert 'href="mailto:desk@clinic.example"' in html


def test_list_shows_each_banners_state_and_filters_by_it(editor_client, frozen_now):
    frozen_now(at(2025, 6, 1, 12))
    make_notice(message="<p>Live one</p>")
    make_notice(message="<p>Scheduled one</p>", starts_at=at(2025, 6, 2))
    make_notice(message="<p>Expired one</p>", ends_at=at(2025, 5, 31))
    make_notice(message="<p>Off one</p>", is_active=False, severity="warning")

    response = editor_client.get(admin_url("index"))
    assert response.status_code == 200
    from bs4 import BeautifulSoup

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
        html = editor_client.get(admin_url("index") + query).content.decode()
        return {
            name
            for name in ("Live one", "Scheduled one", "Expired one", "Off one")
            if name in html
        }

    assert listed("?state=scheduled") == {"Scheduled one"}
    assert listed("?state=live") == {"Live one"}
    assert listed("?severity=warning") == {"Off one"}
    assert listed("?q=expired") == {"Expired one"}


def test_inspect_view_previews_the_banner_as_readers_see_it(editor_client):
    banner = make_notice(
        message="<p>Closed <i>all</i> day.</p>",
        severity="warning",
        cta_type="link",
        cta_url="https://clinic.example/hours",
        cta_label="Opening hours",
    )
    response = editor_client.get(admin_url("inspect", banner.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="physio-notice physio-notice--warning"' in html
    assert "<p>Closed <i>all</i> day.</p>" in html
    assert 'href="https://clinic.example/hours">Opening hours</a>' in html
    assert "wagtail_physio/css/physio.css" in html


@pytest.fixture
def admin_without_notice_rights(client, db):
    """Can use the Wagtail admin, but has no notice banner permissions."""
    user = get_user_model().objects.create_user(username="reception", password="pw")
    group = Group.objects.create(name="Reception")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    return client


def test_user_without_permission_can_neither_see_nor_post(
    admin_without_notice_rights, clinic_home
):
    client = admin_without_notice_rights
    banner = make_notice(message="<p>Keep me.</p>")
    for url in (admin_url("index"), admin_url("create"), admin_url("edit", banner.pk)):
        assert client.get(url).status_code in (302, 403), url

    client.post(admin_url("edit", banner.pk), banner_form("<p>Hacked</p>"))
    client.post(admin_url("create"), banner_form("<p>New</p>"))
    client.post(admin_url("delete", banner.pk))
    banner.refresh_from_db()
    assert banner.message == "<p>Keep me.</p>"
    assert NoticeBanner.objects.count() == 1


def test_user_with_change_permission_can_edit(client, clinic_home):
    user = get_user_model().objects.create_user(username="manager", password="pw")
    group = Group.objects.create(name="Managers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_noticebanner"),
    )
    user.groups.add(group)
    client.force_login(user)
    banner = make_notice()
    response = client.post(
        admin_url("edit", banner.pk), banner_form("<p>Edited.</p>", severity="info")
    )
    assert response.status_code == 302
    assert notice_texts(client.get("/")) == ["Notice: Edited."]
