import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import (
    make_admin_user,
    make_location,
    make_location_editor,
    make_locations_page,
)
from wagtail_physio.models import ClinicLocation, NoticeBanner
from wagtail_physio.wagtail_hooks import ClinicAdminGroup

pytestmark = pytest.mark.django_db


def url(action, *args):
    return reverse(f"wagtail_physio_cliniclocation_modeladmin_{action}", args=args)


def location_post(hours=None, **overrides):
    """The create/edit form as the browser posts it."""
    fields = {
        "name": "Millbrook clinic",
        "host_building": "inside Millbrook Leisure Club",
        "address_line_1": "Millbrook Park, Ferry Road",
        "address_line_2": "",
        "town": "Riverton",
        "postcode": "RV4 2LN",
        "country": "GB",
        "phone": "0151 496 0314",
        "email": "millbrook@example.com",
        "latitude": "",
        "longitude": "",
        "map_url": "",
        "visitor_notes": "Free parking at the club.",
        "sort_order": "1",
        "is_active": "on",
        "site": "",
    }
    fields.update(overrides)
    rows = (
        hours
        if hours is not None
        else [("0", "08:00", "12:00"), ("0", "13:00", "18:00")]
    )
    fields["opening_hours"] = inline_formset(
        [
            {"weekday": day, "opens": opens, "closes": closes, "ORDER": str(i + 1)}
            for i, (day, opens, closes) in enumerate(rows)
        ]
    )
    return nested_form_data(fields)


@pytest.fixture
def editor(client, db):
    """A Wagtail editor allowed to manage locations."""
    user = make_location_editor()
    client.force_login(user)
    return user


@pytest.fixture
def outsider(client, db):
    """Can log in to the admin but has no location permissions."""
    user = make_admin_user("outsider")
    client.force_login(user)
    return user


def test_clinic_menu_group_holds_locations_and_notice_banners():
    assert [item.model for item in ClinicAdminGroup().modeladmin_instances] == [
        ClinicLocation,
        NoticeBanner,
    ]
    assert str(ClinicAdminGroup.menu_label) == "Clinic"


def test_index_lists_searches_and_filters(client, editor):
    make_location("Quayside clinic", town="Riverton")
    make_location(
        "Hillside clinic", town="Ashby", phone="0151 496 0999", is_active=False
    )
    html = client.get(url("index")).content.decode()
    assert "Quayside clinic" in html and "Hillside clinic" in html
    assert "Ashby" in html and "0151 496 0999" in html
    html = client.get(url("index"), {"q": "Hillside"}).content.decode()
    assert "Hillside clinic" in html and "Quayside clinic" not in html
    html = client.get(url("index"), {"is_active__exact": "1"}).content.decode()
    assert "Quayside clinic" in html and "Hillside clinic" not in html


def test_create_through_the_admin_saves_the_location_and_its_hours(client, editor):
    response = client.post(url("create"), location_post())
    assert response.status_code == 302
    location = ClinicLocation.objects.get()
    assert location.host_building == "inside Millbrook Leisure Club"
    assert [
        (h.weekday, str(h.opens), str(h.closes)) for h in location.opening_hours.all()
    ] == [
        (0, "08:00:00", "12:00:00"),
        (0, "13:00:00", "18:00:00"),
    ]


