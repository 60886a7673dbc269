"""Settings for the test suite.

The database comes from ``DATABASE_URL`` (SQLite in memory when unset), so the same
suite runs on SQLite and on a real PostgreSQL server.
"""

import os
import tempfile

import dj_database_url
import django

from clinic_site.settings import base as example_settings

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

# The example clinic site's apps and middleware, plus the test app: the suite runs
# the package the way the example project installs it, in one language (the
# bilingual run, tests/bilingual/, adds the second).
INSTALLED_APPS = [
    "tests.testapp",
    *(
        app
        for app in example_settings.INSTALLED_APPS
        if app not in example_settings.TRANSLATION_APPS
    ),
]
MIDDLEWARE = [
    # Outermost: lets a browser test's fixtures wait for the live server's requests.
    "tests.live_requests.track_live_requests",
    *(
        name
        for name in example_settings.MIDDLEWARE
        if name != example_settings.LOCALE_MIDDLEWARE
    ),
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite://:memory:"), conn_max_age=0
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text indexes there.
    INSTALLED_APPS.append("django.contrib.postgres")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if os.environ.get("REDIS_URL"):
    # Tests clear the cache, which empties a whole Redis database: each
    # pytest-xdist worker (gw0, gw1, ...) gets a database of its own after the
    # one REDIS_URL names.
    _redis_url, _, _redis_db = os.environ["REDIS_URL"].rpartition("/")
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")[2:]
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"{_redis_url}/{int(_redis_db or 0) + int(_worker) + 1}",
        "KEY_PREFIX": f"wagtail-physio-tests-{os.getpid()}",
    }

# One process: the render cache may use the LocMemCache (docs/caching.md).
WAGTAIL_PHYSIO = {"RENDER_CACHE_PROCESS_LOCAL": True}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(tempfile.gettempdir(), "wagtail-physio-tests-static")
MEDIA_URL = "/media/"
# conftest.py points this at a fresh temporary folder for every test.
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), "wagtail-physio-tests-media")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Test clinic"
DATA_UPLOAD_MAX_NUMBER_FIELDS = example_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Mail: the test environment swaps in the locmem backend for whichever setting is
# in use. Django 6.1 replaces EMAIL_BACKEND with MAILERS and warns without one.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
