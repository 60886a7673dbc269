"""Two editors and two processes (issue 10): a form opened before someone else's
save is refused and says what changed; racing opening-hours saves never store a
clash; a banner changed in another worker process shows on the next request."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import (
    banner_form,
    make_home_page,
    make_location,
    make_notice,
    notice_admin_url,
)
from tests.factories.browser import ensure_default_site
from tests.factories.notices import notice_texts
from wagtail_physio.models import ClinicLocation, OpeningHours

ROOT = Path(__file__).resolve().parent.parent
OPENED_STATE = "physio_opened_state"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks and a database another connection or process can see "
    "(PostgreSQL: DATABASE_URL=postgres://...)",
)


def opened_state(response):
    """The hidden field recording what the edit form was opened on, if it has one,
    as the browser would post it back."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one(f'input[name="{OPENED_STATE}"]')
    return {OPENED_STATE: field["value"]} if field else {}


def page_messages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.select_one(".messages").get_text(" ").split())


# -- Notice banners -------------------------------------------------------------


def test_a_stale_banner_form_is_refused_and_says_what_changed(admin_client, site):
    banner = make_notice(message="<p>Online booking is down.</p>", severity="urgent")
    edit_url = notice_admin_url("edit", banner.pk)
    # Two editors open the banner.
    alice_opened = opened_state(admin_client.get(edit_url))
    bob_opened = opened_state(admin_client.get(edit_url))

    # Alice switches it off: booking works again.
    response = admin_client.post(
        edit_url,
        {
            **banner_form("<p>Online booking is down.</p>", is_active=False),
            **alice_opened,
        },
    )
    assert response.status_code == 302

    # Bob, still on the form he opened before, rewords it (and would switch it on).
    response = admin_client.post(
        edit_url,
        {**banner_form("<p>Online booking is down until 2pm.</p>"), **bob_opened},
    )
    assert response.status_code == 200
    assert (
        "Someone else saved this notice banner after you opened it and changed: "
        "Switched on." in page_messages(response)
    )
    banner.refresh_from_db()
    assert banner.is_active is False
    assert "until 2pm" not in banner.message

    # Told what changed, Bob saves again on purpose: that goes through.
    response = admin_client.post(
        edit_url,
        {
            **banner_form("<p>Online booking is down until 2pm.</p>"),
            **opened_state(response),
        },
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.is_active is True
    assert "Online booking is down until 2pm." in banner.message


def test_an_unchanged_banner_saves_as_before(admin_client, site):
    banner = make_notice(message="<p>Online booking is down.</p>", severity="urgent")
    edit_url = notice_admin_url("edit", banner.pk)
    opened = opened_state(admin_client.get(edit_url))
    assert opened  # the form carries what it was opened on
    response = admin_client.post(
        edit_url, {**banner_form("<p>Phone to book.</p>"), **opened}
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert "Phone to book." in banner.message


# -- Clinic locations -----------------------------------------------------------


def location_url(action, *args):
    return reverse(f"wagtail_physio_cliniclocation_modeladmin_{action}", args=args)


def location_edit_post(location, rows, opened, **overrides):
    """The edit form as the browser posts it: ``rows`` are (id or None, weekday,
    opens, closes); the existing rows come first, as the form lists them."""
    fields = {
        "name": location.name,
        "host_building": "",
        "address_line_1": location.address_line_1,
        "address_line_2": "",
        "town": location.town,
        "postcode": location.postcode,
        "country": location.country,
        "phone": location.phone,
        "email": "",
        "latitude": "",
        "longitude": "",
        "map_url": "",
        "visitor_notes": "",
        "sort_order": "0",
        "is_active": "on",
        "site": "",
        **overrides,
    }
    forms = []
    for order, (row_id, day, opens, closes) in enumerate(rows, start=1):
        form = {"weekday": str(day), "opens": opens, "closes": closes}
        form["ORDER"] = str(order)
        if row_id:
            form["id"] = str(row_id)
        forms.append(form)
    fields["opening_hours"] = inline_formset(
        forms, initial=sum(1 for row in rows if row[0])
    )
    return {**nested_form_data(fields), **opened}


def stored_hours(location):
    return sorted(
        (h.weekday, h.opens.strftime("%H:%M"), h.closes.strftime("%H:%M"))
        for h in OpeningHours.objects.filter(location=location)
    )


def test_a_stale_location_form_is_refused_and_says_what_changed(admin_client):
    location = make_location(hours=[(0, "09:00", "12:00")])
    morning = location.opening_hours.get()
    edit_url = location_url("edit", location.pk)
    alice_opened = opened_state(admin_client.get(edit_url))
    bob_opened = opened_state(admin_client.get(edit_url))

    # Alice adds Monday afternoon.
    response = admin_client.post(
        edit_url,
        location_edit_post(
            location,
            [(morning.pk, 0, "09:00", "12:00"), (None, 0, "13:00", "17:00")],
            alice_opened,
        ),
    )
    assert response.status_code == 302

    # Bob, on his older form, adds a lunchtime clinic: no clash with what he sees.
    response = admin_client.post(
        edit_url,
        location_edit_post(
            location,
            [(morning.pk, 0, "09:00", "12:00"), (None, 0, "12:30", "14:00")],
            bob_opened,
            phone="0151 496 0777",
        ),
    )
    assert response.status_code == 200
    assert (
        "Someone else saved this clinic location after you opened it and changed: "
        "Opening hours." in page_messages(response)
    )
    # Alice's hours are kept, and Bob's other change waits for him too.
    assert stored_hours(location) == [(0, "09:00", "12:00"), (0, "13:00", "17:00")]
    location.refresh_from_db()
    assert location.phone == "0151 496 0313"


def test_a_location_form_names_every_field_changed_since_it_was_opened(admin_client):
    location = make_location(hours=[(0, "09:00", "12:00")])
    morning = location.opening_hours.get()
    edit_url = location_url("edit", location.pk)
    opened = opened_state(admin_client.get(edit_url))
    ClinicLocation.objects.filter(pk=location.pk).update(
        phone="0151 496 0999", town="Millbrook"
    )
    response = admin_client.post(
        edit_url,
        location_edit_post(location, [(morning.pk, 0, "09:00", "12:00")], opened),
    )
    assert response.status_code == 200
    message = page_messages(response)
    assert "changed: Town or city, Phone number." in message


@pytest.fixture
def committed_site(transactional_db):
    """The default site, for tests whose data other connections or processes must
    see (committed, and flushed after, which removes Wagtail's own rows too)."""
    return ensure_default_site()


@on_postgresql
def test_racing_opening_hours_saves_never_combine_into_a_clash(
    committed_site, django_user_model
):
    """Alice's save is paused inside its transaction (after writing her rows) while
    Bob saves from a form opened before hers: Bob must wait for her commit and then
    be refused, not store his period beside hers or undo hers."""
    location = make_location(hours=[(0, "09:00", "12:00")])
    morning = location.opening_hours.get()
    edit_url = location_url("edit", location.pk)
    alice, bob = Client(), Client()
    alice.force_login(django_user_model.objects.create_superuser("alice", "", "pw"))
    bob.force_login(django_user_model.objects.create_superuser("bob", "", "pw"))
    alice_opened = opened_state(alice.get(edit_url))
    bob_opened = opened_state(bob.get(edit_url))

    alice_paused = threading.Event()
    bob_done = threading.Event()
    results = {}

    def pause_alice(sender, instance, **kwargs):
        if threading.current_thread() is not alice_thread or alice_paused.is_set():
            return
        alice_paused.set()
        # Hold Alice's transaction open until Bob is waiting for a lock, or has
        # finished without waiting for one.
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
        try:
            results["alice"] = alice.post(
                edit_url,
                location_edit_post(
                    location,
                    [(morning.pk, 0, "09:00", "12:00"), (None, 0, "13:00", "17:00")],
                    alice_opened,
                ),
            )
        finally:
            connection.close()

    alice_thread = threading.Thread(target=alice_saves)
    post_save.connect(pause_alice, sender=OpeningHours)
    try:
        alice_thread.start()
        assert alice_paused.wait(60), "Alice's save never reached her rows"
        try:
            results["bob"] = bob.post(
                edit_url,
                location_edit_post(
                    location,
                    [(morning.pk, 0, "09:00", "12:00"), (None, 0, "12:30", "14:00")],
                    bob_opened,
                ),
            )
        finally:
            bob_done.set()
        alice_thread.join(60)
    finally:
        post_save.disconnect(pause_alice, sender=OpeningHours)

    assert results["alice"].status_code == 302
    assert results["bob"].status_code == 200
    assert "Opening hours" in page_messages(results["bob"])
    assert stored_hours(location) == [(0, "09:00", "12:00"), (0, "13:00", "17:00")]


# -- Banners across worker processes ----------------------------------------------

#: Another worker process: its own Django, its own (empty) LocMemCache.
OTHER_PROCESS = """
import sys
import django
django.setup()
from wagtail_physio.models import NoticeBanner
banner = NoticeBanner.objects.get(pk=int(sys.argv[1]))
banner.is_active = False
banner.save()
NoticeBanner.objects.create(message="<p>We are closed today.</p>", severity="urgent")
"""


def database_url():
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@on_postgresql
def test_a_banner_changed_in_another_process_shows_on_the_next_request(
    client, committed_site
):
    committed_site.root_page = make_home_page("Riverside clinic", "riverside")
    committed_site.save()
    # Django's default cache: per process, so the other process cannot clear ours.
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        banner = make_notice(message="<p>Online booking is down.</p>")
        assert notice_texts(client.get("/")) == ["Notice: Online booking is down."]

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_project")]),
        }
        env.pop("REDIS_URL", None)
        env.pop("PYTEST_XDIST_WORKER", None)
        other = subprocess.run(
            [sys.executable, "-c", OTHER_PROCESS, str(banner.pk)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert other.returncode == 0, other.stderr

        assert notice_texts(client.get("/")) == ["Urgent notice: We are closed today."]
