"""Putting one payload into every field of the inventory, by either route.

- The import route (``import_*``): the ORM, as imports, data migrations and a
  project's own code write. Bodies are given as a JSON string, a list of dicts or
  a list of tuples; page fields go in with a QuerySet update and other models with
  ``objects.create()``, so no form or ``full_clean()`` checks anything first.
- The admin route (``AdminForm``): the payload in every field of the real admin
  form, posted by a user holding only the permissions that form needs. A form
  that refuses fields is posted again with just those fields made harmless, until
  it saves: each payload reaches every field the form lets it into.
"""

from __future__ import annotations

import datetime
import html
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.urls import reverse
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
    OpeningHours,
)

from .inventory import Field, block_kind, fields_of, top_level
from .payloads import Payload
from .reading import Made

STREAM = ConditionPage.body.field.stream_block
OK_URL = "https://ok.example/page"
_serial = itertools.count(1)


def serial() -> int:
    return next(_serial)


def benign(kind: str, block: Any = None) -> str:
    """A value every form accepts for a field of ``kind``."""
    if kind == "rich_text":
        return contentstate(f"Plain words {serial()}")
    if kind == "url":
        return OK_URL
    if kind == "phone":
        return "0151 496 0000"
    if kind == "email":
        return "desk@ok.example"
    if kind == "slug":
        return f"plain-{serial()}"
    if kind == "code":
        return "GB"
    if kind == "choice":
        return str(first_choice(block))
    return f"Plain words {serial()}"  # unique, as a category's name must be


def first_choice(block_or_field: Any) -> Any:
    if block_or_field is None:
        return ""
    if isinstance(block_or_field, blocks.ChoiceBlock):
        return block_or_field.get_default() or block_or_field.field.choices[1][0]
    choices = [value for value, _label in block_or_field.choices if value]
    return block_or_field.default if block_or_field.default else choices[0]


def fits(value: str, field: Field) -> str:
    """``value`` cut to the column's length where the database enforces it.

    SQLite stores over-long text as it is (an import can write it); PostgreSQL
    refuses it before the package sees it, so there the longest it accepts.
    """
    if connection.vendor == "sqlite" or not field.max_length or field.in_body:
        return value
    return value[: field.max_length]


def skipped(payload: Payload) -> bool:
    """PostgreSQL refuses NUL in text and JSON: that payload cannot be imported."""
    return payload.has_nul and connection.vendor == "postgresql"


# -- Rich text -----------------------------------------------------------------


def rich_text_html(value: str, image_id: Any = None) -> str:
    """Stored rich text carrying ``value`` as markup and as a link's address, and
    as the alt text of an embedded image when there is one to embed."""
    attribute = html.escape(value, quote=True)
    stored = f'{value} <a href="{attribute}">link</a>'
    if image_id is not None:
        stored += f'<embed embedtype="image" id="{image_id}" format="left" alt="{attribute}"/>'
    return stored


