"""Regenerate ``docs/screenshots/`` from the demo clinic in Chromium.

Run it by name (it is not part of the suite: the file name does not start with
``test_``)::

    pytest tests/demo/screenshots.py -n 0

It loads the demo as ``manage.py demo`` does (the ``demo_site`` fixture), raises
one banner of each severity in turn, logs in as the demo admin, and writes PNGs
that the README and docs show. ``tests/test_docs_screenshots.py`` fails when a
page of the docs refers to a screenshot that is not there.
"""

import secrets
from pathlib import Path

import pytest

from tests.factories import make_notice
from wagtail_physio.models import ConditionPage, NoticeBanner

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

BANNERS = {
    "info": "<p>Our Riverside clinic now opens on <b>Saturday mornings</b>.</p>",
    "warning": "<p>Road works on Quay Street: allow ten extra minutes to park.</p>",
    "urgent": (
        "<p><b>Online booking is down.</b> Please call us to book or change an "
        "appointment.</p>"
    ),
}


def shoot(target, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    target.screenshot(path=str(path), animations="disabled")
    return path


def test_regenerate_screenshots(demo_site, browser, django_db_blocker, settings):
    from django.contrib.auth import get_user_model

    from clinic_site.settings import base as example_settings

    # As the demo runs: inside the example clinic's own header and footer.
    settings.TEMPLATES = example_settings.TEMPLATES
    settings.STATICFILES_DIRS = example_settings.STATICFILES_DIRS
    settings.WAGTAIL_PHYSIO = example_settings.WAGTAIL_PHYSIO

    # Committed, as the demo itself is: the live server reads its own connection.
    with django_db_blocker.unblock():
        password = secrets.token_urlsafe(12)
        admin = get_user_model().objects.get(username="admin")
        admin.set_password(password)
        admin.save()
        condition = ConditionPage.objects.get(slug="back-surgery")
        url = demo_site.url + condition.url
        NoticeBanner.objects.all().update(is_active=False)

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(url)
    shoot(page, "condition-page-desktop")
    shoot(page.locator(".physio-urgent").first, "urgent-advice")
    shoot(page.locator(".physio-questions").first, "questions")
    # The demo's Christmas closure shows once it is within the next 30 days.
    quayside = page.locator(".physio-location", has_text="Quayside").first
    shoot(quayside, "location-special-hours")

    dark = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    dark_page = dark.new_page()
    dark_page.goto(url)
    shoot(dark_page.locator(".physio-urgent").first, "urgent-advice-dark")
    shoot(dark_page.locator(".physio-do-dont").first, "do-dont-dark")
    dark.close()

    phone = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    phone_page = phone.new_page()
    phone_page.goto(url)
    shoot(phone_page, "condition-page-phone")
    phone.close()

    for severity, message in BANNERS.items():
        with django_db_blocker.unblock():
            banner = make_notice(message=message, severity=severity)
        try:
            page.goto(demo_site.url + "/")
            shoot(page.locator(".physio-notices").first, f"banner-{severity}")
        finally:
            with django_db_blocker.unblock():
                banner.delete()

    page.goto(demo_site.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.goto(f"{demo_site.url}/admin/pages/{condition.pk}/edit/")
    page.get_by_role("button", name="Insert a block").first.click()
    page.wait_for_timeout(300)  # the chooser's opening transition
    shoot(page, "editor-block-chooser")
    page.goto(demo_site.url + "/admin/physio/reviews-due/")
    shoot(page, "review-report")
    context.close()

    written = {path.stem for path in SCREENSHOTS.glob("*.png")}
    assert {
        "condition-page-desktop",
        "condition-page-phone",
        "urgent-advice",
    } <= written


pytestmark = pytest.mark.django_db
