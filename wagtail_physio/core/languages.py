"""The ``lang`` of content next to the package's own words.

A page's words from the package (labels, headings, "Open now") are in the active
language; an editor's content is in the language of its locale. Where the two
differ (a location or banner not yet translated, an English page on a Welsh site),
the content's element says so, so screen readers pronounce it in its language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale

from .translations import translation_enabled

#: The request attribute holding ``{locale id: language code}`` for this request.
_REQUEST_CACHE = "_physio_locale_languages"


def primary_subtag(language_code: str) -> str:
    """The language without its region, "en" for "en-gb": British and American
    English are one language for ``lang``."""
    return language_code.replace("_", "-").split("-")[0].lower()


def locale_languages(request: Any = None) -> dict[int, str]:
    """Every locale's language code by id: one query, kept on the request."""
    found = getattr(request, _REQUEST_CACHE, None) if request is not None else None
    if found is None:
        found = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            setattr(request, _REQUEST_CACHE, found)
    return found


def content_language(locale_id: Any, request: Any = None) -> str:
    """The language code of the locale ``locale_id`` when it is not the active
    language, else "" (nothing to mark).

    Without Wagtail's i18n all content is in the site's one language: no query.
    """
    if not locale_id or not translation_enabled():
        return ""
    try:
        language = locale_languages(request).get(int(locale_id), "")
    except (TypeError, ValueError):
        return ""
    active = get_language() or settings.LANGUAGE_CODE
    if not language or primary_subtag(language) == primary_subtag(active):
        return ""
    return language
