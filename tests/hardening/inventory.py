"""Every field an editor can write text into, found from the code itself.

Model fields are those of each admin form (the page edit handlers, the locations
and banners ModelAdmins, the category snippet, the contact settings); the body's
fields are every string-holding block of ``ConditionStreamBlock``, however deep.
A field or block added later is listed, and so given every payload, with no
change here.

Each field has a ``kind``, which decides how the admin form route posts it:

- ``text``, ``rich_text``: free text, the form keeps most payloads;
- ``url``, ``phone``, ``email``, ``slug``, ``code`` (another validated format),
  ``choice``: the form checks them, so most payloads are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from wagtail_physio.core.links import SafeURLValidator
from wagtail_physio.core.phone import validate_phone
from wagtail_physio.locations.admin import ClinicLocationAdmin
from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
)
from wagtail_physio.notices.admin import NoticeBannerAdmin

FREE_KINDS = ("text", "rich_text")
VALIDATED_KINDS = ("url", "phone", "email", "slug", "code", "choice")


@dataclass(frozen=True)
class Field:
    """One editor-writable field: ``model`` and its ``path`` (for body blocks,
    ``("body", block type, child, ..., "*" for a list item, leaf)``)."""

    model: type[models.Model]
    path: tuple[str, ...]
    kind: str
    max_length: int | None = None

    @property
    def name(self) -> str:
        return f"{self.model.__name__}.{'.'.join(self.path)}"

    @property
    def in_body(self) -> bool:
        return len(self.path) > 1

    def __str__(self) -> str:
        return self.name


# -- Blocks --------------------------------------------------------------------


def block_kind(block: blocks.Block) -> str | None:
    """The kind of a block holding text, or None for one that holds none."""
    if isinstance(block, blocks.RichTextBlock):
        return "rich_text"
    if isinstance(block, blocks.URLBlock):
        return "url"
    if isinstance(block, blocks.EmailBlock):
        return "email"
    if isinstance(block, blocks.ChoiceBlock):
        return "choice"
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        validators = getattr(block.field, "validators", [])
        if validate_phone in validators:
            return "phone"
        if any(isinstance(v, SafeURLValidator) for v in validators):
            return "url"
        return "text"
    return None


def block_max_length(block: blocks.Block) -> int | None:
    return getattr(getattr(block, "field", None), "max_length", None)


def block_fields(
    model: type[models.Model], block: blocks.Block, path: tuple[str, ...]
) -> list[Field]:
    """Text-holding leaves under ``block`` (a Struct, List or Stream block)."""
    if isinstance(block, blocks.StructBlock):
        return [
            field
            for name, child in block.child_blocks.items()
            for field in block_fields(model, child, (*path, name))
        ]
    if isinstance(block, blocks.ListBlock):
        return block_fields(model, block.child_block, (*path, "*"))
    if isinstance(block, blocks.StreamBlock):
        return [
            field
            for name, child in block.child_blocks.items()
            for field in block_fields(model, child, (*path, name))
        ]
    kind = block_kind(block)
    if kind is None:
        return []
    return [Field(model, path, kind, block_max_length(block))]


# -- Model fields --------------------------------------------------------------


def model_field_kind(field: models.Field) -> str | None:
    if isinstance(field, RichTextField):
        return "rich_text"
    if field.choices:
        return "choice"
    if isinstance(field, models.SlugField):
        return "slug"
    if isinstance(field, models.EmailField):
        return "email"
    if isinstance(field, models.URLField):
        return "url"
    if not isinstance(field, (models.CharField, models.TextField)):
        return None
    validators = field.validators
    if validate_phone in validators:
        return "phone"
    if any(isinstance(v, SafeURLValidator) for v in validators):
        return "url"
    generic = (MaxLengthValidator, ProhibitNullCharactersValidator)
    if any(not isinstance(v, generic) for v in validators):
        return "code"  # e.g. a country code checked by a pattern
    return "text"


def admin_form_class(model: type[models.Model]) -> Any:
    """The form editors fill in for ``model``, as the admin builds it."""
    if model is ClinicLocation:
        return ClinicLocationAdmin.edit_handler.bind_to_model(model).get_form_class()
    if model is NoticeBanner:
        return NoticeBannerAdmin.edit_handler.bind_to_model(model).get_form_class()
    if model is get_image_model():
        return get_image_form(model)
    if hasattr(model, "get_edit_handler"):  # pages
        return model.get_edit_handler().get_form_class()
    return get_edit_handler(model).get_form_class()


def model_fields(model: type[models.Model]) -> list[Field]:
    found: list[Field] = []
    for name in admin_form_class(model).base_fields:
        try:
            field = model._meta.get_field(name)
        except Exception:  # a form-only field
            continue
        if isinstance(field, StreamField):
            found += block_fields(model, field.stream_block, (name,))
            continue
        kind = model_field_kind(field)
        if kind is not None:
            found.append(
                Field(model, (name,), kind, getattr(field, "max_length", None))
            )
    return found


#: Models editors write, in the order the tests create them.
MODELS = (
    ConditionPage,
    ConditionIndexPage,
    ClinicLocation,
    NoticeBanner,
    ConditionCategory,
    ClinicContactSettings,
)


@cache
def inventory() -> tuple[Field, ...]:
    """Every editor-writable text field of the package's models and blocks."""
    return tuple(field for model in MODELS for field in model_fields(model))


@cache
def image_fields() -> tuple[Field, ...]:
    """The image library's text fields the package shows (alt text fallback, API)."""
    return tuple(model_fields(get_image_model()))


def fields_of(model: type[models.Model], *kinds: str) -> list[Field]:
    return [
        field
        for field in inventory()
        if field.model is model and (not kinds or field.kind in kinds)
    ]


def top_level(model: type[models.Model], *kinds: str) -> list[Field]:
    return [field for field in fields_of(model, *kinds) if not field.in_body]
