"""The "Clinic editors" group that physio_setup_groups sets up: enough to run
banners, locations and contact details, and nothing else."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from tests.factories import (
    banner_form,
    make_condition_index,
    make_user,
    notice_admin_url,
    notice_texts,
)
from wagtail_physio.management.commands.physio_setup_groups import (
    CLINIC_EDITOR_PERMISSIONS,
)
from wagtail_physio.models import ClinicLocation, NoticeBanner

pytestmark = pytest.mark.django_db


def setup_groups(*args):
    out = StringIO()
    call_command("physio_setup_groups", *args, stdout=out)
    return out.getvalue()


def held(name="Clinic editors"):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


@pytest.fixture
def clinic_editor(db):
    setup_groups()
    user = make_user("clinic-editor")
    user.groups.add(Group.objects.get(name="Clinic editors"))
    return user


def admin_menu(client):
    """{label: [submenu labels]} of the admin sidebar, as the user sees it."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = json.loads(
        html[html.index(">", start) + 1 : html.index("</script>", start)]
    )
    menu = next(
        module
        for module in props["modules"]
        if module.get("_type") == "wagtail.sidebar.MainMenuModule"
    )
    items = {}
    for item in menu["_args"][0]:
        options = item["_args"][0]
        children = item["_args"][1] if len(item["_args"]) > 1 else []
        items[options["label"]] = [
            child["_args"][0]["label"]
            for child in children
            if isinstance(child, dict) and "_args" in child
        ]
    return items


def test_the_command_creates_the_group_with_exactly_its_permissions(db):
    assert "Created the group “Clinic editors” with 8 permissions." in setup_groups()
    assert held() == set(CLINIC_EDITOR_PERMISSIONS)
    assert held() == {
        "wagtailadmin.access_admin",
        "wagtail_physio.add_noticebanner",
        "wagtail_physio.change_noticebanner",
        "wagtail_physio.delete_noticebanner",
        "wagtail_physio.add_cliniclocation",
        "wagtail_physio.change_cliniclocation",
        "wagtail_physio.delete_cliniclocation",
        "wagtail_physio.change_cliniccontactsettings",
    }


def test_running_it_again_changes_nothing_and_keeps_what_the_site_added(db):
    setup_groups()
    group = Group.objects.get(name="Clinic editors")
    extra = Permission.objects.get(
        content_type__app_label="wagtailimages", codename="add_image"
    )
    group.permissions.add(extra)
    group.permissions.remove(Permission.objects.get(codename="delete_noticebanner"))

    out = setup_groups()
    assert "Gave the group “Clinic editors”: wagtail_physio.delete_noticebanner." in out
    assert "It also holds, and keeps: wagtailimages.add_image." in out
    assert held() == {*CLINIC_EDITOR_PERMISSIONS, "wagtailimages.add_image"}

    out = setup_groups()
    assert "already has every permission it needs" in out
    assert Group.objects.filter(name="Clinic editors").count() == 1

    out = setup_groups("--exact")
    assert "Removed: wagtailimages.add_image." in out
    assert held() == set(CLINIC_EDITOR_PERMISSIONS)


def test_the_group_can_have_another_name(db):
    setup_groups("--name", "Reception")
    assert held("Reception") == set(CLINIC_EDITOR_PERMISSIONS)
    assert not Group.objects.filter(name="Clinic editors").exists()


def test_a_clinic_editor_sees_the_clinic_menu_and_contact_details(
    client, clinic_editor, site
):
    client.force_login(clinic_editor)
    menu = admin_menu(client)
    assert menu["Clinic"] == ["Locations", "Notice banners"]
    assert "Clinic contact details" in menu["Settings"]
    assert "Users" not in menu.get("Settings", [])
    for url in (
        notice_admin_url("index"),
        notice_admin_url("create"),
        reverse("wagtail_physio_cliniclocation_modeladmin_create"),
        reverse(
            "wagtailsettings:edit",
            args=["wagtail_physio", "cliniccontactsettings", site.pk],
        ),
    ):
        assert client.get(url).status_code == 200, url


def test_a_clinic_editor_raises_and_takes_down_a_banner(
    client, clinic_editor, clinic_home
):
    client.force_login(clinic_editor)
    response = client.post(notice_admin_url("create"), banner_form("<p>Snow.</p>"))
    assert response.status_code == 302
    assert notice_texts(client.get("/")) == ["Urgent notice: Snow."]
    banner = NoticeBanner.objects.get()
    response = client.post(
        notice_admin_url("edit", banner.pk),
        banner_form("<p>Snow.</p>", is_active=False),
    )
    assert response.status_code == 302
    assert notice_texts(client.get("/")) == []
    response = client.post(notice_admin_url("delete", banner.pk))
    assert response.status_code == 302
    assert not NoticeBanner.objects.exists()


def test_a_clinic_editor_cannot_do_unrelated_things(client, clinic_editor, clinic_home):
    index = make_condition_index(clinic_home)
    client.force_login(clinic_editor)
    client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]))
    assert Page.objects.filter(pk=index.pk).exists()
    for url in (
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailsnippets_wagtail_physio_conditioncategory:list"),
        reverse("wagtailimages:index"),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert not ClinicLocation.objects.exists()
