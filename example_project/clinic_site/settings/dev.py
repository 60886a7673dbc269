"""Local development: SQLite, debug on, a throwaway secret key."""

import django

from .base import *  # noqa: F403

DEBUG = True
# Only for running the demo on your own machine; production.py reads a real one.
SECRET_KEY = "django-insecure-example-clinic-site-for-local-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Review reminders print to the console. Django 6.1 replaces EMAIL_BACKEND with
# MAILERS (the old setting warns until Django 2028).
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
