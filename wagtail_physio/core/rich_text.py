"""Whitelisting for short rich text (bold, italic, links) that editors write.

Wagtail's editor already drops most unsafe markup, but rich text can also arrive
from code, imports or the API. Everything shown to readers passes through
``clean_inline_rich_text`` (or ``clean_body_rich_text``) so only the intended
markup ever reaches a page, and only links and embeds Wagtail can expand: a page
link whose id is not a number, or a media embed without an address, would make
the page fail as it renders.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, cast

from bs4 import BeautifulSoup
from bs4.element import PreformattedString, Tag
from bs4.formatter import HTMLFormatter
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.images.formats import get_image_formats
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule

from .links import safe_link_url

logger = logging.getLogger("wagtail_physio")

# Elements whose text must go with them rather than be left behind as prose.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "svg"}

#: Wagtail's stored links to its own objects (``<a linktype="page" id="3">``),
#: expanded to the object's URL at render. Any other link type is left out: its
#: handler, if any, could give readers an address no check has seen.
OBJECT_LINK_TYPES = ("page", "document")

# Ids Wagtail looks up as they are stored; a bigger number overflows the query.
MAX_OBJECT_ID = 2**63 - 1


def object_id(value: Any) -> str | None:
    """``value`` if it can be a database id (ASCII digits, in range), else None."""
    if (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and int(value) <= MAX_OBJECT_ID
    ):
        return value
    return None


class InlineRichTextWhitelister(Whitelister):
    """Keep paragraphs, line breaks, bold, italic and safe links; drop the rest."""

    element_rules = {
        "[document]": allow_without_attributes,
        "p": allow_without_attributes,
        "br": allow_without_attributes,
        "b": allow_without_attributes,
        "strong": allow_without_attributes,
        "i": allow_without_attributes,
        "em": allow_without_attributes,
        # linktype/id are Wagtail's stored form of internal page links.
        "a": attribute_rule({"href": safe_link_url, "linktype": True, "id": True}),
    }

    #: Elements removed with everything inside them.
    drop_with_content: frozenset[str] = frozenset(DROP_WITH_CONTENT)

    def clean(self, html: str) -> str:
        # Wagtail's Whitelister walks the tree recursively, so a few hundred nested
        # tags (imported or crafted) exhausted Python's stack and the page, banner
        # or save failed. Every node is visited in one loop instead, children
        # before their parent as Wagtail does.
        doc = BeautifulSoup(html, "html.parser")
        for tag in doc.find_all(self.drop_with_content):
            if not tag.decomposed:  # not already gone with a dropped ancestor
                tag.decompose()
        for node in reversed(list(doc.descendants)):
            if isinstance(node, Tag):
                self.clean_element(doc, node)
            else:
                self.clean_string_node(doc, node)
        self.clean_element(doc, doc)
        # Text escaped with Django's escape, as Whitelister.clean does.
        return doc.decode(formatter=HTMLFormatter(entity_substitution=escape))

    def clean_string_node(self, doc: Any, node: Any) -> None:
        # Comments, CDATA sections, processing instructions and declarations are
        # written out as they came in. A browser reads "<![CDATA[>" as a comment
        # that ends at the first ">", and markup hidden after it (an <img> with
        # onerror) runs: none of them is kept.
        if isinstance(node, PreformattedString):
            node.extract()

    def clean_element(self, doc: Any, tag: Any) -> None:
        """Apply the element's rule to ``tag`` (its children are already clean)."""
        rule = self.element_rules.get(tag.name)
        if rule is None:
            tag.unwrap()  # an element not allowed here keeps only its content
            return
        rule(tag)
        if tag.name == "a":
            self.clean_link(tag)

    def clean_link(self, tag: Any) -> None:
        """Keep a link Wagtail can follow; else keep its words without the link."""
        linktype = tag.get("linktype")
        if linktype is not None:
            if linktype in OBJECT_LINK_TYPES and object_id(tag.get("id")):
                return
            logger.warning(
                "Left out a rich text link that cannot be followed: %s", tag.attrs
            )
            del tag["linktype"]
        # An id belongs only to links to Wagtail's objects.
        tag.attrs.pop("id", None)
        if not tag.get("href"):
            # Its address was refused, or it had none: keep the words only.
            tag.unwrap()


