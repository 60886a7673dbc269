"""Whitelisting for short rich text (bold, italic, links) that editors write.

Wagtail's editor already drops most unsafe markup, but rich text can also arrive
from code, imports or the API. Everything shown to readers passes through
``clean_inline_rich_text`` so only the intended markup ever reaches a page.
"""

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule

from .validators import validate_link_url

# Elements whose text must go with them rather than be left behind as prose.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "svg"}


def safe_link_url(url):
    """Return ``url`` when it is an http(s), tel: or mailto: link, else None."""
    try:
        validate_link_url(url)
    except ValidationError:
        return None
    return url if url else None


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

    def clean_tag_node(self, doc, tag):
        if tag.name in DROP_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


def clean_inline_rich_text(html):
    """Return ``html`` reduced to bold, italic, paragraphs and safe links."""
    return InlineRichTextWhitelister().clean(html or "")


def unsafe_links(html):
    """The addresses of links in stored rich text that readers must not get.

    A link whose address Wagtail's editor refused arrives with no ``href`` at
    all, so an ``<a>`` with neither an address nor a page reference counts too.
    """
    found = []
    for link in BeautifulSoup(html or "", "html.parser").find_all("a"):
        if link.get("linktype"):
            continue
        href = link.get("href")
        if not href or safe_link_url(href) is None:
            found.append(href or "")
    return found


def plain_text(html):
    """The readable text of rich text, for listings, search and emptiness checks."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())
