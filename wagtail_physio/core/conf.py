"""Package settings: one ``WAGTAIL_PHYSIO`` dict, with every default documented here.

Read settings through ``physio_settings.NAME``. Values are looked up lazily and the
cache is dropped on Django's ``setting_changed`` signal, so ``override_settings``
works in tests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTINGS_NAME = "WAGTAIL_PHYSIO"

DEFAULTS: dict[str, Any] = {
    # Template every package page template extends. A project points this at its
    # own base template so condition pages sit inside the site's header and footer.
    # The template must define ``{% block content %}``.
    "BASE_TEMPLATE": "wagtail_physio/base.html",
    # Region used to read phone numbers typed without an international prefix
    # (ISO 3166-1 alpha-2), e.g. "01514960000" read as a GB number.
    "PHONE_DEFAULT_REGION": "GB",
    # Rich text features offered by ParagraphBlock. Kept short on purpose: health
    # content reads best as short paragraphs, lists and links.
    "PARAGRAPH_FEATURES": ["bold", "italic", "link", "ol", "ul"],
    # Whether page templates add the package stylesheet. Turn off to style the
    # markup entirely from the project.
    "INCLUDE_STYLESHEET": True,
    # Parts of a condition page a site's own templates may already have: the
    # breadcrumb trail (also on the conditions index), the share links and the
    # "Back to top" link. Set to False to leave the package's out. The
    # structured data keeps its BreadcrumbList either way.
    "SHOW_BREADCRUMBS": True,
    "SHOW_SHARE_LINKS": True,
    "SHOW_BACK_TO_TOP": True,
    # Image rendition filters used for responsive images: ``srcset`` widths and
    # the ``sizes`` attribute of <img>.
    "IMAGE_WIDTHS": [480, 800, 1200],
    "IMAGE_SIZES": "(min-width: 60em) 48rem, 100vw",
    # Country used for clinic addresses when an editor leaves it blank.
    "DEFAULT_COUNTRY": "GB",
    # schema.org type of the clinic and each location in structured data: one of
    # CLINIC_SCHEMA_TYPES in locations/structured_data.py ("MedicalClinic", "Physiotherapy",
    # "MedicalBusiness").
    "CLINIC_SCHEMA_TYPE": "MedicalClinic",
    # Which pages {% physio_structured_data %} describes with a page node (WebPage,
    # or MedicalWebPage on condition pages) and its BreadcrumbList: "all" pages,
    # "package_pages" only (condition pages and their index; a site's other pages
    # get the website, clinic and locations only) or "none".
    "STRUCTURED_DATA_PAGE_NODES": "all",
    # Where the clinic is named the ``publisher``: "all" (the website and every
    # page), "package_pages" (the package's pages only, not the website or a
    # site's blog posts) or "none".
    "STRUCTURED_DATA_PUBLISHER": "all",
    # Map service a clinic location links to when the editor gives no map link of
    # its own: a key of MAP_URL_TEMPLATES.
    "MAP_PROVIDER": "openstreetmap",
    # Plain web links per map service, so no API key is ever needed. "coordinates"
    # gets {lat} and {lon}; "address" gets {query}, the URL-encoded address.
    "MAP_URL_TEMPLATES": {
        "openstreetmap": {
            "coordinates": "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
            "address": "https://www.openstreetmap.org/search?query={query}",
        },
        "google": {
            "coordinates": "https://www.google.com/maps/search/?api=1&query={lat}%2C{lon}",
            "address": "https://www.google.com/maps/search/?api=1&query={query}",
        },
        "apple": {
            "coordinates": "https://maps.apple.com/?ll={lat},{lon}&q={lat},{lon}",
            "address": "https://maps.apple.com/?q={query}",
        },
    },
    # How {% physio_notice_banners %} puts notices on pages: "server" renders them
    # into the HTML (works without JavaScript); "client" leaves a container that a
    # script fills from a JSON endpoint, for sites whose HTML sits in a CDN cache.
    "NOTICE_BANNER_MODE": "server",
    # Cache-Control max-age (seconds) of the notice JSON endpoint in client mode:
    # the longest a scheduled notice can appear or vanish late.
    "NOTICE_BANNER_MAX_AGE": 60,
    # Longest time (seconds) the rendered HTML of notice banners stays in Django's
    # cache. Which banners show is read on every request (one query), so this only
    # bounds how long a moved page link or a redeployed template keeps its old
    # form. 0 turns the cache off.
    "NOTICE_BANNER_CACHE_TIMEOUT": 300,
    # Whether condition pages and the conditions index keep their rendered article
    # and structured data in Django's cache, keyed by revision and by the versions
    # of everything they show (see docs/caching.md). False renders every request.
    "RENDER_CACHE": True,
    # The CACHES alias it uses; it must be shared by every process serving the
    # site (Redis, Memcached, the database cache).
    "RENDER_CACHE_ALIAS": "default",
    # Longest time (seconds) a rendering is kept. Changes never wait for it (they
    # change the key); it bounds memory and any change made behind the ORM's back.
    "RENDER_CACHE_TIMEOUT": 3600,
    # Longest time (seconds) a search of the conditions index is kept, per exact
    # query: short, as every new query makes an entry. 0 never caches searches.
    "RENDER_CACHE_SEARCH_TIMEOUT": 60,
    # Change on each deploy (e.g. the release's commit) so changed templates or
    # code render afresh; the package's own version is part of the key already.
    "RENDER_CACHE_VERSION": "",
    # Use the render cache even when the alias is Django's LocMemCache, which each
    # process keeps to itself. Only for a site served by one process (and tests):
    # with several workers, an edit seen by one would not reach the others.
    "RENDER_CACHE_PROCESS_LOCAL": False,
    # Months between clinical reviews of a page, unless the page sets its own
    # interval. Twelve months follows common practice for patient information.
    "REVIEW_INTERVAL_MONTHS": 12,
    # Where ``manage.py physio_review_reminders`` sends its emails: an address
    # (or list of addresses) for all pages, or None to email each page's owner.
    "REVIEW_REMINDER_EMAIL": None,
    # Conditions listed per page of the conditions index before it paginates.
    "CONDITIONS_PER_PAGE": 50,
    # Alphabets of the conditions index's A–Z, by language code: a list of letters
    # in order as the navigation shows them (multi-character letters allowed,
    # e.g. Welsh "Ll"), or the dotted path of one. Added to the built-in English
    # and Welsh ("cy") ones; other languages use A–Z (docs/finding-conditions.md).
    "ALPHABETS": {},
    # Who the urgent-advice block tells readers to call, by level: a "number"
    # (tap-to-call; short numbers such as 999 allowed) and the "name" readers know
    # it by. UK defaults; "non_urgent" advice points to the clinic's own number.
    "URGENT_ADVICE_CONTACTS": {
        "emergency": {"number": "999", "name": "999"},
        "urgent": {"number": "111", "name": "NHS 111"},
    },
}


class PhysioSettings:
    """Attribute access to ``WAGTAIL_PHYSIO`` with defaults filled in."""

    def __init__(self, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self._cached: dict[str, Any] = {}

    @property
    def user_settings(self) -> dict[str, Any]:
        value = getattr(settings, SETTINGS_NAME, {}) or {}
        # Not a dict: system check E001 says so, and everything else uses defaults.
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name: str) -> Any:
        if name not in self.defaults:
            raise AttributeError(f"Invalid {SETTINGS_NAME} setting: {name!r}")
        if name not in self._cached:
            self._cached[name] = self.user_settings.get(name, self.defaults[name])
        return self._cached[name]

    def reload(self) -> None:
        self._cached.clear()


physio_settings = PhysioSettings(DEFAULTS)


@receiver(setting_changed)
def reload_physio_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        physio_settings.reload()
