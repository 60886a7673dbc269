"""Rendered output as a cached product of a revision (docs/caching.md).

A package page's article and JSON-LD are stored in Django's cache under a key made
of what they were rendered from: the page's live revision, the site, language and
locale, today's date, the package's settings and deploy version, and one *version*
per kind of thing a page shows (pages, images, locations...). A version is a random
token in the same shared cache, replaced by signal receivers whenever something of
its kind changes, so every worker's next request misses and renders afresh. Entries
are never deleted to be correct; they are simply never asked for again.

Parts that change by the minute ("open now") stay out: a template marks them with
``{% physio_per_request %}``, the stored HTML keeps a hole there, and each request
fills the holes from data stored with the entry.

A cache that fails is logged, left alone for ``CACHE_RETRY_SECONDS`` and replaced
by rendering, as the notice banners do (``notices/banners.py``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .conf import physio_settings

if TYPE_CHECKING:
    from django.core.cache.backends.base import BaseCache
    from django.db.models import Model
    from django.http import HttpRequest

logger = logging.getLogger("wagtail_physio")

#: Kinds of content with a version of their own; ``bump(kind)`` after a change.
PAGES = "pages"  # publication, titles, URLs and privacy of any page; sites
IMAGES = "images"  # images and their renditions
LOCATIONS = "locations"  # clinic locations with their weekly and special hours
CONTACT = "contact"  # the clinic's contact settings
CATEGORIES = "categories"  # condition categories
CHOSEN = "chosen"  # other objects chosen in blocks (a project's snippets)
ALL_KINDS = (PAGES, IMAGES, LOCATIONS, CONTACT, CATEGORIES, CHOSEN)

VERSION_KEY = "wagtail_physio:render_version:{kind}"
ENTRY_KEY = "wagtail_physio:render:{digest}"
#: After a cache error this process renders without the cache for this long.
CACHE_RETRY_SECONDS = 30.0
#: Cache backends each process keeps to itself: a version replaced in one worker
#: would never reach the others, so they are used only when the project says so.
PROCESS_LOCAL_BACKENDS: tuple[type, ...] = (LocMemCache,)


# --- the cache, used only while it works ----------------------------------------

_cache_down_until = 0.0
#: Changes whenever a setting changes in this process (tests): the fingerprint
#: below is worked out again.
_settings_generation = 0
#: Changes with any setting but WAGTAIL_PHYSIO (whose values the fingerprint holds
#: itself): part of every key. A benchmark switching RENDER_CACHE on and off keeps
#: finding its entries; a test changing TEMPLATES or LANGUAGES does not.
_other_settings_generation = 0


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    global _cache_down_until, _settings_generation, _other_settings_generation
    _settings_generation += 1
    if setting != "WAGTAIL_PHYSIO":
        _other_settings_generation += 1
    if setting == "CACHES":
        _cache_down_until = 0.0  # a new cache configuration gets a fresh try


def render_cache() -> BaseCache | None:
    """The cache alias rendered output goes to, or None when not to use one."""
    if time.monotonic() < _cache_down_until:
        return None
    return _configured_cache()


def _configured_cache() -> BaseCache | None:
    if not physio_settings.RENDER_CACHE:
        return None
    try:
        backend = caches[physio_settings.RENDER_CACHE_ALIAS]
    except Exception:  # an unknown alias: system check E031 says so
        return None
    if isinstance(backend, PROCESS_LOCAL_BACKENDS) and not (
        physio_settings.RENDER_CACHE_PROCESS_LOCAL
    ):
        return None
    return backend


def _cache_failed(action: str) -> None:
    global _cache_down_until
    _cache_down_until = time.monotonic() + CACHE_RETRY_SECONDS
    logger.warning(
        "Render cache failed while %s; rendering pages without it for %d seconds.",
        action,
        CACHE_RETRY_SECONDS,
        exc_info=True,
    )


# --- versions -------------------------------------------------------------------


def _new_token() -> str:
    # Never repeats, so a version lost with an evicted or cleared key (or a test
    # database rolled back to reuse ids) cannot bring an old entry back.
    return uuid.uuid4().hex


def get_versions(cache: BaseCache, kinds: Iterable[str]) -> dict[str, str]:
    """The current version of each kind, from one cache round trip."""
    keys = {kind: VERSION_KEY.format(kind=kind) for kind in kinds}
    found = cache.get_many(list(keys.values()))
    versions = {}
    for kind, key in keys.items():
        if key not in found:
            # First use, or evicted: a new version, unless another process just
            # made one.
            cache.add(key, _new_token(), None)
            found[key] = cache.get(key)
        versions[kind] = str(found[key])
    return versions


def bump(*kinds: str) -> None:
    """Give each kind a new version: every entry that shows one is out of date."""
    # Tried even while this process leaves a failed cache alone: a missed bump
    # would leave other workers serving old pages once the cache is back.
    cache = _configured_cache()
    if cache is None:
        return
    try:
        cache.set_many(
            {VERSION_KEY.format(kind=kind): _new_token() for kind in kinds}, None
        )
    except Exception:
        logger.error(
            "Render cache: could not record a change to %s; pages may show the old "
            "content until RENDER_CACHE_TIMEOUT passes.",
            ", ".join(kinds),
            exc_info=True,
        )
        _cache_failed("bumping a version")


class _BumpOnCommit:
    """Bumps again once the change is committed (see ``changed``)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.done = False

    def __call__(self) -> None:
        self.done = True
        bump(self.kind)


