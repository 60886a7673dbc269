"""The Clinic menu: locations, notice banners and condition categories together."""

import json

import pytest
from django.urls import reverse

from tests.factories import make_admin_user

pytestmark = pytest.mark.django_db


def clinic_menu(client):
    """The Clinic submenu's items as (label, url), read from the admin sidebar."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(props)
    modules = data["modules"]
    menu = next(
        module
        for module in modules
        if module.get("_type") == "wagtail.sidebar.MainMenuModule"
    )
    items = menu["_args"][0]
    for item in items:
        if item["_type"] == "wagtail.sidebar.PageExplorerMenuItem":
            continue
        name = item["_args"][0]["label"]
        if name == "Clinic":
            return item["_args"][0]["icon_name"], [
                (child["_args"][0]["label"], child["_args"][0]["url"])
                for child in item["_args"][1]
            ]
    return None, []


def test_clinic_menu_holds_categories_with_locations_and_banners(admin_client):
    icon, items = clinic_menu(admin_client)
    labels = [label for label, _ in items]
    assert labels == ["Locations", "Notice banners", "Condition categories"]
    assert dict(items)["Condition categories"] == reverse(
        "wagtailsnippets_wagtail_physio_conditioncategory:list"
    )
    # Its own icon: Wagtail's Reports menu already uses "site".
    assert icon == "home"


def test_categories_entry_shows_only_to_users_who_may_manage_them(client):
    user = make_admin_user("locations-only", "wagtail_physio.change_cliniclocation")
    client.force_login(user)
    _, items = clinic_menu(client)
    assert [label for label, _ in items] == ["Locations"]

    user = make_admin_user("categories", "wagtail_physio.change_conditioncategory")
    client.force_login(user)
    _, items = clinic_menu(client)
    assert [label for label, _ in items] == ["Condition categories"]