def contentstate(text: str, url: str | None = None) -> str:
    """What Draftail posts: ``text``, then a link to ``url`` if given.

    Offsets count UTF-16 code units, as the browser's editor does.
    """
    link = " link"
    block: dict[str, Any] = {
        "key": "k0",
        "type": "unstyled",
        "depth": 0,
        "text": text + (link if url is not None else ""),
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    entities = {}
    if url is not None:
        offset = len(text.encode("utf-16-le")) // 2 + 1
        block["entityRanges"] = [{"offset": offset, "length": 4, "key": 0}]
        entities = {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        }
    return json.dumps({"blocks": [block], "entityMap": entities})


# -- Import route --------------------------------------------------------------


def import_leaf(kind: str, payload: Payload, image_id: Any = None) -> str:
    if kind == "rich_text":
        return rich_text_html(payload.value, image_id)
    return payload.value


def import_block_value(block: blocks.Block, payload: Payload, chosen: dict) -> Any:
    """The value of ``block`` with the payload in every text leaf, and in its
    choices too: an import is checked by nothing. ``chosen`` maps a chooser's
    model to what it holds: an id in JSON, the object itself in Python values."""
    if isinstance(block, blocks.StructBlock):
        return {
            name: import_block_value(child, payload, chosen)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [import_block_value(block.child_block, payload, chosen)] * 2
    if isinstance(block, blocks.ChooserBlock):
        # An image and a location are chosen; pages are left unchosen, so items
        # link to their web address.
        return chosen.get(block.model_class)
    kind = block_kind(block)
    if kind is not None:
        image = chosen.get(get_image_model())
        return import_leaf(kind, payload, getattr(image, "pk", image))
    if isinstance(block, blocks.BooleanBlock):
        return False
    return None


BODY_SHAPES = ("json string", "list of dicts", "tuples")


def import_body(payload: Payload, chosen: list[Any], shape: str) -> Any:
    """A body with every block once, in ``shape``: a JSON string or a list of
    dicts (raw values), or (block type, value) tuples (Python values)."""
    if shape == "tuples":
        objects = {type(obj): obj for obj in chosen}
        return [
            (name, import_block_value(child, payload, objects))
            for name, child in STREAM.child_blocks.items()
        ]
    ids = {type(obj): obj.pk for obj in chosen}
    items = [
        {"type": name, "value": import_block_value(child, payload, ids)}
        for name, child in STREAM.child_blocks.items()
    ]
    if shape == "json string":
        return json.dumps(items)
    if shape == "list of dicts":
        return items
    raise AssertionError(shape)


def import_fields(model: type, payload: Payload, *kinds: str) -> dict[str, str]:
    """Model field values: the payload in every top-level field of ``kinds``."""
    return {
        field.path[0]: fits(import_leaf(field.kind, payload), field)
        for field in top_level(model, *kinds)
    }


def import_everything(payload: Payload, parent: Any, image: Any, shape: str) -> Made:
    """Every model of the inventory, written with ``payload`` through the ORM;
    the page body given in ``shape``."""
    n = serial()
    category = ConditionCategory.objects.create(
        sort_order=n, **import_fields(ConditionCategory, payload)
    )
    location = ClinicLocation.objects.create(
        sort_order=n, **import_fields(ClinicLocation, payload)
    )
    OpeningHours.objects.create(
        location=location,
        weekday=0,
        opens=datetime.time(9),
        closes=datetime.time(17),
    )
    index = ConditionIndexPage(title=f"Index {n}", slug=f"index-{n}")
    parent.add_child(instance=index)
    page = ConditionPage(
        title=f"Page {n}",
        slug=f"page-{n}",
        summary="Plain words",
        live=True,
        hero_image=image,
        body=import_body(payload, [image, location], shape),
    )
    page.categories = [category]
    index.add_child(instance=page)
    # Straight to the table, as an import does: no save(), no full_clean(). Not
    # the slugs yet: Wagtail serves a page by its slug (import_slugs()).
    ConditionIndexPage.objects.filter(pk=index.pk).update(
        **without_slug(import_fields(ConditionIndexPage, payload)),
        draft_title=fits(payload.value, fields_of(ConditionIndexPage)[0]),
    )
    ConditionPage.objects.filter(pk=page.pk).update(
        **without_slug(import_fields(ConditionPage, payload)),
        draft_title=fits(payload.value, fields_of(ConditionPage)[0]),
        last_reviewed=datetime.date(2020, 1, 1),
        next_review_due=datetime.date(2021, 1, 1),
    )
    return Made(
        payload=payload,
        index=ConditionIndexPage.objects.get(pk=index.pk),
        page=ConditionPage.objects.get(pk=page.pk),
        category=category,
        location=location,
        banners=import_banners(payload),
    )


def without_slug(values: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in values.items() if name != "slug"}


def import_slugs(made: Made) -> None:
    """The payload as the pages' slugs too. Wagtail then no longer finds them by
    URL (its URLs allow letters, digits and hyphens only), so this comes after
    readers' views, before the API and admin views, which find pages by id."""
    for page in (made.index, made.page):
        values = import_fields(type(page), made.payload, "slug")
        type(page).objects.filter(pk=page.pk).update(**values)


def import_banners(payload: Payload) -> list[NoticeBanner]:
    """A link banner, a phone banner and one whose choices hold the payload too.

    Each is created (save() cleans the message), then its message is written again
    with a QuerySet update, as a fixture or data migration would leave it.
    """
    fields = import_fields(NoticeBanner, payload, "text", "rich_text", "url", "phone")
    message = fields.pop("message")
    banners = [
        NoticeBanner.objects.create(severity="urgent", cta_type="link", **fields),
        NoticeBanner.objects.create(severity="info", cta_type="phone", **fields),
        NoticeBanner.objects.create(
            **fields, **import_fields(NoticeBanner, payload, "choice")
        ),
    ]
    NoticeBanner.objects.filter(pk__in=[b.pk for b in banners]).update(message=message)
    return list(NoticeBanner.objects.filter(pk__in=[b.pk for b in banners]))


# -- Admin route -----------------------------------------------------------------


@dataclass
class Leaf:
    """One field's value in a form post, with the harmless values to fall back to."""

    kind: str
    steps: list[str]
    position: int = 0

    @property
    def value(self) -> str:
        return self.steps[self.position]

    @property
    def hostile(self) -> bool:
        return self.position < len(self.steps) - 1

    def fall_back(self, *, fully: bool = False) -> None:
        last = len(self.steps) - 1
        self.position = last if fully else min(self.position + 1, last)


def admin_leaf(kind: str, payload: Payload, source: Any = None) -> Leaf:
    """The payload as an editor could type it into a field of ``kind``."""
    if kind == "rich_text":
        return Leaf(
            kind,
            [
                contentstate(payload.value, url=payload.value),
                contentstate(payload.value, url=OK_URL),
                benign(kind),
            ],
        )
    return Leaf(kind, [payload.value, benign(kind, source)])


def admin_block_tree(
    block: blocks.Block, payload: Payload, choose: Callable[[blocks.Block], Any]
) -> Any:
    """The form value of ``block`` as nested dicts and lists of ``Leaf``."""
    if isinstance(block, blocks.StructBlock):
        tree = {}
        for name, child in block.child_blocks.items():
            value = admin_block_tree(child, payload, choose)
            if value is not None:
                tree[name] = value
        return tree
    if isinstance(block, blocks.ListBlock):
        item = admin_block_tree(block.child_block, payload, choose)
        # A list of choosers alone (locations) is left empty: nothing to type.
        return [item] if any(True for _ in leaves(item)) else []
    kind = block_kind(block)
    if kind is not None:
        return admin_leaf(kind, payload, block)
    return choose(block)


def leaves(tree: Any) -> Iterator[Leaf]:
    if isinstance(tree, Leaf):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from leaves(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from leaves(value)


def form_value(tree: Any) -> Any:
    """A ``Leaf`` tree as Wagtail's StreamField widget posts it."""
    if isinstance(tree, Leaf):
        return tree.value
    if isinstance(tree, dict):
        return {key: form_value(value) for key, value in tree.items()}
    if isinstance(tree, list):
        data = {
            str(i): {
                "value": form_value(value),
                "deleted": "",
                "order": str(i),
                "id": "",
            }
            for i, value in enumerate(tree)
        }
        data["count"] = str(len(tree))
        return data
    return tree


def fall_back_at(tree: Any, error: Any) -> None:
    """Fall back every leaf a (possibly nested) block validation error names."""
    block_errors = getattr(error, "block_errors", None)
    non_block = getattr(error, "non_block_errors", None)
    if isinstance(tree, Leaf):
        tree.fall_back()
        return
    if block_errors is None or non_block:
        for leaf in leaves(tree):  # an error on the block as a whole
            leaf.fall_back(fully=True)
    for key, child_error in (block_errors or {}).items():
        if isinstance(tree, list):
            fall_back_at(tree[int(key)], child_error)
        elif isinstance(tree, dict) and key in tree:
            fall_back_at(tree[key], child_error)
        else:
            for leaf in leaves(tree):
                leaf.fall_back(fully=True)


@dataclass
class AdminForm:
    """One admin form filled with a payload, posted until it saves or can fall
    back no further. ``fields`` maps form field names to a ``Leaf`` (or a fixed
    value); ``body`` holds (block type, tree) pairs for a StreamField."""

    model: type
    url: str
    fields: dict[str, Any]
    body: list[tuple[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: Responses of every post: statuses, and the refused forms' HTML.
    responses: list[Any] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        values = {
            name: value.value if isinstance(value, Leaf) else value
            for name, value in self.fields.items()
        }
        if self.body:
            values["body"] = streamfield(
                [(name, form_value(tree)) for name, tree in self.body]
            )
        data = nested_form_data(values)
        data.update(self.extra)
        return data

    def hostile_leaves(self) -> list[Leaf]:
        found = [v for v in self.fields.values() if isinstance(v, Leaf)]
        for _name, tree in self.body:
            found += list(leaves(tree))
        return [leaf for leaf in found if leaf.hostile]

    def fall_back(self, errors: dict[str, Any]) -> bool:
        """Fall back the fields named in ``errors``; False if none could."""
        before = [leaf.position for leaf in self.hostile_leaves()]
        for name, error_list in errors.items():
            value = self.fields.get(name)
            if isinstance(value, Leaf):
                value.fall_back()
            elif name == "body":
                for error in error_list:
                    for index, block_error in getattr(
                        error, "block_errors", {}
                    ).items():
                        fall_back_at(self.body[int(index)][1], block_error)
            else:
                # A form-wide error, or one on a field outside the inventory.
                for leaf in self.hostile_leaves():
                    leaf.fall_back(fully=True)
        return before != [leaf.position for leaf in self.hostile_leaves()]

    def post(self, client: Any, attempts: int = 4) -> bool:
        """Post as ``client``; True once saved. Every response is kept."""
        for _attempt in range(attempts):
            response = client.post(self.url, self.data())
            self.responses.append(response)
            if response.status_code == 302:
                # Wagtail answers a permission it does not give with a redirect
                # to the dashboard: that is no save.
                return response.url != reverse("wagtailadmin_home")
            if response.status_code != 200 or response.context is None:
                return False  # a failure the test reports
            form = response.context.get("form")
            errors = form.errors.as_data() if form is not None else {}
            if not errors or not self.fall_back(errors):
                return False
        return False


# -- Admin forms of each model -----------------------------------------------------


def model_leaves(model: type, payload: Payload) -> dict[str, Leaf]:
    """A ``Leaf`` for every top-level inventory field of ``model``."""
    found = {}
    for inventory_field in top_level(model):
        name = inventory_field.path[0]
        source = model._meta.get_field(name)
        found[name] = admin_leaf(inventory_field.kind, payload, source)
    return found


def page_add_url(model: type, parent: Any) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def index_form(payload: Payload, parent: Any) -> AdminForm:
    return AdminForm(
        ConditionIndexPage,
        page_add_url(ConditionIndexPage, parent),
        fields=model_leaves(ConditionIndexPage, payload),
        extra={"action-publish": "publish"},
    )


def condition_page_form(
    payload: Payload, parent: Any, *, image_id: int, category_id: int | None
) -> AdminForm:
    def choose(block: blocks.Block) -> Any:
        if isinstance(block, ImageChooserBlock):
            return str(image_id)
        if isinstance(block, blocks.BooleanBlock):
            return None  # unticked: left out of the post
        return ""  # choosers left empty

    fields: dict[str, Any] = dict(model_leaves(ConditionPage, payload))
    fields.update(
        hero_image=str(image_id),
        related_conditions=streamfield([]),
        last_reviewed="2020-01-01",
        review_interval_months="",
        next_review_due_override="",
    )
    if category_id is not None:
        fields["categories"] = [str(category_id)]
    return AdminForm(
        ConditionPage,
        page_add_url(ConditionPage, parent),
        fields=fields,
        body=[
            (name, admin_block_tree(child, payload, choose))
            for name, child in STREAM.child_blocks.items()
        ],
        extra={"action-publish": "publish"},
    )


def location_form(payload: Payload) -> AdminForm:
    fields: dict[str, Any] = model_leaves(ClinicLocation, payload)
    fields.update(
        latitude="",
        longitude="",
        sort_order=str(serial()),
        is_active="on",
        site="",
        opening_hours=inline_formset(
            [{"weekday": "0", "opens": "09:00", "closes": "17:00", "ORDER": "1"}]
        ),
    )
    return AdminForm(
        ClinicLocation,
        reverse("wagtail_physio_cliniclocation_modeladmin_create"),
        fields=fields,
    )


def banner_form(payload: Payload) -> AdminForm:
    fields: dict[str, Any] = model_leaves(NoticeBanner, payload)
    # The choices fall back to a banner whose call to action shows the payload.
    fields["severity"].steps[-1] = "urgent"
    fields["cta_type"].steps[-1] = "phone" if payload.kind == "phone" else "link"
    fields.update(is_active="on", dismissible="on", starts_at="", ends_at="")
    return AdminForm(
        NoticeBanner,
        reverse("wagtail_physio_noticebanner_modeladmin_create"),
        fields=fields,
    )


def category_form(payload: Payload) -> AdminForm:
    fields: dict[str, Any] = model_leaves(ConditionCategory, payload)
    fields["sort_order"] = str(serial())
    return AdminForm(
        ConditionCategory,
        reverse("wagtailsnippets_wagtail_physio_conditioncategory:add"),
        fields=fields,
    )


def contact_form(payload: Payload, site: Any) -> AdminForm:
    return AdminForm(
        ClinicContactSettings,
        reverse(
            "wagtailsettings:edit",
            args=["wagtail_physio", "cliniccontactsettings", site.pk],
        ),
        fields=model_leaves(ClinicContactSettings, payload),
    )