def changed(kind: str) -> None:
    """Something of ``kind`` changed: bump its version now and after the commit.

    Now, so the same transaction (an editor's request, a test) sees it; again after
    the commit, as a request in another worker may render the old data between the
    two and store it under the first new version. One bump per kind per transaction.
    """
    bump(kind)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    for _sids, callback, _robust in connection.run_on_commit:
        if (
            isinstance(callback, _BumpOnCommit)
            and callback.kind == kind
            and not callback.done
        ):
            return
    transaction.on_commit(_BumpOnCommit(kind))


def _model_changed(kind: str, sender: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load before any cache matters
        changed(kind)


def bump_on_change(kind: str, *models: type[Model]) -> None:
    """Connect ``post_save`` and ``post_delete`` of ``models`` to ``changed(kind)``."""
    for model in models:
        receiver = partial(_model_changed, kind)
        for signal in (post_save, post_delete):
            signal.connect(
                receiver,
                sender=model,
                weak=False,
                dispatch_uid=f"physio-render-{kind}-{signal_name(signal)}-{model._meta.label}",
            )


def signal_name(signal: Any) -> str:
    return "save" if signal is post_save else "delete"


# --- keys -----------------------------------------------------------------------

#: The package's ``__version__``, handed over by ``AppConfig.ready`` (core imports
#: nothing from the rest of the package).
_package_version = ""


def set_package_version(version: str) -> None:
    global _package_version
    _package_version = version


_fingerprint: tuple[int, str] = (-1, "")


def settings_fingerprint() -> str:
    """What, besides content, every rendering depends on: the package's settings,
    its version and the project's deploy version. Worked out once per settings."""
    global _fingerprint
    if _fingerprint[0] != _settings_generation:
        _fingerprint = (_settings_generation, _settings_text())
    return _fingerprint[1]


def _settings_text() -> str:
    return "\x1f".join(
        [
            _package_version,
            str(physio_settings.RENDER_CACHE_VERSION),
            repr(sorted(physio_settings.user_settings.items(), key=lambda kv: kv[0])),
            str(_other_settings_generation),
            settings.TIME_ZONE or "",
        ]
    )


def entry_key(parts: Iterable[Any]) -> str:
    text = "\x1f".join(str(part) for part in parts)
    return ENTRY_KEY.format(digest=hashlib.sha256(text.encode()).hexdigest())


def request_parts(request: HttpRequest, site_id: int | None) -> list[Any]:
    """What every rendering for ``request`` depends on, besides its page."""
    return [
        site_id,
        # Absolute URLs in the JSON-LD follow the host and scheme asked for.
        request.get_host(),
        request.scheme,
        get_language() or "",
        timezone.get_current_timezone_name(),
        # Special opening hours list the next 30 days from today.
        timezone.localdate().isoformat(),
    ]


# --- holes filled on every request ----------------------------------------------


@dataclass
class Fragment:
    """Stored HTML with holes: ``chunks[i]``, then hole ``gaps[i]``, then the next.

    Each hole is ``(template name, context)``, rendered again on every request, once
    however many gaps show it (a page listing the same location twice).
    """

    chunks: list[str]
    holes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)

    def fill(self, request: HttpRequest | None) -> SafeString:
        if not self.gaps:
            return mark_safe(self.chunks[0])  # noqa: S308 - rendered by templates
        filled = [
            render_per_request(template_name, context, request)
            for template_name, context in self.holes
        ]
        out = [self.chunks[0]]
        for hole, chunk in zip(self.gaps, self.chunks[1:], strict=True):
            out.append(filled[hole])
            out.append(chunk)
        return mark_safe("".join(out))  # noqa: S308 - rendered by templates


class _Recorder:
    """Collects the holes of the part being rendered."""

    def __init__(self) -> None:
        # Random per rendering, so editor text cannot forge a hole.
        self.marker = f"<!--physio-hole-{secrets.token_hex(8)}-->"
        self.holes: list[tuple[str, dict[str, Any]]] = []
        self.gaps: list[int] = []

    def add(self, template_name: str, context: dict[str, Any]) -> None:
        hole = (template_name, context)
        # Model instances compare by id: one location shown twice is one hole.
        if hole not in self.holes:
            self.holes.append(hole)
        self.gaps.append(self.holes.index(hole))

    def fragment(self, html: str) -> Fragment:
        return Fragment(
            chunks=html.split(self.marker), holes=self.holes, gaps=self.gaps
        )


_recorder: ContextVar[_Recorder | None] = ContextVar(
    "physio_render_recorder", default=None
)


