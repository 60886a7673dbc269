"""Production: every secret, host and service comes from the environment.

The variables are listed in docs/deployment.md. A missing one stops the site at
start-up with one sentence naming it, instead of running half-configured.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE as BASE_MIDDLEWARE


def missing(name: str, description: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"Set the {name} environment variable: {description} (see docs/deployment.md)."
    )


def env(name: str, description: str) -> str:
    """The value of a required environment variable; a blank value is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise missing(name, description)
    return value


DEBUG = False

SECRET_KEY = env("SECRET_KEY", "a long random string kept out of the code")

_HOSTS = "the site's host names, separated by commas, e.g. www.example.com"
ALLOWED_HOSTS = [
    h.strip() for h in env("ALLOWED_HOSTS", _HOSTS).split(",") if h.strip()
]
if not ALLOWED_HOSTS:
    raise missing("ALLOWED_HOSTS", _HOSTS)

_ADMIN_URL = "the site's address starting with https://, for links in emails"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", _ADMIN_URL).rstrip("/")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise missing("WAGTAILADMIN_BASE_URL", _ADMIN_URL)

# Connections are kept for ten minutes and checked before each request reuses
# one, so a database restart costs one reconnect rather than failed requests.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "the database as a URL, e.g. postgres://user@host/db"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}

# django-redis rather than Django's own RedisCache: Django's raises on every
# cache call while Redis is down, and Wagtail's site lookup and the notice
# banners use the cache on every page view. With IGNORE_EXCEPTIONS a dead Redis
# is a cache miss (the page is built from the database) and a hung one costs at
# most the socket timeouts per call; each failure is logged.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("REDIS_URL", "the cache as a URL, e.g. redis://host:6379/0"),
        "KEY_PREFIX": "clinic_site",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# WhiteNoise serves the collected static files (run collectstatic when
# deploying) with far-future cache headers for the hashed names. It goes straight
# after SecurityMiddleware, which comes first so its redirect to HTTPS and its
# headers cover every response.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *(
        m
        for m in BASE_MIDDLEWARE
        if m != "django.middleware.security.SecurityMiddleware"
    ),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS only, behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Browsers remember to use HTTPS for a year, subdomains included
# (docs/deployment.md says what that commits the site to).
_HSTS = os.environ.get("SECURE_HSTS_SECONDS", "").strip() or "31536000"
if not _HSTS.isdigit():
    raise missing("SECURE_HSTS_SECONDS", "a whole number of seconds, or leave it unset")
SECURE_HSTS_SECONDS = int(_HSTS)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Warnings and errors (a failed request, an unreachable Redis) go to standard
# error for the process manager to collect; Django's default only emails ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
