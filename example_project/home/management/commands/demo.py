"""``manage.py demo``: migrate, load the demo clinic (in English and Welsh), ensure
an admin login, serve."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.demo_content import load_demo_content
from home.demo_welsh import load_welsh_content

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Set up the demo clinic site on SQLite and run it."

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default="127.0.0.1:8000",
            help="Address and port to serve on (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Set everything up, then exit instead of starting the server.",
        )

    def handle(self, *args, addrport, no_serve, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        created = load_demo_content()
        # The Welsh pages, where the site runs in two languages (the example
        # project's settings do).
        created += load_welsh_content()
        self.stdout.write(
            f"Demo content ready ({len(created)} new page(s))."
            if created
            else "Demo content already loaded; nothing to add."
        )
        password = self.ensure_admin()
        host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nSite:  http://{host}/\nAdmin: http://{host}/admin/\n"
                f"Login: {ADMIN_USERNAME} / {password}\n"
            )
        )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)

    def ensure_admin(self):
        """Create or reset the demo superuser with a fresh random password.

        The password is never stored anywhere but the local database: each run
        prints a new one.
        """
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={"email": "admin@harbourside-physio.example"},
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        return password