@contextmanager
def recording() -> Iterator[_Recorder]:
    recorder = _Recorder()
    token = _recorder.set(recorder)
    try:
        yield recorder
    finally:
        _recorder.reset(token)


def render_per_request(
    template_name: str, context: dict[str, Any], request: HttpRequest | None
) -> SafeString:
    html = get_template(template_name).render({**context, "request": request})
    return mark_safe(html)  # noqa: S308 - a template's output


def per_request(
    template_name: str, context: dict[str, Any], request: HttpRequest | None
) -> SafeString:
    """``template_name`` rendered now, or, inside a part being cached, a hole that
    every request fills. ``context`` is stored with the entry: keep it small and
    picklable."""
    recorder = _recorder.get()
    if recorder is None:
        return render_per_request(template_name, context, request)
    recorder.add(template_name, context)
    return mark_safe(recorder.marker)  # noqa: S308 - our own comment


def render_part(render: Callable[[], str]) -> Fragment:
    """Render a part to store: its holes are left as holes."""
    with recording() as recorder:
        html = render()
    return recorder.fragment(html)


# --- one page view's cached rendering -------------------------------------------


class Rendering:
    """The cached parts of one page view: read once, written once after a miss."""

    def __init__(self, cache: BaseCache, key: str, timeout: int | None) -> None:
        self.cache = cache
        self.key = key
        self.timeout = timeout
        self.stored: dict[str, Any] | None = None
        self.new: dict[str, Any] = {}
        try:
            found = cache.get(key)
        except Exception:
            _cache_failed("reading")
            found = None
        if isinstance(found, dict):
            self.stored = found

    @property
    def is_hit(self) -> bool:
        return self.stored is not None

    def get(self, name: str) -> Any:
        if self.stored is not None:
            return self.stored.get(name)
        return self.new.get(name)

    def put(self, name: str, value: Any) -> None:
        if self.stored is None:
            self.new[name] = value

    def save(self, *args: Any) -> None:
        """Store what a miss rendered (a post-render callback of the response)."""
        if self.stored is not None or not self.new:
            return
        try:
            self.cache.set(self.key, self.new, self.timeout)
        except Exception:
            _cache_failed("writing")


def start_rendering(
    key_parts: Iterable[Any], kinds: Iterable[str], timeout: int | None = None
) -> Rendering | None:
    """The cached rendering for these key parts and the versions of ``kinds``, or
    None when the render cache is off or down. Kept for ``timeout`` seconds when
    given, else ``RENDER_CACHE_TIMEOUT``."""
    cache = render_cache()
    if cache is None:
        return None
    try:
        versions = get_versions(cache, kinds)
    except Exception:
        _cache_failed("reading versions")
        return None
    key = entry_key(
        [
            *key_parts,
            settings_fingerprint(),
            *(f"{kind}={version}" for kind, version in sorted(versions.items())),
        ]
    )
    rendering = Rendering(
        cache, key, timeout if timeout else physio_settings.RENDER_CACHE_TIMEOUT
    )
    if time.monotonic() < _cache_down_until:
        return None  # reading failed just now
    return rendering


#: GET values a cached variant may take: anything else renders uncached, so no
#: visitor can fill the cache with made-up variants.
SAFE_VALUE = re.compile(r"[-\w]{0,100}")


# --- what every page shows: pages, privacy, sites and images --------------------

#: Saving a draft writes only these to the page's row: nothing readers see.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_saved(
    sender: Any,
    raw: bool = False,
    update_fields: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    if raw or (update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS):
        return
    changed(PAGES)


def _pages_changed(sender: Any, **kwargs: Any) -> None:
    changed(PAGES)


def _rendition_saved(
    sender: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    # A new rendition is made while a page renders, and changes nothing already
    # rendered; a changed one might.
    if not (created or raw):
        changed(IMAGES)


def connect_signals() -> None:
    """Connect the receivers for Wagtail's own models (``AppConfig.ready``).

    Each receiver has a ``dispatch_uid``: connecting twice changes nothing.
    """
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site, get_page_models
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Every page type by class: Django sends a model's signals for its own class
    # only. Publishing, unpublishing, moving, deleting and privacy all show in
    # titles, links and listings of other pages.
    for model in get_page_models():
        uid = f"physio-render-pages-{model._meta.label}"
        post_save.connect(_page_saved, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_pages_changed, sender=model, dispatch_uid=uid + "-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid="physio-render-pages")
    bump_on_change(PAGES, PageViewRestriction, Site)

    image_model = get_image_model()
    bump_on_change(IMAGES, image_model)
    rendition_model = image_model.get_rendition_model()
    post_save.connect(
        _rendition_saved, sender=rendition_model, dispatch_uid="physio-render-rendition"
    )
    post_delete.connect(
        _images_changed, sender=rendition_model, dispatch_uid="physio-render-rendition"
    )


def _images_changed(sender: Any, **kwargs: Any) -> None:
    changed(IMAGES)
