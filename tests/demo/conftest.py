"""The demo clinic, loaded once for the tests that read it (see ``demo_site``)."""

import pytest

from tests.factories import visit_every_page
from tests.factories.browser import serve_default_site_from


@pytest.fixture(scope="package")
def demo_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("demo-media"))


@pytest.fixture
def media_root(demo_media, settings):
    """The demo's images are in the demo's media folder, not each test's own."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """The demo clinic, set up by ``manage.py demo`` as a developer would, and
    served by a live server: for ``@pytest.mark.django_db`` tests that only read
    it (each runs in a transaction rolled back after it).

    Loading the demo takes a while, so it is loaded once for all the tests of this
    package, committed (for the live server to see, on PostgreSQL too), and its
    pages visited once, making their images' renditions as the first visitor's
    requests would. After the last of them the database is put back exactly as it
    was, the way Django's ``serialized_rollback`` does: flushed, then reloaded from
    a copy taken before. (The fixture runs a live server of its own: asking for
    pytest-django's ``live_server`` would make each test flush the database.)
    """
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        before = connection.creation.serialize_db_to_string()
        live_server = LiveServer("localhost")
        try:
            serve_default_site_from(live_server)
            call_command("demo", no_serve=True, verbosity=0)
            visit_every_page()
            yield live_server
        finally:
            live_server.stop()
            # As TransactionTestCase flushes: sequences go on from where they
            # were, so the restored rows' ids never clash with new ones.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(before)
