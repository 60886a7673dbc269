"""Admin users with just the permissions a test gives them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission


def make_user(username, email="", *, permissions=(), group_name=None):
    """A user (password "pw") in a group holding ``permissions``, each given as
    "app_label.codename", e.g. "wagtailadmin.access_admin"."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password="pw"
    )
    if permissions:
        group = Group.objects.create(name=group_name or f"{username} group")
        for permission in permissions:
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        user.groups.add(group)
    return user


def make_admin_user(username, *permissions, email=""):
    """A user who may use the Wagtail admin, plus ``permissions``."""
    return make_user(
        username, email, permissions=["wagtailadmin.access_admin", *permissions]
    )


def make_location_editor(username="editor"):
    """An admin user who may add, change, delete and view clinic locations, and
    nothing else of the package's."""
    return make_admin_user(
        username,
        *(
            f"wagtail_physio.{action}_cliniclocation"
            for action in ("add", "change", "delete", "view")
        ),
    )
