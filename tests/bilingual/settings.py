"""The test settings for a bilingual clinic site: English and Welsh, translated
with wagtail-localize, English pages at ``/`` and Welsh ones at ``/cy/``."""

from pathlib import Path

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS, MIDDLEWARE, TEMPLATES

INSTALLED_APPS = [
    *INSTALLED_APPS,
    # In place of wagtail.locales, as wagtail-localize's documentation says.
    "wagtail_localize",
    "wagtail_localize.locales",
]

_SESSIONS = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
MIDDLEWARE = [
    *MIDDLEWARE[: _SESSIONS + 1],
    # After sessions, before common: it picks the language from the URL prefix.
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[_SESSIONS + 1 :],
]
ROOT_URLCONF = "tests.bilingual.urls"

WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
]

# The bilingual base template (with the language switch) comes before the test
# app's own.
TEMPLATES = [
    {
        **TEMPLATES[0],
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]

WAGTAIL_PHYSIO = {
    # Package pages render inside the base template above.
    "BASE_TEMPLATE": "base.html",
}
