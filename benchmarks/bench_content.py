"""The pages ``bench.py`` measures, built in the benchmark's own database.

For every size it builds three pages with the same content: a condition page, a
generic StreamField page (``tests.testapp.models.GenericStreamPage``: Wagtail's own
heading, rich text, image and quote blocks) and a plain page holding the condition
page's visible text in one rich text field (``BaselinePage``). All three extend the
same base template, so they pay alike for the site's furniture.

Run only inside ``bench.py``'s process, after Django is set up.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: The blocks a body cycles through; the generic page has one of each kind too.
CYCLE = ["heading", "paragraph", "image", "quote"]
#: Distinct images shared by the pages' image blocks (each with three renditions).
IMAGES = 8
SEARCH_WORD = "physiotherapy"  # in every index page's summary: ?q= matches them all

# Fictional titles spread over the alphabet, so every letter group has entries.
WORDS = [
    "Ankle", "Back", "Calf", "Disc", "Elbow", "Foot", "Groin", "Hip", "Iliac",
    "Jaw", "Knee", "Lumbar", "Muscle", "Neck", "Overuse", "Pelvic", "Quadriceps",
    "Rib", "Shoulder", "Tendon", "Ulnar", "Vertebral", "Wrist", "Xiphoid", "Yoga",
    "Zygomatic",
]  # fmt: skip
KINDS = ["pain", "strain", "stiffness", "sprain", "injury", "weakness", "rehab"]


@dataclass
class Trio:
    """Three pages with the same content, and their admin edit forms."""

    condition: Any
    generic: Any
    baseline: Any
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)


# --- bodies -------------------------------------------------------------------


def block_specs(count: int, images: list[Any]) -> list[dict[str, Any]]:
    """``count`` blocks' content, cycling through heading, paragraph, image, quote."""
    specs = []
    for n in range(count):
        kind = CYCLE[n % len(CYCLE)]
        spec: dict[str, Any] = {"kind": kind, "n": n}
        if kind == "heading":
            spec["text"] = f"Week {n // 4 + 1} of your recovery"
        elif kind == "paragraph":
            spec["html"] = (
                f"<p>Part {n}: gentle exercise <b>before</b> and after surgery helps "
                "you recover sooner. Your physiotherapist will show you how far to go "
                "and when to rest.</p>"
            )
        elif kind == "image":
            spec["image"] = images[(n // 4) % len(images)]
            spec["alt"] = f"A patient doing exercise {n}"
            spec["caption"] = f"Exercise {n}, done slowly"
        else:
            spec["text"] = f"Tip {n}: stop if the pain is sharp, and tell us at once."
        specs.append(spec)
    return specs


def condition_body(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Raw StreamField data of a condition page's body."""
    body = []
    for spec in specs:
        kind = spec["kind"]
        if kind == "heading":
            value: Any = {"text": spec["text"], "level": "h2"}
        elif kind == "paragraph":
            value = spec["html"]
        elif kind == "image":
            value = {
                "image": spec["image"].pk,
                "decorative": False,
                "alt_text": spec["alt"],
                "caption": spec["caption"],
                "attribution": "",
            }
        else:
            kind, value = (
                "callout",
                {"kind": "information", "heading": "", "text": spec["text"]},
            )
        body.append({"type": kind, "value": value})
    return body


def generic_body(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Raw StreamField data of the generic page's body."""
    body = []
    for spec in specs:
        kind = spec["kind"]
        if kind == "image":
            value: Any = {
                "image": spec["image"].pk,
                "alt_text": spec["alt"],
                "caption": spec["caption"],
            }
        elif kind == "paragraph":
            value = spec["html"]
        else:
            value = spec["text"]
        body.append({"type": kind, "value": value})
    return body


def condition_form_blocks(specs: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """The condition body as the admin's form posts it."""
    from wagtail.test.utils.form_data import rich_text

    blocks = []
    for raw in condition_body(specs):
        kind, value = raw["type"], raw["value"]
        if kind == "paragraph":
            value = rich_text(value)
        blocks.append((kind, value))
    return blocks


def generic_form_blocks(specs: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    from wagtail.test.utils.form_data import rich_text

    blocks = []
    for raw in generic_body(specs):
        kind, value = raw["type"], raw["value"]
        if kind == "paragraph":
            value = rich_text(value)
        blocks.append((kind, value))
    return blocks


# --- the visible text of a page, for the plain baseline ---------------------------


def baseline_html(page_html: str, selector: str = "article.physio-condition") -> str:
    """The visible text of a rendered page's content, as plain rich text markup."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    article = soup.select_one(selector)
    if article is None:
        raise RuntimeError(f"no {selector} in the rendered page")
    title = article.find("h1")
    if title is not None:
        title.decompose()
    for tag in article.find_all(["img", "input", "script", "template"]):
        tag.decompose()
    for tag in article.find_all(
        ["section", "figure", "header", "footer", "nav", "div", "span", "a", "aside"]
        + ["form", "label", "button", "time", "address", "article", "strong"]
    ):
        tag.unwrap()
    for tag in article.find_all(True):
        tag.attrs = {}
    for tag in article.find_all("figcaption"):
        tag.name = "p"
    return article.decode_contents()


# --- building ------------------------------------------------------------------


def make_images(count: int = IMAGES) -> list[Any]:
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    Image = get_image_model()
    images = []
    for n in range(count):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 800), (0, 96 + n * 10, 107)).save(buffer, "PNG")
        image = Image(title=f"Exercise photo {n}")
        image.file = ImageFile(buffer, name=f"bench-exercise-{n}.png")
        image.save()
        images.append(image)
    return images


def publish(parent: Any, page: Any) -> Any:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def section(home: Any, slug: str, title: str) -> Any:
    """A plain page grouping one benchmark's pages (the same depth for each kind)."""
    from wagtail.models import Page

    return publish(home, Page(title=title, slug=slug))


def build_trio(
    client: Any,
    parents: dict[str, Any],
    slug: str,
    count: int,
    images: list[Any],
    with_forms: bool = False,
) -> Trio:
    """A condition page of ``count`` blocks, its generic twin and its plain baseline."""
    from tests.testapp.models import BaselinePage, GenericStreamPage
    from wagtail_physio.models import ConditionPage

    specs = block_specs(count, images)
    title = f"Recovery plan {slug}"
    condition = publish(
        parents["condition"],
        ConditionPage(
            title=title,
            slug=slug,
            summary=f"How {SEARCH_WORD} helps after surgery ({count} blocks).",
            body=condition_body(specs),
        ),
    )
    generic = publish(
        parents["generic"],
        GenericStreamPage(
            title=title, slug=f"{slug}-generic", body=generic_body(specs)
        ),
    )
    response = client.get(condition.url)
    if response.status_code != 200:
        raise RuntimeError(f"{condition.url} answered {response.status_code}")
    baseline = publish(
        parents["baseline"],
        BaselinePage(
            title=title,
            slug=f"{slug}-baseline",
            body=baseline_html(response.content.decode()),
        ),
    )
    trio = Trio(condition, generic, baseline)
    if with_forms:
        trio.forms = edit_forms(trio, specs)
    return trio


def edit_forms(trio: Trio, specs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """POST data of each page's edit form, pressing "Publish"."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.factories import condition_page_form

    condition = condition_page_form(
        condition_form_blocks(specs),
        title=trio.condition.title,
        slug=trio.condition.slug,
        summary=trio.condition.summary,
    )

    def plain(page: Any, body: Any) -> dict[str, Any]:
        data = nested_form_data({"title": page.title, "slug": page.slug, "body": body})
        data["action-publish"] = "publish"
        return data

    return {
        "condition": condition,
        "generic": plain(trio.generic, streamfield(generic_form_blocks(specs))),
        "baseline": plain(trio.baseline, rich_text(trio.baseline.body)),
    }


@contextlib.contextmanager
def search_updates_paused(model: Any) -> Iterator[None]:
    """Saving ``model`` does not update the search index meanwhile."""
    from django.db.models.signals import post_save
    from wagtail.search.signal_handlers import post_save_signal_handler

    post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        post_save.connect(post_save_signal_handler, sender=model)


def build_index(client: Any, home: Any, count: int) -> tuple[Any, Any]:
    """A conditions index with ``count`` live condition pages, and its baseline.

    The pages are created live without revisions (quicker; the index lists live
    pages however they were published); each has a category and a summary the
    search finds.
    """
    from wagtail.search.backends import get_search_backend
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from tests.testapp.models import BaselinePage
    from wagtail_physio.models import (
        ConditionCategory,
        ConditionIndexPage,
        ConditionPage,
    )

    index = publish(
        home,
        ConditionIndexPage(title=f"Conditions ({count})", slug=f"conditions-{count}"),
    )
    categories = list(ConditionCategory.objects.all()) or [
        ConditionCategory.objects.create(name=name, slug=name.lower())
        for name in ("Back", "Knee", "Shoulder", "Sports")
    ]
    body = [{"type": "paragraph", "value": "<p>What to expect, step by step.</p>"}]
    pages = []
    # Thousands of pages: appended to the tree directly and saved without
    # validation, search and reference indexing paused and the search index
    # filled in one go at the end (about 15 ms a page instead of 90).
    with search_updates_paused(ConditionPage), disable_reference_index_auto_update():
        for n in range(count):
            title = f"{WORDS[n % len(WORDS)]} {KINDS[n // len(WORDS) % len(KINDS)]} {n}"
            page = ConditionPage(
                title=title,
                slug=f"condition-{n}",
                summary=f"How {SEARCH_WORD} helps with {title.lower()}.",
                body=body,
                live=True,
                depth=index.depth + 1,
                path=index._get_path(index.path, index.depth + 1, n + 1),
                numchild=0,
                locale_id=index.locale_id,
            )
            page.categories = [categories[n % len(categories)]]
            page.save(clean=False)
            pages.append(page)
        index.numchild = count
        index.save(update_fields=["numchild"], clean=False)
    get_search_backend().add_bulk(ConditionPage, pages)
    found = ConditionPage.objects.child_of(index).search(SEARCH_WORD).count()
    if found != count:
        raise RuntimeError(f"?q={SEARCH_WORD} finds {found} of {count} pages")
    html = client.get(index.url).content.decode()
    baseline = publish(
        home,
        BaselinePage(
            title=index.title,
            slug=f"conditions-{count}-baseline",
            body=baseline_html(html, "div.physio-condition-index"),
        ),
    )
    return index, baseline
