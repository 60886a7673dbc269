"""Local development: SQLite, debug on, a throwaway secret key."""

from .base import *  # noqa: F403

DEBUG = True
# Only for running the demo on your own machine; production.py reads a real one.
SECRET_KEY = "django-insecure-example-clinic-site-for-local-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
