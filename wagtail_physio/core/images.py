"""Responsive ``<img>`` attributes built from the ``IMAGE_WIDTHS`` renditions.

One helper for every image the package renders (the condition page hero and
``CaptionedImageBlock``), so ``srcset``, ``sizes`` and width/height are worked out in
one place and projects change them through settings, not templates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter, SourceImageIOError

from .conf import physio_settings


def rendition_specs() -> list[str]:
    """Filter specs of every rendition the package may ask for, smallest first."""
    return [f"width-{width}" for width in sorted(set(physio_settings.IMAGE_WIDTHS))]


@functools.lru_cache(maxsize=64)
def rendition_filter(spec: str) -> Filter:
    """A shared ``Filter`` per spec: parsing a spec into operations (via ``inspect``)
    cost more than finding the prefetched renditions themselves."""
    return Filter(spec)


def specs_for(image: AbstractImage) -> list[str]:
    """The specs worth generating for ``image``.

    Wagtail never upscales, so every width above the original would produce the same
    file; keep the widths below it plus the first one at or above it.
    """
    specs = []
    for width in sorted(set(physio_settings.IMAGE_WIDTHS)):
        specs.append(f"width-{width}")
        if width >= image.width:
            break
    return specs


def image_default_alt(image: AbstractImage | None) -> str:
    """Alt text an image brings with it, or "" when it has none worth reading.

    Wagtail's ``default_alt_text`` falls back to the title, which is often a file
    name; only a custom image model's own override or the description count here.
    """
    if image is None:
        return ""
    if type(image).default_alt_text is not AbstractImage.default_alt_text:
        return image.default_alt_text or ""
    return getattr(image, "description", "") or ""


@dataclass(frozen=True)
class ResponsiveImage:
    src: str
    srcset: str
    sizes: str
    width: int
    height: int
    alt: str


def responsive_image(
    image: AbstractImage | None, alt: str = ""
) -> ResponsiveImage | None:
    """Return a ``ResponsiveImage`` for ``image``, or None when there is nothing to show.

    Renditions come from the image's prefetched renditions when present (see
    ``ResponsiveImageChooserBlock``), so rendering many images costs no queries.
    """
    if image is None:
        return None
    try:
        filters = [rendition_filter(spec) for spec in specs_for(image)]
        renditions = list(image.get_renditions(*filters).values())
    except SourceImageIOError:
        # The original file is gone from storage: show nothing rather than a
        # broken image.
        return None
    by_width: dict[int, Any] = {}
    for rendition in renditions:
        # Different specs can yield the same size when the original is small.
        by_width.setdefault(rendition.width, rendition)
    ordered = [by_width[width] for width in sorted(by_width)]
    largest = ordered[-1]
    urls = [rendition.url for rendition in ordered]
    return ResponsiveImage(
        src=urls[-1],
        srcset=", ".join(
            f"{url} {r.width}w" for url, r in zip(urls, ordered, strict=True)
        ),
        sizes=physio_settings.IMAGE_SIZES,
        width=largest.width,
        height=largest.height,
        alt=alt,
    )


#: The thumbnail Wagtail's image chooser widget shows in the admin.
ADMIN_PREVIEW_SPEC = "max-165x165"


def get_images_with_renditions(
    ids: Iterable[Any], extra_specs: Iterable[str] = ()
) -> dict[Any, AbstractImage]:
    """Images by primary key, each carrying its ``IMAGE_WIDTHS`` renditions (and
    those of ``extra_specs``, e.g. the admin's thumbnail).

    Once an image has been shown, its renditions exist: one query for the
    renditions, joined to their images, then answers for every image at once.
    Images with none of those renditions yet (new uploads) take one more query.
    """
    Image = get_image_model()
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return {}
    specs = [*rendition_specs(), *extra_specs]
    images: dict[Any, AbstractImage] = {}
    renditions = (
        Image.get_rendition_model()
        .objects.filter(image_id__in=wanted, filter_spec__in=specs)
        .select_related("image")
    )
    for rendition in renditions:
        image = images.get(rendition.image_id)
        if image is None:
            image = images[rendition.image_id] = rendition.image
            # Wagtail reads this list before the cache or the database.
            image.prefetched_renditions = []
        rendition.image = image
        image.prefetched_renditions.append(rendition)
    missing = wanted - images.keys()
    if missing:
        images.update(Image.objects.prefetch_renditions(*specs).in_bulk(list(missing)))
    return images
