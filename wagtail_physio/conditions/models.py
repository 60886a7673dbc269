"""Condition pages and the index that lists them.

Each page type is split into an abstract mixin holding its fields and behaviour, and a
concrete class on Wagtail's ``Page``. Wagtail 8 lets a site swap in its own base page
model (``WAGTAIL_PAGE_MODEL``); a reusable app cannot inherit from that swapped model,
so such a site builds its own page types from the mixins and names them in
``WAGTAIL_PHYSIO_CONDITION_PAGE_MODEL`` and ``WAGTAIL_PHYSIO_CONDITION_INDEX_PAGE_MODEL``,
which swap the package's concrete types out (see docs/extending.md).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.encoding import force_str
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..core import render_cache
from ..core.bulk_loading import Loader, preloaded_objects, stream_ids
from ..core.conf import physio_settings
from ..core.images import get_images_with_renditions, image_default_alt
from ..core.pages import (
    ExtendsBase,
    exclude_view_restricted,
    get_page_model,
    load_pages,
    site_ancestors,
)
from ..core.rich_text import clean_inline_rich_text, validate_safe_links
from ..core.structured_data import StructuredDataBuilder
from ..locations.structured_data import ClinicStructuredDataBuilder
from ..review.models import ClinicalReviewMixin
from .api import (
    CategoriesField,
    HeroImageField,
    RelatedConditionsField,
    StreamBodyField,
)
from .blocks.stream import ConditionStreamBlock
from .listing import ConditionListing
from .navigation import ConditionFindingMixin
from .render_cache import (
    index_timeout,
    index_variant,
    noted_view_restrictions,
    page_rendering,
)
from .sitemap import ListingSitemapMixin, ReviewedSitemapMixin
from .structured_data import MedicalWebPageMixin

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.query import PageQuerySet


class PhysioPageMixin(models.Model):
    """Context every package page template needs."""

    class Meta:
        abstract = True

    #: Template used when the project has none at Wagtail's conventional
    #: ``<app_label>/<model_name>.html`` path for the page type.
    default_template: str | None = None
    #: Builds the page's schema.org JSON-LD (``{% physio_structured_data %}``).
    structured_data_builder_class: type[StructuredDataBuilder] = (
        ClinicStructuredDataBuilder
    )

    #: Kinds of content whose changes this page type shows (``core/render_cache.py``):
    #: a change to any of them renders its pages afresh.
    render_cache_kinds: Sequence[str] = render_cache.ALL_KINDS

    def get_structured_data_builder_class(self) -> type[StructuredDataBuilder]:
        return self.structured_data_builder_class

    def render_cache_variant(self, request: HttpRequest) -> str | None:
        """Which cached rendering ``request`` asks for; None renders uncached."""
        return ""

    def render_cache_timeout(self, request: HttpRequest) -> int | None:
        """Seconds the rendering for ``request`` is kept; None: the
        ``RENDER_CACHE_TIMEOUT`` setting."""
        return None

    def get_rendering(self, request: HttpRequest) -> render_cache.Rendering | None:
        """This view's cached article and structured data (docs/caching.md), or
        None when it renders without the cache."""
        return page_rendering(
            self,
            request,
            self.render_cache_variant(request),
            self.render_cache_kinds,
            self.render_cache_timeout(request),
        )

    def get_view_restrictions(self) -> Any:
        # Loaded once per page view, before Wagtail's privacy check, and shared
        # with the render cache (``conditions/render_cache.py``).
        noted = noted_view_restrictions(self)
        if noted is not None:
            return noted
        return super().get_view_restrictions()  # type: ignore[misc]

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Page.serve: Wagtail's Page comes after the mixin in the bases.
        response = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        context = getattr(response, "context_data", None) or {}
        rendering = context.get("physio_rendering")
        if rendering is not None and hasattr(response, "add_post_render_callback"):
            # Stored once the whole template has rendered every cached part.
            response.add_post_render_callback(rendering.save)
        return response

    def get_template(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> str | list[str]:
        # Wagtail names a template after every concrete page class; a project's
        # subclass falls back to the package template until it adds its own.
        # (Page.get_template: Wagtail's Page comes after the mixin in the bases.)
        template = super().get_template(request, *args, **kwargs)  # type: ignore[misc]
        if self.default_template and template != self.default_template:
            return [template, self.default_template]
        return template

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        # Page.get_context: Wagtail's Page comes after the mixin in the bases.
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        # Loaded once, when first used: the breadcrumb trail and the structured
        # data both use it, and a cached rendering neither.
        context["breadcrumbs"] = SimpleLazyObject(lambda: site_ancestors(self, request))
        context["physio_base_template"] = physio_settings.BASE_TEMPLATE
        context["physio_rendering"] = self.get_rendering(request)
        return context


class ConditionIndexPageMixin(ListingSitemapMixin, PhysioPageMixin):
    """Fields and listing behaviour of a page that lists condition pages."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome shown above the list of conditions."),
    )

    # Each extends the same list of the page type's real base page.
    content_panels = ExtendsBase(FieldPanel("intro"))
    search_fields = ExtendsBase(index.SearchField("intro"))
    api_fields = [APIField("intro")]

    default_template = "wagtail_physio/pages/condition_index_page.html"

    class Meta:
        abstract = True

    # The intro is cleaned wherever it comes in: the form, save() and every load
    # from the database, so text written past save() (a QuerySet update, fixtures,
    # a data migration) reaches neither readers nor the API as it was written.

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Text from code or imports is held to the editor's rules too.
        self.intro = clean_inline_rich_text(self.intro)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        try:
            validate_safe_links(self.intro)
        except ValidationError as error:
            raise ValidationError({"intro": error}) from None
        # Drafts and previews are made from the form, without save().
        self.intro = clean_inline_rich_text(self.intro)

    @classmethod
    def from_db(
        cls,
        db: str | None,
        field_names: Collection[str],
        values: Collection[Any],
        **kwargs: Any,
    ) -> Self:
        # **kwargs: Django 6.1 adds ``fetch_mode``; older versions pass nothing.
        instance = super().from_db(db, field_names, values, **kwargs)
        if "intro" in instance.__dict__:  # not a deferred field
            instance.intro = clean_inline_rich_text(instance.intro)
        return instance

    #: Works out what the index shows for a request: A–Z groups, the category
    #: filter, search and pagination. Subclass it to change any of them.
    listing_class: type[ConditionListing] = ConditionListing

    def get_listing_class(self) -> type[ConditionListing]:
        return self.listing_class

    def get_conditions(self) -> PageQuerySet:
        """Live, public condition pages below this index, A to Z."""
        return exclude_view_restricted(
            get_page_model()
            .objects.live()
            .child_of(self)
            .type(ConditionPageMixin)
            .specific()
            .order_by("title")
        )

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        rendering = context["physio_rendering"]
        if rendering is None or not rendering.is_hit:
            # A cached listing needs none of it: its HTML is stored whole.
            context.update(self.get_listing_class()(self, request).get_context())
        return context

    def render_cache_variant(self, request: HttpRequest) -> str | None:
        # Per category, page number and search.
        return index_variant(request)

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Route to a child condition page in one query, not Wagtail's two (the
        page's base row, then its ``specific`` row): an index with one allowed
        child type reads it through that type's model. Anything else, a child of
        another type included, routes as Wagtail routes it."""
        child_models = self.allowed_subpage_models()  # type: ignore[attr-defined]
        if path_components and len(child_models) == 1:
            child = (
                child_models[0]
                .objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self  # as Page.route: no parent query
                return child.route(request, path_components[1:])
        return super().route(request, path_components)  # type: ignore[misc]

    def render_cache_timeout(self, request: HttpRequest) -> int | None:
        return index_timeout(request)


class ConditionPageMixin(
    ReviewedSitemapMixin,
    ClinicalReviewMixin,
    ConditionFindingMixin,
    MedicalWebPageMixin,
    PhysioPageMixin,
):
    """Fields of a condition or treatment page built from structured blocks."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "The lead paragraph: who this page is for and how the clinic helps. "
            "Also shown in condition listings."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional photo shown under the summary."),
    )
    hero_image_alt = models.CharField(
        _("hero image alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe the photo for people who cannot see it. Leave blank to use "
            "the image's own description."
        ),
    )
    hero_caption = models.CharField(
        _("hero image caption"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the photo."),
    )
    body = StreamField(
        ConditionStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Build the page from sections: aims, procedures, treatments…"),
    )

    # Each extends the same list of the page type's real base page.
    content_panels = ExtendsBase(
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_caption"),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        *ConditionFindingMixin.finding_panels,
        *ClinicalReviewMixin.review_panels,
    )
    promote_panels = ExtendsBase(*MedicalWebPageMixin.structured_data_panels)
    search_fields = ExtendsBase(
        index.SearchField("summary"),
        index.SearchField("body"),
    )
    # The JSON shape is documented in docs/api.md.
    api_fields = [
        APIField("summary"),
        APIField("hero_image", serializer=HeroImageField()),
        APIField("hero_image_alt"),
        APIField("hero_caption"),
        APIField("body", serializer=StreamBodyField()),
        APIField("subject_type"),
        APIField("categories", serializer=CategoriesField()),
        APIField("related_conditions", serializer=RelatedConditionsField()),
        APIField("reviewer_name"),
        APIField("reviewer_role"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
    ]

    default_template = "wagtail_physio/pages/condition_page.html"

    #: What the body of a page added in the admin starts with, as ``(block type,
    #: value)`` pairs, each value as the block stores it (a StructBlock's missing
    #: fields take their defaults); ``()`` starts it empty. Every block must be
    #: valid as it stands, as an editor may publish without touching it:
    #: headings, and a call to action that shows the clinic's own number and
    #: booking link. Blocks that need the editor's words (urgent advice,
    #: paragraphs) are theirs to add.
    body_outline: Sequence[tuple[str, dict[str, Any]]] = (
        ("heading", {"text": _("About this condition"), "level": "h2"}),
        ("heading", {"text": _("How physiotherapy helps"), "level": "h2"}),
        ("heading", {"text": _("When to get help"), "level": "h2"}),
        ("call_to_action", {"heading": _("Book an appointment")}),
    )

    class Meta:
        abstract = True

    def get_body_outline(self) -> list[tuple[str, dict[str, Any]]]:
        """The outline a new page starts with, in the editor's language."""
        return [
            (
                block_type,
                {
                    name: force_str(value) if isinstance(value, Promise) else value
                    for name, value in block_value.items()
                },
            )
            for block_type, block_value in self.body_outline
        ]

    def start_with_outline(self) -> None:
        """Give a page being added in the admin the outline as its body.

        Only the admin's create view asks (Wagtail's ``init_new_page`` signal, see
        ``conditions/wagtail_hooks.py``): pages made in code start empty. Block
        types the page's body does not offer are left out.
        """
        if self.body:
            return  # something filled it already
        offered = self.body.stream_block.child_blocks
        # Each block gets its id now, as a saved block has: the editor names its
        # form fields and anchors after it, and without one every outline block
        # would share the ids of "null".
        self.body = StreamValue(
            self.body.stream_block,
            [
                (block_type, offered[block_type].to_python(value), str(uuid.uuid4()))
                for block_type, value in self.get_body_outline()
                if block_type in offered
            ],
        )

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        # One query per model for everything the page shows: the hero and body
        # images with their srcset renditions, the pages linked from any block with
        # the related conditions, chosen locations from the request's site
        # locations (see ``core/bulk_loading.py``).
        rendering = self.get_rendering(request)
        if rendering is not None and rendering.is_hit:
            # The article and structured data are stored: nothing to load.
            return super().get_context(request, *args, **kwargs)
        more: dict[Any, tuple[Loader, Iterable[Any]]] = {
            get_page_model(): (load_pages, self.related_condition_ids()),
            get_image_model(): (get_images_with_renditions, [self.hero_image_id]),
        }
        # Page links follow this page's locale (core/localized_pages.py);
        # ``locale_id`` comes from Wagtail's Page, which every page type adds.
        locale_id = self.locale_id  # type: ignore[attr-defined]
        with preloaded_objects(
            stream_ids(self.body), request, more, locale_id=locale_id
        ) as loaded:
            for _child in self.body:
                pass  # converted now, while blocks can take the loaded objects
            if self.hero_image_id:
                hero = loaded.get(get_image_model(), {}).get(self.hero_image_id)
                # Its own instance, in case a body block shows the same image.
                self.hero_image = copy.copy(hero) if hero is not None else None
            context = super().get_context(request, *args, **kwargs)
            # Now, while the related pages come from the loaded ones.
            context["related_conditions"] = self.get_related_conditions()
            return context

    @property
    def hero_alt_text(self) -> str:
        if self.hero_image_alt:
            return self.hero_image_alt
        if self.hero_image is not None:
            return image_default_alt(self.hero_image)
        return ""


# Page is untyped, so django-stubs cannot work out the manager Wagtail gives it.
class AbstractConditionIndexPage(ConditionIndexPageMixin, Page):  # type: ignore[django-manager-missing]
    """Subclass this to make a condition index page type of your own."""

    class Meta:
        abstract = True


class AbstractConditionPage(ConditionPageMixin, Page):  # type: ignore[django-manager-missing]
    """Subclass this to make a condition page type of your own."""

    class Meta:
        abstract = True


def swappable_label(setting: str, default: str) -> str:
    """The page type a project put in place of a package one, else ``default``."""
    return getattr(settings, setting, None) or default


#: Settings naming a project's own page types to use in place of the package's
#: (``"app_label.ModelName"``). The package's type is then swapped out as Django
#: swaps a user model: no table, not offered to editors, no system checks.
CONDITION_INDEX_PAGE_SETTING = "WAGTAIL_PHYSIO_CONDITION_INDEX_PAGE_MODEL"
CONDITION_PAGE_SETTING = "WAGTAIL_PHYSIO_CONDITION_PAGE_MODEL"


class ConditionIndexPage(AbstractConditionIndexPage):
    subpage_types = [
        swappable_label(CONDITION_PAGE_SETTING, "wagtail_physio.ConditionPage")
    ]
    is_creatable = not getattr(settings, CONDITION_INDEX_PAGE_SETTING, None)

    class Meta:
        verbose_name = _("condition index page")
        verbose_name_plural = _("condition index pages")
        swappable = CONDITION_INDEX_PAGE_SETTING


class ConditionPage(AbstractConditionPage):
    parent_page_types = [
        swappable_label(
            CONDITION_INDEX_PAGE_SETTING, "wagtail_physio.ConditionIndexPage"
        )
    ]
    subpage_types: list[str] = []
    is_creatable = not getattr(settings, CONDITION_PAGE_SETTING, None)

    class Meta:
        verbose_name = _("condition page")
        verbose_name_plural = _("condition pages")
        swappable = CONDITION_PAGE_SETTING
