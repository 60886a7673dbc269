"""Optional links on list items: a page on this site or a web address."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

if TYPE_CHECKING:
    from django.http import HttpRequest

from ...core.api import is_public_page, page_data, request_from
from ...core.bulk_loading import BulkLoadedChooserMixin
from ...core.links import safe_web_url, validate_web_url
from ...core.pages import annotate_parent_id, annotate_view_restricted, load_pages


def page_link_field(**kwargs: Any) -> LinkedPageChooserBlock:
    kwargs.setdefault("required", False)
    kwargs.setdefault("label", _("Link to a page"))
    kwargs.setdefault(
        "help_text",
        _(
            "Optional. If the page is later unpublished or made private, the link "
            "is left out."
        ),
    )
    return LinkedPageChooserBlock(**kwargs)


def web_link_field(**kwargs: Any) -> blocks.URLBlock:
    kwargs.setdefault("required", False)
    kwargs.setdefault("label", _("Or a web address"))
    kwargs.setdefault(
        "help_text", _("Optional. A full address starting with https:// or http://.")
    )
    kwargs.setdefault("validators", [validate_web_url])
    return blocks.URLBlock(**kwargs)


def public_page_url(page: Any, context: dict[str, Any] | None) -> str | None:
    """URL of ``page`` if every reader can visit it, else None.

    A page chosen by an editor may since have been unpublished, made private (a
    login, password or group restriction on it or an ancestor) or deleted (the
    chooser then gives None): the item shows without the link, and nothing of
    that page (title or URL) reaches the HTML or the API.
    """
    if not is_public_page(page):
        return None
    request = (context or {}).get("request")
    return page.get_url(request=request)


class LinkedItemBlock(blocks.StructBlock):
    """A list item that may link to a page (``page``) and/or a web address (``url``).

    Subclasses declare the fields they offer; ``link_url`` in the template context
    is the one to render, or None.
    """

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value.get("page") and value.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Choose a page or enter a web address, not both."),
                        code="two_links",
                    )
                }
            )
        return value

    def link_url(self, value: Any, context: dict[str, Any] | None = None) -> str | None:
        """Where the item links to: a public page's URL, the web address, or None."""
        # The address is checked again here: values saved from code or imports
        # never went through the editor's validation.
        return public_page_url(value.get("page"), context) or safe_web_url(
            value.get("url")
        )

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["link_url"] = self.link_url(value, context)
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> Any:
        data = super().get_api_representation(value, context=context)
        if "page" in self.child_blocks:
            # An object instead of a bare id; None once unpublished, private or
            # deleted, so the private page's title and URL are not given away.
            data["page"] = page_data(value.get("page"), request_from(context))
        if "url" in data:
            # As stored it may predate the validators (an import): give API
            # readers only an address the page itself would link to.
            data["url"] = safe_web_url(value.get("url")) or ""
        # The one link the page itself would show.
        data["link_url"] = self.link_url(value, context)
        return data


class LinkedPageChooserBlock(BulkLoadedChooserMixin, blocks.PageChooserBlock):
    """A page chooser that loads its pages together with every other page link.

    On a page view, the pages linked from every block (and the page's related
    conditions) arrive in one query (``core/bulk_loading.py``); a list where no
    item has a page (the usual case) needs none.
    """

    def load_objects(self, ids: Iterable[Any]) -> dict[Any, Any]:
        # Annotated so links to private pages are left out with no query per link,
        # and, outside a page view (the admin's form), with the parent the
        # chooser widget opens at.
        return annotate_parent_id(
            annotate_view_restricted(self.model_class.objects.filter(pk__in=ids))
        ).in_bulk()

    def preload(
        self, ids: Iterable[Any], request: HttpRequest | None = None
    ) -> dict[Any, Any]:
        # The shared page loader: on a translated page, links follow its locale.
        return load_pages(ids, self.model_class)

    @cached_property
    def widget(self) -> Any:
        # Imported here, as Wagtail's PageChooserBlock does: admin widgets load
        # after the models that declare these blocks.
        from ...core.choosers import BulkLoadedPageChooser

        return BulkLoadedPageChooser(
            target_models=self.target_models, can_choose_root=self.can_choose_root
        )
