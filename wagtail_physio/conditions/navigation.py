"""Finding one's way to and around a condition page: categories, related
conditions and a table of contents.

``ConditionFindingMixin`` holds the condition page's side; the conditions index's
A–Z listing, filter, search and pagination live in ``conditions/listing.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from ..core.bulk_loading import BulkLoadedChooserMixin, objects_by_id
from ..core.headings import stream_headings
from ..core.localized_pages import reading_locale
from ..core.pages import annotate_parent_id, get_page_model, load_pages

if TYPE_CHECKING:
    from django.http import HttpRequest


class ConditionPageChooserBlock(BulkLoadedChooserMixin, blocks.PageChooserBlock):
    """Chooses a page of any condition page type: the package's and a project's own.

    Condition page types are the page models built on ``ConditionFindingMixin``
    (``ConditionPageMixin`` is), worked out when first used, so a project's types,
    on Wagtail's ``Page`` or on its own base page, are offered with no setting.
    """

    def __init__(self, **kwargs: Any) -> None:
        # The types are not fixed when the block is declared.
        kwargs.pop("page_type", None)
        kwargs.pop("target_model", None)
        super().__init__(**kwargs)

    @cached_property
    def target_models(self) -> list[type[Page]]:
        return [
            model
            for model in get_page_models()
            if issubclass(model, ConditionFindingMixin) and not model._meta.swapped
        ]

    @cached_property
    def target_model(self) -> type[Page]:
        # Values load as the base page; the page view loads them in bulk anyway.
        return get_page_model()

    def load_objects(self, ids: Iterable[Any]) -> dict[Any, Any]:
        # Outside a page view (the admin's form): with the parent the chooser
        # widget opens at, so it asks nothing per page.
        return annotate_parent_id(
            get_page_model().objects.filter(pk__in=list(ids))
        ).in_bulk()

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Any]:
        return load_pages(ids)

    @cached_property
    def widget(self) -> Any:
        # Imported here, as Wagtail's PageChooserBlock does: admin widgets load
        # after the models that declare these blocks.
        from ..core.choosers import BulkLoadedPageChooser

        return BulkLoadedPageChooser(
            target_models=self.target_models, can_choose_root=self.can_choose_root
        )


class RelatedConditionsBlock(blocks.StreamBlock):
    condition = ConditionPageChooserBlock(
        label=_("Condition"),
        help_text=_("A condition page readers of this page may also need."),
    )

    class Meta:
        icon = "link"
        label = _("Related conditions")


class ConditionFindingMixin(models.Model):
    """Categories, related conditions and an optional table of contents."""

    categories = ParentalManyToManyField(
        "wagtail_physio.ConditionCategory",
        verbose_name=_("categories"),
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        help_text=_("Visitors can filter the list of conditions by these."),
    )
    related_conditions = StreamField(
        RelatedConditionsBlock(),
        verbose_name=_("related conditions"),
        blank=True,
        help_text=_("Shown at the end of the page as 'Related conditions'."),
    )
    show_table_of_contents = models.BooleanField(
        _("show table of contents"),
        default=False,
        help_text=_(
            "List the page's main headings at the top so readers can jump to a "
            "section. Useful on long pages."
        ),
    )

    finding_panels = [
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_conditions"),
                FieldPanel("show_table_of_contents"),
            ],
            heading=_("Finding this page"),
        )
    ]

    class Meta:
        abstract = True

    def get_context(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> dict[str, Any]:
        # Wagtail's Page, which comes after this mixin in a page type's bases.
        context = super().get_context(request, *args, **kwargs)  # type: ignore[misc]
        # Loaded when first used: a cached rendering never does.
        context["related_conditions"] = SimpleLazyObject(self.get_related_conditions)
        return context

    def get_related_conditions(self) -> list[Page]:
        """Chosen related pages that are live and public, in the editor's order.

        One query: pages since unpublished, deleted or made private drop out. On a
        translated page each is its translation in this page's locale where there
        is one a reader may visit (``core/localized_pages.py``).
        """
        ids = self.related_condition_ids()
        if not ids:
            return []
        # Through the page view's shared page loader: one query for these and every
        # page the body links to (``core/bulk_loading.py``). Outside a page view,
        # links still follow this page's locale.
        # ``locale_id`` comes from Wagtail's Page, which every page type adds.
        with reading_locale(self.locale_id):  # type: ignore[attr-defined]
            pages = objects_by_id(get_page_model(), ids, load_pages)
        related: list[Page] = []
        for pk in ids:
            page = pages.get(pk)
            if (
                page is not None
                and page.pk != self.pk
                and page.live
                and not page.physio_view_restricted
                # Two choices may name one page in two languages.
                and all(page.pk != other.pk for other in related)
            ):
                related.append(page)
        return related

    def related_condition_ids(self) -> list[int]:
        """Ids of the chosen related pages, in order, read without a query."""
        ids: list[int] = []
        for child in self.related_conditions.raw_data:
            if child.get("type") != "condition":
                continue
            try:
                page_id = int(child.get("value"))
            except (TypeError, ValueError):
                continue
            if page_id not in ids and page_id != self.pk:
                ids.append(page_id)
        return ids

    @property
    def table_of_contents(self) -> list[tuple[str, str]]:
        """(text, anchor) for each main (h2) section of ``body``, in page order."""
        return [
            (text, anchor)
            for text, anchor, level in stream_headings(getattr(self, "body", None))
            if level == "h2" and text
        ]
