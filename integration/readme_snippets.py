"""The README's installation snippets, read and applied the way a new user would.

The README marks each snippet with an HTML comment right before its fenced block:

    <!-- integration:settings -->
    ```python
    ...
    ```

``extract()`` returns them by name, and the ``apply_*`` functions make the edits the
README asks for to the files ``wagtail start`` generates. Every edit asserts that it
found what it edits, so a README (or ``wagtail start``) that changes shape fails the
run loudly instead of testing something else. Standard library only: this runs in
the fresh virtual environment before anything else is installed in it.
"""

from __future__ import annotations

import re
from pathlib import Path

SNIPPET = re.compile(
    r"<!--\s*integration:(?P<name>[\w-]+)\s*-->\s*\n"
    r"```[\w-]*\n(?P<body>.*?)\n```",
    re.DOTALL,
)
REQUIRED = ("settings", "urls", "base-template")


class SnippetError(AssertionError):
    """The README or a generated file is not shaped as this harness expects."""


def extract(readme: str | Path) -> dict[str, str]:
    """Marked snippets of the README by name; each name once, the required ones present."""
    text = Path(readme).read_text(encoding="utf-8")
    snippets: dict[str, str] = {}
    for match in SNIPPET.finditer(text):
        name = match["name"]
        if name in snippets:
            raise SnippetError(f"README marks two snippets integration:{name}")
        snippets[name] = match["body"]
    missing = [name for name in REQUIRED if name not in snippets]
    if missing:
        raise SnippetError(
            "README has no fenced block after <!-- integration:NAME --> for: "
            + ", ".join(missing)
        )
    return snippets


def apply_settings(settings_text: str, snippet: str) -> str:
    """Append the settings snippet to the end of the settings file, as the README says."""
    return settings_text.rstrip("\n") + "\n\n\n" + snippet.strip("\n") + "\n"


CATCH_ALL = re.compile(
    r'^(?P<indent>[ \t]*)path\(\s*""\s*,\s*include\(wagtail_urls\)\s*\)'
)


def apply_urls(urls_text: str, snippet: str) -> str:
    """Insert the snippet's ``wagtail_physio.urls`` line above the project's
    ``path("", include(wagtail_urls))`` (the snippet shows it in context)."""
    wanted = [
        line.strip() for line in snippet.splitlines() if "wagtail_physio.urls" in line
    ]
    if len(wanted) != 1:
        raise SnippetError("the URL snippet has no single wagtail_physio.urls line")
    lines = urls_text.splitlines()
    hits = [i for i, line in enumerate(lines) if CATCH_ALL.match(line)]
    if len(hits) != 1:
        raise SnippetError(
            f'expected one path("", include(wagtail_urls)) line in urls.py, found {len(hits)}'
        )
    index = hits[0]
    indent = CATCH_ALL.match(lines[index])["indent"]
    lines[index:index] = [indent + wanted[0].split("  #")[0].rstrip()]
    return "\n".join(lines) + "\n"


# --- the base template -------------------------------------------------------

LOAD = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
MAIN_OPEN = re.compile(r"<main\b[^>]*>")
CONTENT_BLOCK = re.compile(
    r"\{%\s*block content\s*%\}\s*\{%\s*endblock(?: content)?\s*%\}"
)


class BaseTemplateSnippet:
    """The README's base template, cut into the pieces a site's own template needs."""

    def __init__(self, snippet: str) -> None:
        self.text = snippet
        load = LOAD.search(snippet)
        if not load:
            raise SnippetError("base template snippet has no {% load %}")
        self.libraries = load.group(1).split()
        if "physio_tags" not in self.libraries:
            raise SnippetError("base template snippet does not load physio_tags")
        head, _, rest = snippet.partition("</head>")
        if not rest:
            raise SnippetError("base template snippet has no </head>")
        title = TITLE.search(head)
        if not title:
            raise SnippetError("base template snippet has no <title>")
        self.title = title.group(0)
        self.description = self._one_line(head, 'name="description"')
        self.head_tags = [
            line.strip() for line in head.splitlines() if "{% physio_" in line
        ]
        body = rest.partition("<body")[2]
        before_main, main_tag, after_main = body.partition("<main")
        if not main_tag:
            raise SnippetError("base template snippet has no <main>")
        # The lines the README puts first in <body>: the skip link and the banners.
        self.body_start = [
            line.strip()
            for line in before_main.splitlines()[1:]
            if "physio-skip-link" in line or "{% physio_" in line
        ]
        main_open = MAIN_OPEN.search("<main" + after_main)
        self.main_open = main_open.group(0)
        footer = after_main.partition("<footer")[2].partition("</footer>")[0]
        self.footer_tags = [
            line.strip() for line in footer.splitlines() if "{% physio_" in line
        ]
        for name in ("skip link", "notice banners", "contact"):
            wanted = {
                "skip link": "physio-skip-link",
                "notice banners": "{% physio_notice_banners %}",
                "contact": "{% physio_contact %}",
            }[name]
            if wanted not in "\n".join(self.body_start + self.footer_tags):
                raise SnippetError(f"base template snippet lacks the {name} ({wanted})")
        if 'id="main-content"' not in self.main_open:
            raise SnippetError('the snippet\'s <main> has no id="main-content"')

    @staticmethod
    def _one_line(text: str, needle: str) -> str:
        lines = [line.strip() for line in text.splitlines() if needle in line]
        if len(lines) != 1:
            raise SnippetError(f"expected one line with {needle} in the snippet's head")
        return lines[0]

    def load_tag(self) -> str:
        return "{% load " + " ".join(self.libraries) + " %}"


