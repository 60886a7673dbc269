"""Create (or bring up to date) the "Clinic editors" group.

Run it once after ``migrate``, and again after upgrading the package; running it
twice changes nothing::

    python manage.py physio_setup_groups

Members may use the admin and run the clinic's day-to-day details: notice
banners, clinic locations (with their opening hours) and the clinic's contact
details (a site setting). Nothing else: no pages, images, users or settings of
Wagtail's own. Permissions a site added to the group are kept unless ``--exact``.
A command rather than a data migration, so sites that manage groups themselves
never find one appear, or come back after they deleted it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.core.management.base import CommandParser

CLINIC_EDITORS_GROUP = "Clinic editors"

#: "app_label.codename" of every permission the group holds.
CLINIC_EDITOR_PERMISSIONS = (
    "wagtailadmin.access_admin",
    # Raise, change and delete notice banners.
    "wagtail_physio.add_noticebanner",
    "wagtail_physio.change_noticebanner",
    "wagtail_physio.delete_noticebanner",
    # Clinic locations; their opening hours are edited with them.
    "wagtail_physio.add_cliniclocation",
    "wagtail_physio.change_cliniclocation",
    "wagtail_physio.delete_cliniclocation",
    # Settings › Clinic contact details (a site setting: change only).
    "wagtail_physio.change_cliniccontactsettings",
)


def clinic_editor_permissions() -> list[Permission]:
    """The group's permissions; a CommandError names any not yet created."""
    found: list[Permission] = []
    missing: list[str] = []
    for name in CLINIC_EDITOR_PERMISSIONS:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            missing.append(name)
        else:
            found.append(permission)
    if missing:
        raise CommandError(
            _("These permissions do not exist yet: %(names)s. Run migrate first.")
            % {"names": ", ".join(missing)}
        )
    return found


def permission_name(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


class Command(BaseCommand):
    help = (
        "Create the 'Clinic editors' group, or add what it lacks: the permissions "
        "to run notice banners, clinic locations and the clinic's contact details."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--name",
            default=CLINIC_EDITORS_GROUP,
            help=f"The group's name (default “{CLINIC_EDITORS_GROUP}”).",
        )
        parser.add_argument(
            "--exact",
            action="store_true",
            help="Also remove any other permission the group holds.",
        )

    def handle(self, *args: Any, name: str, exact: bool, **options: Any) -> None:
        wanted = clinic_editor_permissions()
        with transaction.atomic():
            group, created = Group.objects.select_for_update().get_or_create(name=name)
            held = set(group.permissions.all())
            added = [p for p in wanted if p not in held]
            extra = sorted((p for p in held if p not in wanted), key=permission_name)
            group.permissions.add(*added)
            if exact and extra:
                group.permissions.remove(*extra)

        if created:
            self.stdout.write(
                _("Created the group “%(name)s” with %(count)d permissions.")
                % {"name": name, "count": len(wanted)}
            )
        elif added:
            self.stdout.write(
                _("Gave the group “%(name)s”: %(names)s.")
                % {"name": name, "names": ", ".join(map(permission_name, added))}
            )
        else:
            self.stdout.write(
                _("The group “%(name)s” already has every permission it needs.")
                % {"name": name}
            )
        if extra and exact:
            self.stdout.write(
                _("Removed: %(names)s.")
                % {"names": ", ".join(map(permission_name, extra))}
            )
        elif extra:
            self.stdout.write(
                _("It also holds, and keeps: %(names)s. Use --exact to remove them.")
                % {"names": ", ".join(map(permission_name, extra))}
            )