@pytest.mark.parametrize(
    ("overrides", "hours", "message"),
    [
        (
            {},
            [("0", "09:00", "13:00"), ("0", "12:00", "17:00")],
            "This period overlaps another on Monday.",
        ),
        (
            {},
            [("2", "17:00", "09:00")],
            "The closing time must be after the opening time.",
        ),
        ({"phone": "12345"}, None, "is not a valid phone number."),
        (
            {"map_url": "javascript:alert(document.cookie)"},
            None,
            "Enter a link starting with http:, https:",
        ),
        ({"postcode": ""}, None, "This field is required."),
        ({"latitude": "123.5", "longitude": "0"}, None, "less than or equal to 90"),
    ],
)
def test_bad_input_in_the_admin_shows_an_error_and_saves_nothing(
    client, editor, overrides, hours, message
):
    response = client.post(url("create"), location_post(hours=hours, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClinicLocation.objects.exists()


def test_overlap_error_is_on_the_clashing_row(client, editor):
    response = client.post(
        url("create"),
        location_post(
            hours=[
                ("0", "09:00", "13:00"),
                ("1", "09:00", "13:00"),
                ("0", "12:30", "17:00"),
            ]
        ),
    )
    formset = response.context["form"].formsets["opening_hours"]
    assert formset.forms[0].errors == {}
    assert formset.forms[1].errors == {}
    assert "overlaps" in formset.forms[2].errors["opens"][0]


def test_editing_keeps_existing_rows_when_they_do_not_clash(client, editor):
    location = make_location(hours=[(0, "09:00", "12:00")])
    row = location.opening_hours.get()
    data = location_post(name="Quayside clinic", hours=[])
    data.update(
        nested_form_data(
            {
                "opening_hours": inline_formset(
                    [
                        {
                            "id": row.pk,
                            "weekday": "0",
                            "opens": "09:00",
                            "closes": "12:00",
                            "ORDER": "1",
                        },
                        {
                            "weekday": "0",
                            "opens": "11:00",
                            "closes": "14:00",
                            "ORDER": "2",
                        },
                    ],
                    initial=1,
                )
            }
        )
    )
    response = client.post(url("edit", location.pk), data)
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert location.opening_hours.count() == 1


def test_inspect_view_shows_the_location(client, editor):
    location = make_location(host_building="inside Millbrook Leisure Club")
    response = client.get(url("inspect", location.pk))
    assert response.status_code == 200
    assert "inside Millbrook Leisure Club" in response.content.decode()


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect home."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def test_users_without_permission_cannot_see_or_change_locations(client, outsider):
    location = make_location()
    for action, args in [
        ("index", ()),
        ("create", ()),
        ("edit", (location.pk,)),
        ("delete", (location.pk,)),
        ("inspect", (location.pk,)),
    ]:
        assert_denied(client.get(url(action, *args)))
    assert_denied(client.post(url("create"), location_post()))
    assert_denied(client.post(url("edit", location.pk), location_post(name="Hacked")))
    assert_denied(client.post(url("delete", location.pk)))
    # The menu does not offer what the user cannot use.
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    location.refresh_from_db()
    assert location.name == "Quayside clinic"
    assert ClinicLocation.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.post(url("create"), location_post())
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not ClinicLocation.objects.exists()


def test_delete_view_lists_the_pages_showing_the_location(
    client, editor, condition_index, django_user_model
):
    location = make_location()
    page = make_locations_page(condition_index, [location], title="Back surgery")
    edit_page_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = client.get(url("delete", location.pk)).content.decode()
    assert "This location is shown on 1 page" in html
    assert "Back surgery" in html
    # This editor may not edit pages, so the title is not a link for them...
    assert edit_page_url not in html
    # ...while someone who may edit the page gets a link to it.
    client.force_login(
        django_user_model.objects.create_superuser("boss", password="pw")
    )
    html = client.get(url("delete", location.pk)).content.decode()
    assert edit_page_url in html

    assert client.post(url("delete", location.pk)).status_code == 302
    assert not ClinicLocation.objects.exists()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Quayside clinic" not in response.content.decode()


def test_delete_view_without_usage_has_no_warning(client, editor):
    location = make_location()
    html = client.get(url("delete", location.pk)).content.decode()
    assert "This location is shown on" not in html
    assert "Are you sure you want to delete" in html


def test_location_chooser_lists_and_returns_locations(client, editor):
    location = make_location("Quayside clinic")
    make_location("Hillside clinic")
    response = client.get(reverse("wagtail_physio_location_chooser:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Quayside clinic" in html and "Hillside clinic" in html
    results = client.get(
        reverse("wagtail_physio_location_chooser:choose_results"), {"q": "Hillside"}
    ).content.decode()
    assert "Hillside clinic" in results and "Quayside clinic" not in results
    chosen = client.get(
        reverse("wagtail_physio_location_chooser:chosen", args=[location.pk])
    ).json()
    assert chosen["result"]["title"] == "Quayside clinic"


def test_an_admin_edit_shows_on_the_page_and_footer_at_the_next_request(
    client, editor, settings, clinic, condition_index
):
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    location = make_location(phone="0151 496 0313")
    page = make_locations_page(condition_index, [location])
    html = client.get(page.url).content.decode()
    assert html.count('href="tel:+441514960313"') == 2  # block and footer

    response = client.post(
        url("edit", location.pk),
        location_post(name="Quayside clinic", phone="0151 496 0777"),
    )
    assert response.status_code == 302
    html = client.get(page.url).content.decode()
    assert 'href="tel:+441514960313"' not in html
    assert html.count('href="tel:+441514960777"') == 2
    assert html.count("0151 496 0777") == 2


def test_create_form_offers_inline_opening_hours(client, editor):
    html = client.get(url("create")).content.decode()
    assert "Opening hours" in html
    assert 'name="opening_hours-TOTAL_FORMS"' in html


def test_page_editor_loads_with_a_chosen_location(
    client, condition_index, django_user_model
):
    client.force_login(
        django_user_model.objects.create_superuser("boss", password="pw")
    )
    location = make_location("Quayside clinic")
    page = make_locations_page(condition_index, [location])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quayside clinic" in html  # the chooser shows the chosen location
    assert reverse("wagtail_physio_location_chooser:choose") in html