def apply_base_template(
    project_base: str, snippet: str, *, header: str, footer_open: str, footer_text: str
) -> str:
    """Edit a ``wagtail start`` base.html the way the README's snippet shows.

    The project keeps its own head, stylesheets, scripts and blocks; it gains the
    README's ``{% load %}`` libraries, ``<title>`` and description, the optional head
    tags, the skip link and banners first in ``<body>``, a ``<main>`` around
    ``{% block content %}``, and the given header and a footer holding the README's
    footer tags.
    """
    parts = BaseTemplateSnippet(snippet)
    text = project_base

    # {% load %}: add the snippet's libraries to the project's first load tag.
    load = LOAD.search(text)
    if not load:
        raise SnippetError("the project's base.html has no {% load %}")
    libraries = load.group(1).split()
    libraries += [lib for lib in parts.libraries if lib not in libraries]
    text = (
        text[: load.start()]
        + "{% load "
        + " ".join(libraries)
        + " %}"
        + text[load.end() :]
    )

    # <title>: the README's, in place of the project's.
    if len(TITLE.findall(text)) != 1:
        raise SnippetError("the project's base.html does not have exactly one <title>")
    text = TITLE.sub(lambda _m: parts.title, text)

    # <meta name="description">: the README's, in place of the project's (or after
    # the title when the project has none).
    description = re.compile(
        r"\{%\s*if [^%]*%\}\s*<meta name=\"description\"[^>]*>\s*\{%\s*endif\s*%\}",
        re.DOTALL,
    )
    if description.search(text):
        text = description.sub(lambda _m: parts.description, text, count=1)
    else:
        text = text.replace(parts.title, parts.title + "\n" + parts.description, 1)

    # The optional head tags, before the project's own stylesheets so that its CSS
    # comes later and wins.
    head_end = text.index("</head>")
    first_link = text.find("<link", 0, head_end)
    anchor = text.rfind("\n", 0, first_link if first_link != -1 else head_end) + 1
    indent = _indent_at(text, anchor if first_link != -1 else head_end) or "    "
    if first_link == -1:
        indent += "    "
    text = text[:anchor] + _lines(parts.head_tags, indent) + text[anchor:]

    # First in <body>: the skip link and the notice banners; then the site header
    # after whatever the project had first (wagtailuserbar).
    body = re.search(r"<body\b[^>]*>\n?", text)
    if not body:
        raise SnippetError("the project's base.html has no <body>")
    indent = _indent_at(text, body.end()) or "    "
    inserted = _lines(parts.body_start, indent)
    text = text[: body.end()] + inserted + text[body.end() :]
    userbar = text.find("{% wagtailuserbar %}")
    if userbar != -1:
        line_end = text.index("\n", userbar) + 1
        text = text[:line_end] + _lines([header], indent) + text[line_end:]
    else:
        pos = body.end() + len(inserted)
        text = text[:pos] + _lines([header], indent) + text[pos:]

    # <main> around {% block content %}, then the footer.
    content = CONTENT_BLOCK.search(text)
    if not content or len(CONTENT_BLOCK.findall(text)) != 1:
        raise SnippetError(
            "the project's base.html has not exactly one empty block content"
        )
    indent = _indent_at(text, content.start())
    footer = [
        footer_open,
        "  " + footer_text,
        *("  " + tag for tag in parts.footer_tags),
        "</footer>",
    ]
    replacement = (
        parts.main_open
        + "\n"
        + indent
        + "  "
        + content.group(0)
        + "\n"
        + indent
        + "</main>\n"
        + _lines(footer, indent).rstrip("\n")
    )
    text = text[: content.start()] + replacement + text[content.end() :]
    return text


def bare_base_template(
    snippet: str, *, header: str, footer_open: str, footer_text: str
) -> str:
    """A base template with no block but ``content``: nothing in its ``<head>`` for a
    package to hook into. It has the README's body tags, and nothing else of it."""
    parts = BaseTemplateSnippet(snippet)
    libraries = [
        lib for lib in parts.libraries if lib in ("physio_tags", "wagtailcore_tags")
    ]
    lines = [
        "{% load " + " ".join(libraries) + " %}<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        "  <title>{% firstof page.seo_title page.title %} (bare base template)</title>",
        "</head>",
        "<body>",
        *("  " + line for line in parts.body_start),
        "  " + header,
        "  " + parts.main_open,
        "    {% block content %}{% endblock %}",
        "  </main>",
        "  " + footer_open,
        "    " + footer_text,
        *("    " + tag for tag in parts.footer_tags),
        "  </footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _indent_at(text: str, pos: int) -> str:
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _lines(lines: list[str], indent: str) -> str:
    return "".join(indent + line + "\n" for line in lines)
