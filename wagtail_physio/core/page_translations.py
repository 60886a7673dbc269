"""The current page in each of the site's languages: the language switch and the
``<link rel="alternate" hreflang>`` tags search engines read.

Each language's entry is the page's translation when a reader may visit it (live
and public), else that language's home page: a reader switching language never
lands on "page not found". Alternates name only real translations, as search
engines expect. One query per request, shared by both; none with i18n off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import get_language_info
from wagtail.coreutils import get_content_languages
from wagtail.models import Site

from .localized_pages import readable
from .pages import annotate_view_restricted, get_page_model
from .translations import (
    active_content_language,
    default_content_language,
    translation_enabled,
)

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page


@dataclass(frozen=True)
class PageInLanguage:
    """Where a reader of ``language_code`` goes from the current page."""

    language_code: str
    #: The language's name in itself ("Cymraeg").
    name: str
    url: str
    full_url: str
    #: The language the reader is reading now.
    is_current: bool
    #: True for the current page's own translation, False for a language's home.
    is_translation: bool


def language_name(code: str, fallback: str, codes: Iterable[str]) -> str:
    """The language's name in itself ("Cymraeg"), as a switch shows it.

    A switch offers languages, not regions: "en-gb" is "English" unless the
    site also has another English.
    """
    base = code.split("-")[0]
    if sum(other.split("-")[0] == base for other in codes) == 1:
        code = base
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return fallback


def page_translations(
    page: Page | None, request: HttpRequest | None
) -> list[PageInLanguage]:
    """Each content language's entry for ``page`` (None: the home pages), in the
    order of ``WAGTAIL_CONTENT_LANGUAGES``; a language with nothing a reader may
    visit is left out. Empty with i18n off or on a site with one language."""
    if not translation_enabled() or request is None:
        return []
    cache = request.__dict__.setdefault("_physio_page_translations", {})
    key = getattr(page, "pk", None)
    if key not in cache:
        cache[key] = load_page_translations(page, request)
    result: list[PageInLanguage] = cache[key]
    return result


def load_page_translations(
    page: Page | None, request: HttpRequest
) -> list[PageInLanguage]:
    languages = get_content_languages()
    site = Site.find_for_request(request)
    if len(languages) < 2 or site is None:
        return []
    # The site's home page in every language, from Wagtail's cached root paths.
    home_paths = [
        root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk
    ]
    wanted = Q(url_path__in=home_paths)
    page_id = getattr(page, "pk", None)
    if page_id is not None:
        wanted |= Q(translation_key=getattr(page, "translation_key", None))
    loaded = list(
        annotate_view_restricted(
            get_page_model().objects.filter(wanted).select_related("locale")
        )
    )
    # The page's own locale, as loaded with the rest: no query of its own.
    own = next((p for p in loaded if page_id is not None and p.pk == page_id), None)
    current = own.locale.language_code if own else active_content_language()
    candidates = [candidate for candidate in loaded if readable(candidate)]
    translations = {
        candidate.locale.language_code: candidate
        for candidate in candidates
        if own is not None and candidate.translation_key == own.translation_key
    }
    homes = {
        candidate.locale.language_code: candidate
        for candidate in candidates
        if candidate.url_path in home_paths
    }
    entries = []
    for code, fallback_name in languages.items():
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        url = target.get_url(request=request)
        if not url:
            continue
        entries.append(
            PageInLanguage(
                language_code=code,
                name=language_name(code, str(fallback_name), languages),
                url=url,
                full_url=target.get_full_url(request=request) or url,
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return entries if len(entries) > 1 else []


def language_switch_context(
    page: Page | None, request: HttpRequest | None
) -> dict[str, Any]:
    """Context of ``includes/language_switch.html``."""
    return {"languages": page_translations(page, request)}


def alternates_context(
    page: Page | None, request: HttpRequest | None
) -> dict[str, Any]:
    """Context of ``includes/language_alternates.html``: the page's translations,
    and ``x-default`` for the site's default language."""
    translations = [
        entry for entry in page_translations(page, request) if entry.is_translation
    ]
    if len(translations) < 2:
        return {"alternates": [], "x_default": None}
    try:
        default = default_content_language()
    except LookupError:
        default = None
    x_default = next(
        (entry for entry in translations if entry.language_code == default), None
    )
    return {"alternates": translations, "x_default": x_default}
