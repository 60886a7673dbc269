"""A closure added to several locations while someone saves one of them: the two
saves take turns, so neither undoes the other (PostgreSQL only: SQLite has no row
locks to wait on)."""

import datetime
import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse

from tests.factories import at, make_location
from tests.factories.browser import ensure_default_site
from tests.test_special_hours_admin import bulk_post, edit_post, opened_state
from wagtail_physio.locations.models import SpecialOpeningHours
from wagtail_physio.models import OpeningHours

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks (PostgreSQL: DATABASE_URL=postgres://...)",
)

SPECIAL_HOURS_URL = reverse("wagtail_physio_cliniclocation_modeladmin_special_hours")


@pytest.fixture
def committed_site(transactional_db):
    return ensure_default_site()


def test_a_closure_for_many_locations_waits_for_a_location_being_saved(
    committed_site, django_user_model
):
    """Alice's save of a location is paused inside its transaction while Bob
    replaces its Christmas hours with a closure and adds Boxing Day: Bob waits for
    her commit. Were he not made to wait, her save, resumed, would write back the
    hours she had read over his closure."""
    location = make_location(hours=[])
    carols = SpecialOpeningHours.objects.create(
        location=location,
        date=datetime.date(2024, 12, 25),
        opens=datetime.time(10),
        closes=datetime.time(12),
        note="Carols",
    )
    edit_url = reverse(
        "wagtail_physio_cliniclocation_modeladmin_edit", args=[location.pk]
    )
    alice, bob = Client(), Client()
    alice.force_login(django_user_model.objects.create_superuser("alice", "", "pw"))
    bob.force_login(django_user_model.objects.create_superuser("bob", "", "pw"))
    today = mock.patch("django.utils.timezone.now", return_value=at(2024, 12, 4, 10, 0))
    today.start()
    alice_opened = opened_state(alice.get(edit_url))

    alice_paused = threading.Event()
    bob_done = threading.Event()
    results = {}

    def pause_alice(sender, instance, **kwargs):
        if threading.current_thread() is not alice_thread or alice_paused.is_set():
            return
        alice_paused.set()
        for _ in range(1200):
            if bob_done.is_set():
                return
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    return
            time.sleep(0.05)

    def alice_saves():
        data = edit_post(
            location,
            {
                "id": carols.pk,
                "date": "2024-12-25",
                "opens": "10:00",
                "closes": "12:00",
                "note": "Carols",
            },
            initial=1,
            opened=alice_opened,
        )
        data.update(
            {
                "opening_hours-TOTAL_FORMS": "1",
                "opening_hours-0-weekday": "0",
                "opening_hours-0-opens": "09:00",
                "opening_hours-0-closes": "17:00",
                "opening_hours-0-ORDER": "1",
            }
        )
        try:
            results["alice"] = alice.post(edit_url, data)
        finally:
            connection.close()

    alice_thread = threading.Thread(target=alice_saves)
    post_save.connect(pause_alice, sender=OpeningHours)
    try:
        alice_thread.start()
        assert alice_paused.wait(60), "Alice's save never reached her rows"
        try:
            results["bob"] = bob.post(
                SPECIAL_HOURS_URL,
                bulk_post(
                    [location],
                    last_date="2024-12-26",
                    note="Christmas closure",
                    replace="on",
                ),
            )
        finally:
            bob_done.set()
        alice_thread.join(60)
    finally:
        post_save.disconnect(pause_alice, sender=OpeningHours)
        today.stop()

    assert results["alice"].status_code == 302
    assert results["bob"].status_code == 302
    assert list(
        SpecialOpeningHours.objects.filter(location=location)
        .order_by("date")
        .values_list("date", "note")
    ) == [
        (datetime.date(2024, 12, 25), "Christmas closure"),
        (datetime.date(2024, 12, 26), "Christmas closure"),
    ]
    assert OpeningHours.objects.filter(location=location).count() == 1
