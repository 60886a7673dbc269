"""Settings for the soak test (benchmarks/soak.py): the example site on PostgreSQL.

The example site's apps, middleware and templates (``clinic_site.settings.base``)
with ``DEBUG`` off, the soak's own database and media folder, and the cache the soak
asks for: Redis shared by every worker, or Django's per-process ``LocMemCache``.
Static files are not served; the soak requests pages only.

Set by soak.py through the environment: ``SOAK_DATABASE_URL``, ``SOAK_CACHE``
(``redis`` or ``locmem``), ``SOAK_REDIS_URL``, ``SOAK_CACHE_PREFIX`` and
``SOAK_MEDIA_ROOT``.
"""

import os
import time

import dj_database_url

from clinic_site.settings.base import *  # noqa: F403
from clinic_site.settings.base import INSTALLED_APPS as BASE_APPS
from clinic_site.settings.base import MIDDLEWARE as BASE_MIDDLEWARE

DEBUG = False
SECRET_KEY = "soak-test-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get(
            "SOAK_DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/wagtail_physio_soak",
        ),
        # As a production site keeps them: each worker reuses its connection.
        conn_max_age=600,
    )
}
# Wagtail's database search backend uses PostgreSQL's full-text indexes.
INSTALLED_APPS = [*BASE_APPS, "django.contrib.postgres"]

if os.environ.get("SOAK_CACHE", "redis") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/0"),
            # A prefix of its own per run: nothing is cleared, nobody else's keys
            # are touched, and one run never reads what an earlier one cached.
            "KEY_PREFIX": os.environ.get("SOAK_CACHE_PREFIX", "wagtail-physio-soak"),
        }
    }

MEDIA_ROOT = os.environ.get("SOAK_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405


def worker_headers(get_response):
    """Name the process that answered and when it started on the request.

    ``X-Soak-Pid`` tells gunicorn's workers apart; ``X-Soak-Started`` is
    ``time.monotonic()`` when the request reached Django, on the same clock as the
    soak's changes (one machine), so a response can be placed before or after one.
    """
    pid = str(os.getpid())

    def middleware(request):
        started = time.monotonic()
        response = get_response(request)
        response["X-Soak-Pid"] = pid
        response["X-Soak-Started"] = f"{started:.6f}"
        return response

    return middleware


# Outermost, so the time is taken before any other middleware reads the database.
MIDDLEWARE = ["soak_settings.worker_headers", *BASE_MIDDLEWARE]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
