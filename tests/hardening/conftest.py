"""The hostile-input suite's site, editors and readers.

Set ``PHYSIO_HARDENING_COUNTS`` to a file path to have the counts of what was
checked written there as JSON at the end of the run (for the README); nothing is
printed otherwise. Run with ``-n 0``: each xdist worker would count only its own
tests.
"""

import json
import logging
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from wagtail.models import GroupPagePermission

from tests.factories import make_admin_user, make_home_page, make_image

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(scope="module", autouse=True)
def hardening_settings():
    """Pages sit in a site template placing every site-wide tag: banners first in
    the body, the JSON-LD in the head and the "Get in touch" panel in the footer.

    Once per module rather than per test: a new TEMPLATES setting empties the
    template cache, and the admin's hundreds of templates would be read and
    compiled again for every test.
    """
    with override_settings(
        TEMPLATES=[{**settings.TEMPLATES[0], "DIRS": [str(TEMPLATES_DIR)]}],
        WAGTAIL_PHYSIO={"BASE_TEMPLATE": "hardening/base.html"},
    ):
        yield


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def nothing_fails_quietly():
    """The package logs an error and leaves out a paragraph or banner that fails
    to render, rather than answer 500: here nothing may fail that way either.

    Its warnings (a link or address left out) are what hostile input should
    cause, and are not recorded at all: thousands of them would only slow the
    suite down.
    """
    logger = logging.getLogger("wagtail_physio")
    collect = Collect()
    level = logger.level
    logger.setLevel(logging.ERROR)
    logger.addHandler(collect)
    yield
    logger.removeHandler(collect)
    logger.setLevel(level)
    formatter = logging.Formatter()
    failures = [
        record.getMessage()
        + ("\n" + formatter.formatException(record.exc_info) if record.exc_info else "")
        for record in collect.records
    ]
    assert not failures, "\n".join(failures)


@pytest.fixture
def home(site):
    """The project's own home page at the root of the default site."""
    home = make_home_page("Riverside clinic", "riverside")
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def image(db):
    return make_image("Stretching")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editors(home):
    """One logged-in client per admin task, each holding only what the task needs.

    Page editors may add, change and publish pages below the home page (and so
    see the review report); the others may add, change and view their own model
    (and delete locations: the delete view lists the pages showing one).
    """
    page_editor = make_admin_user("page-editor")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=page_editor.groups.get(),
            page=home,
            permission=Permission.objects.get(codename=codename),
        )

    def model_editor(name, model, actions=("add", "change", "view")):
        return make_admin_user(
            name, *(f"wagtail_physio.{action}_{model}" for action in actions)
        )

    return {
        "page": logged_in(page_editor),
        "location": logged_in(
            model_editor(
                "location-editor", "cliniclocation", ("add", "change", "view", "delete")
            )
        ),
        "banner": logged_in(model_editor("banner-editor", "noticebanner")),
        "category": logged_in(model_editor("category-editor", "conditioncategory")),
        "contact": logged_in(
            model_editor("contact-editor", "cliniccontactsettings", ("change",))
        ),
    }


def pytest_sessionfinish(session):
    from .reading import TALLY

    path = os.environ.get("PHYSIO_HARDENING_COUNTS")
    if not path or not TALLY:  # not asked, or the xdist controller
        return

    counts = {f"{route} / {output}": n for (route, output), n in sorted(TALLY.items())}
    Path(path).write_text(json.dumps(counts, indent=2) + "\n")
