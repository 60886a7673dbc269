"""Reading outputs as a browser, a JSON client or a spreadsheet would, and listing
anything that could run: script, handlers and script URLs the package did not
write, and spreadsheet formulas.

Each ``*_findings`` function returns a list of human-readable findings (empty when
clean), so one failing assertion names every problem in an output at once.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import lxml.html
from bs4 import BeautifulSoup

from .payloads import MARKERS

SAFE_SCHEMES = ("http", "https", "tel", "mailto")

#: Attributes whose value a browser follows or loads as an address.
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "longdesc",
    "usemap",
)
#: Elements the package never writes into a reader's page.
FOREIGN_ELEMENTS = (
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "svg",
    "math",
    "style",
    "template",
    "portal",
)
#: The package's own scripts on a reader's page (JSON-LD aside).
PACKAGE_SCRIPT_SRCS = ("/static/wagtail_physio/js/notice-banners.js",)
#: Where Wagtail's admin loads its scripts from: static files and its translations.
ADMIN_SCRIPT_PREFIXES = ("/static/", "/admin/jsi18n/")

# Browsers drop these anywhere in a URL, and leading C0 controls and spaces.
_URL_STRIPPED = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in ``url`` (lower case), or None if relative.

    Tabs and newlines inside it and controls before it are dropped, as browsers
    do. It is read as it is, with HTML entities decoded (once more, for a JSON
    value a client may write into markup) and in NFKC form, so full-width letters
    cannot pass for a relative path either.
    """
    schemes = set()
    decoded = html.unescape(url)
    for form in {
        url,
        decoded,
        *(unicodedata.normalize("NFKC", u) for u in (url, decoded)),
    }:
        cleaned = _LEADING.sub("", _URL_STRIPPED.sub("", form))
        match = _SCHEME.match(cleaned)
        if match:
            schemes.add(match.group(1).lower())
    # The stricter reading wins: any scheme that is not safe.
    unsafe = sorted(s for s in schemes if s not in SAFE_SCHEMES)
    if unsafe:
        return unsafe[0]
    return min(schemes) if schemes else None


def is_safe_url(url: Any) -> bool:
    """An http(s), tel: or mailto: address, or a relative one; never anything
    a browser would run or load as a document of its own."""
    if url is None or url == "":
        return True
    if not isinstance(url, str):
        return False
    scheme = url_scheme(url)
    if scheme is None:
        # Relative: a path, query or fragment. "//host" is another site, which
        # the package writes only as https.
        return not _LEADING.sub("", _URL_STRIPPED.sub("", url)).startswith(
            ("//", "\\\\", "/\\", "\\/")
        )
    return scheme in SAFE_SCHEMES


def has_marker(text: str | None) -> bool:
    lowered = (text or "").lower()
    return any(marker in lowered for marker in MARKERS)


