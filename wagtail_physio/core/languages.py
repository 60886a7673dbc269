"""The ``lang`` of content next to the package's own words.

A page's words from the package (labels, headings, "Open now") are in the active
language; an editor's content is in the language of its locale. Where the two
differ (a location or banner not yet translated, an English page on a Welsh site),
the content's element says so, so screen readers pronounce it in its language.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Locale

from .translations import translation_enabled

#: How long this process trusts its copy of the locales, in seconds. A new locale
#: is read at once (an unknown id reloads); only a locale whose language code is
#: changed can be marked with the old one, in other processes, for this long.
LOCALES_TRUSTED_FOR = 60.0

# {locale id: language code}, and when it was read (time.monotonic()).
_locales: dict[int, str] = {}
_locales_read_at = float("-inf")


def primary_subtag(language_code: str) -> str:
    """The language without its region, "en" for "en-gb": British and American
    English are one language for ``lang``."""
    return language_code.replace("_", "-").split("-")[0].lower()


def locale_languages(locale_id: int | None = None) -> dict[int, str]:
    """Every locale's language code by id. Kept in the process: a site has a few
    locales and they seldom change, so reading them costs a query only once a
    minute, or when ``locale_id`` is one not seen yet."""
    global _locales, _locales_read_at
    stale = time.monotonic() - _locales_read_at > LOCALES_TRUSTED_FOR
    if stale or (locale_id is not None and locale_id not in _locales):
        _locales = dict(Locale.objects.values_list("pk", "language_code"))
        _locales_read_at = time.monotonic()
    return _locales


def forget_locales(**kwargs: Any) -> None:
    """A locale saved or deleted in this process: read them again next time."""
    global _locales_read_at
    _locales_read_at = float("-inf")


def connect_signals() -> None:
    """Called from the app's ``ready()``."""
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="physio_locales")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="physio_locales")


def content_language(locale_id: Any) -> str:
    """The language code of the locale ``locale_id`` when it is not the active
    language, else "" (nothing to mark).

    Without Wagtail's i18n all content is in the site's one language: no query;
    with it, the locales are read once a minute (``locale_languages``).
    """
    if not locale_id or not translation_enabled():
        return ""
    try:
        locale_id = int(locale_id)
    except (TypeError, ValueError):
        return ""
    language = locale_languages(locale_id).get(locale_id, "")
    active = get_language() or settings.LANGUAGE_CODE
    if not language or primary_subtag(language) == primary_subtag(active):
        return ""
    return language