def safe_embed_url(url: str | None) -> str | None:
    """Media embeds keep only http(s) addresses."""
    url = safe_link_url(url)
    return url if url and url.lower().startswith(("http://", "https://")) else None


class BodyRichTextWhitelister(InlineRichTextWhitelister):
    """What a body paragraph may hold: Wagtail's stored form of every built-in
    rich text feature (headings, lists, quotes, code, images, embeds, document and
    page links), links limited to http(s), tel: and mailto:."""

    element_rules = {
        **InlineRichTextWhitelister.element_rules,
        **dict.fromkeys(
            [
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "ol",
                "ul",
                "li",
                "blockquote",
                "hr",
                "code",
                "sup",
                "sub",
                "s",
            ],
            allow_without_attributes,
        ),
        "embed": attribute_rule(
            {
                "embedtype": lambda value: (
                    value if value in ("image", "media") else None
                ),
                "id": True,
                "format": True,
                "alt": True,
                "url": safe_embed_url,
            }
        ),
    }

    # Wagtail's own image and media embeds are kept, to be expanded at render.
    drop_with_content = frozenset(DROP_WITH_CONTENT - {"embed"})

    def clean_element(self, doc: Any, tag: Any) -> None:
        super().clean_element(doc, tag)
        if tag.name == "embed" and not self.can_expand_embed(tag):
            logger.warning(
                "Left out a rich text embed that cannot be shown: %s", tag.attrs
            )
            tag.decompose()

    def can_expand_embed(self, tag: Any) -> bool:
        """True if Wagtail's handler for the (cleaned) embed has all it needs."""
        embedtype = tag.get("embedtype")
        if embedtype == "image":
            return bool(object_id(tag.get("id"))) and tag.get("format") in {
                image_format.name for image_format in get_image_formats()
            }
        if embedtype == "media":
            return bool(tag.get("url"))
        return False


def clean_body_rich_text(html: str | None) -> str:
    """Return ``html`` (Wagtail's stored rich text) with only safe body markup."""
    return BodyRichTextWhitelister().clean(html or "")


def clean_inline_rich_text(html: str | None) -> str:
    """Return ``html`` reduced to bold, italic, paragraphs and safe links."""
    return InlineRichTextWhitelister().clean(html or "")


def unsafe_links(html: str | None) -> list[str]:
    """The addresses of links in stored rich text that readers must not get.

    A link whose address Wagtail's editor refused arrives with no ``href`` at
    all, so an ``<a>`` with neither an address nor a page reference counts too.
    """
    found: list[str] = []
    for link in BeautifulSoup(html or "", "html.parser").find_all("a"):
        if link.get("linktype"):
            continue
        # Only attributes such as ``class`` are multi-valued; ``href`` is a string.
        href = cast("str | None", link.get("href"))
        if not href or safe_link_url(href) is None:
            found.append(href or "")
    return found


def unsafe_links_error(bad: Iterable[str]) -> ValidationError:
    """The ValidationError telling an editor which link addresses to change."""
    return ValidationError(
        _(
            "Links may only start with https://, http://, mailto: or tel:. "
            "Change or remove: %(links)s"
        ),
        code="unsafe_link",
        params={"links": ", ".join(f"“{url}”" for url in bad)},
    )


def validate_safe_links(html: str | None) -> None:
    """Refuse stored rich text holding a link readers must not get."""
    bad = unsafe_links(html)
    if bad:
        raise unsafe_links_error(bad)


def plain_text(html: str | None) -> str:
    """The readable text of rich text, for listings, search and emptiness checks."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())