# -- HTML ---------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    """One element as a parser read it: lower-case name, attributes, the text of
    a script, and how to write its markup (only done for a finding)."""

    name: str
    attrs: dict[str, str]
    text: str
    markup: Callable[[], str]

    def describe(self) -> str:
        markup = self.markup()
        return markup if len(markup) <= 160 else markup[:157] + "..."


def browser_elements(html: str | bytes) -> Iterator[Element]:
    """Elements as browsers parse them: the HTML5 algorithm, via html5lib."""
    for tag in BeautifulSoup(html, "html5lib").find_all(True):
        attrs = {
            name.lower(): " ".join(value) if isinstance(value, list) else str(value)
            for name, value in tag.attrs.items()
        }
        name = tag.name.lower()
        text = (tag.string or "") if name == "script" else ""
        yield Element(name, attrs, text, tag.__str__)


def fast_elements(html: str | bytes) -> Iterator[Element]:
    """Elements as lxml parses them: many times quicker, for the admin's long
    pages. Its parser is not HTML5's; Wagtail's templates escape every value they
    show, so a break-out there would be a plain one that both parsers see."""
    document = lxml.html.document_fromstring(
        html.encode() if isinstance(html, str) else html
    )
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        yield Element(
            element.tag.lower(),
            {str(name).lower(): str(value) for name, value in element.attrib.items()},
            element.text or "",
            partial(lxml.html.tostring, element, encoding="unicode"),
        )


def html_findings(html: str | bytes, *, admin: bool = False) -> list[str]:
    """What in ``html`` could run script the package did not write.

    Reader-facing pages (``admin=False``) may hold only the package's scripts:
    JSON-LD that parses as JSON, and notice-banners.js. Admin pages are
    Wagtail's, full of its own scripts: there no inline script may hold a payload
    marker, JSON data scripts must parse, and scripts load from ``/static/`` only.
    Both: no ``on*`` handler attribute, no unsafe URL in any address attribute,
    no ``url(``/``expression`` in a style attribute.
    """
    findings: list[str] = []
    for element in (fast_elements if admin else browser_elements)(html):
        name = element.name
        if name == "script":
            findings += script_findings(element, admin=admin)
        elif (
            not admin
            and name in FOREIGN_ELEMENTS
            and not wagtail_embed(element)
            and not (name == "base" and "href" not in element.attrs)  # a target
        ):
            findings.append(f"element the package does not write: {element.describe()}")
        elif (
            name == "meta" and "refresh" in element.attrs.get("http-equiv", "").lower()
        ):
            findings.append(f"meta refresh: {element.describe()}")
        for attribute, value in element.attrs.items():
            if attribute == "srcdoc" and admin:
                # The banner editor's preview: a document of its own, checked as
                # a reader's page (it shows the banner as readers will see it).
                findings += [
                    f"in an iframe's document: {finding}"
                    for finding in html_findings(value)
                ]
                continue
            findings += attribute_findings(element, attribute, value)
    return findings


def wagtail_embed(element: Element) -> bool:
    """Wagtail's stored form of an image or media embed (the API's default rich
    text format): an ``<embed>`` that names what to embed and loads nothing."""
    return (
        element.name == "embed"
        and bool(element.attrs.get("embedtype"))
        and not any(name in element.attrs for name in ("src", "type", "code"))
    )


def attribute_findings(element: Element, attribute: str, text: str) -> list[str]:
    # Parsers keep a namespaced attribute's prefix in its name: "xlink:href".
    local = attribute.rsplit(":", 1)[-1] if attribute.startswith("xlink") else attribute
    if local.startswith("on"):
        return [f"handler attribute {attribute}: {element.describe()}"]
    if (attribute in URL_ATTRIBUTES or local in URL_ATTRIBUTES) and not is_safe_url(
        text
    ):
        return [f"unsafe {attribute}={text!r}: {element.describe()}"]
    if attribute == "srcset":
        for candidate in text.split(","):
            url = candidate.strip().split(" ")[0]
            if url and not is_safe_url(url):
                return [f"unsafe srcset entry {url!r}: {element.describe()}"]
    if attribute == "srcdoc":
        return [f"srcdoc document: {element.describe()}"]
    if attribute == "style":
        squashed = re.sub(r"\s|/\*.*?\*/|\\", "", text.lower())
        if "url(" in squashed or "expression(" in squashed:
            return [f"style loading or running something: {element.describe()}"]
    if attribute in ("values", "to", "from", "by") and element.name in (
        "animate",
        "set",
    ):
        return [f"animation writing an attribute: {element.describe()}"]
    return []


def script_findings(element: Element, *, admin: bool) -> list[str]:
    kind = element.attrs.get("type", "").strip().lower()
    source = element.attrs.get("src")
    content = element.text
    if kind == "application/ld+json" and not source:
        return json_ld_findings(content)
    if "json" in kind and not source:
        try:
            json.loads(content)
        except ValueError:
            return [f"JSON data script that does not parse: {element.describe()}"]
        return []
    if source:
        if not admin:
            if source in PACKAGE_SCRIPT_SRCS and not content.strip():
                return []
            return [f"script the package did not write: {element.describe()}"]
        if source.startswith(ADMIN_SCRIPT_PREFIXES) and not has_marker(source):
            return []
        return [f"script loaded from elsewhere: {element.describe()}"]
    if admin and not has_marker(content):
        return []  # Wagtail's own inline script
    return [f"inline script: {element.describe()}"]


# -- JSON ----------------------------------------------------------------------

#: Keys whose string values are addresses a client would follow or load.
URL_KEY = re.compile(
    r"(^|_)(url|href|link|links|src|tel|map|booking|website|image|logo|item|"
    r"sameas|hasmap|contenturl|@id)$|url$",
    re.IGNORECASE,
)
#: Keys whose string values are HTML meant to be inserted into a page.
HTML_KEYS = ("html",)


def json_findings(
    data: Any, *, html_keys: Iterable[str] = HTML_KEYS, path: str = "$"
) -> list[str]:
    """Unsafe addresses under URL-ish keys, and unsafe HTML under ``html_keys``.

    Every string of the document is visited. Rich text in the API (a paragraph's
    ``value``, an index page's ``intro``) is HTML a client inserts as it is: name
    it in ``html_keys`` by key (any depth), by path (``"$.intro"``), or as
    ``"type=value"`` for the ``value`` of any object whose ``type`` is ``type``
    (a StreamField block).
    """
    html_keys = tuple(html_keys)
    findings: list[str] = []
    if isinstance(data, dict):
        html_by_type = {
            key.split("=", 1)[1]
            for key in html_keys
            if "=" in key and data.get("type") == key.split("=", 1)[0]
        }
        for key, value in data.items():
            where = f"{path}.{key}"
            if isinstance(value, str):
                if key in html_keys or where in html_keys or key in html_by_type:
                    findings += [f"{where}: {f}" for f in html_findings(value)]
                elif URL_KEY.search(str(key)) and not is_safe_url(value):
                    findings.append(f"{where}: unsafe address {value!r}")
            elif isinstance(value, list) and URL_KEY.search(str(key)):
                for i, item in enumerate(value):
                    if isinstance(item, str) and not is_safe_url(item):
                        findings.append(f"{where}[{i}]: unsafe address {item!r}")
                    else:
                        findings += json_findings(
                            item, html_keys=html_keys, path=f"{where}[{i}]"
                        )
            else:
                findings += json_findings(value, html_keys=html_keys, path=where)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            findings += json_findings(item, html_keys=html_keys, path=f"{path}[{i}]")
    return findings


def json_ld_findings(content: str) -> list[str]:
    """JSON-LD must parse, hold no "</script" or "<!--", and only safe addresses."""
    findings = []
    lowered = content.lower()
    if "</script" in lowered or "<!--" in lowered:
        findings.append(f"JSON-LD holding markup: {content[:160]!r}")
    try:
        data = json.loads(content)
    except ValueError as error:
        return [*findings, f"JSON-LD that does not parse ({error}): {content[:160]!r}"]
    return findings + [f"JSON-LD {f}" for f in json_findings(data, html_keys=())]


# -- CSV -----------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_findings(text: str) -> list[str]:
    """Cells a spreadsheet would read as a formula (not made text with a ')."""
    findings = []
    for row_number, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
        for column, cell in enumerate(row):
            if cell.startswith(FORMULA_STARTS):
                findings.append(f"row {row_number} column {column}: {cell[:80]!r}")
    return findings
