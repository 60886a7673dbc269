"""Settings shared by the example clinic site's development and production modes."""

from importlib.util import find_spec
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "wagtail_physio",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# Editors translate pages with wagtail-localize when it is installed (the
# "example" extra); else with Wagtail's own locale management, which copies a page
# into the other language for editing (docs/bilingual.md).
TRANSLATION_APPS = (
    ["wagtail_localize", "wagtail_localize.locales"]
    if find_spec("wagtail_localize")
    else ["wagtail.locales"]
)
INSTALLED_APPS += TRANSLATION_APPS

#: Picks the reader's language from the address (/cy/…); after sessions.
LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    LOCALE_MIDDLEWARE,
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR.parent / "templates"],
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

WSGI_APPLICATION = "clinic_site.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# A bilingual clinic: English at /, Welsh at /cy/ (clinic_site/urls.py).
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Harbourside Physiotherapy"
# Long condition pages post thousands of form fields; as `wagtail start` sets it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAIL_PHYSIO = {
    # Condition pages sit inside the example site's own header and footer.
    "BASE_TEMPLATE": "base.html",
    # base.html links the package stylesheet itself, for every page type.
    "INCLUDE_STYLESHEET": False,
}
