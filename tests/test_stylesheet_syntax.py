"""The package stylesheet parses cleanly: one stray line would silently drop a rule.

Browsers skip what they cannot parse without a word, so a leftover merge-conflict
line or a typo voids the rule after it (this happened: body blocks lost their
spacing). tinycss2 reads the file as a browser does; cssselect2 checks selectors.
"""

from pathlib import Path

import cssselect2
import pytest
import tinycss2

import wagtail_physio

STYLESHEETS = sorted((Path(wagtail_physio.__file__).parent / "static").rglob("*.css"))
NESTING_AT_RULES = {"media", "supports", "layer", "container"}


def problems(css):
    """(line, what is wrong) for every rule or declaration a browser would drop."""
    found = []

    def walk(rules):
        for rule in rules:
            if rule.type == "error":
                found.append((rule.source_line, rule.message))
            elif rule.type == "qualified-rule":
                try:
                    cssselect2.compile_selector_list(rule.prelude)
                except cssselect2.SelectorError as error:
                    found.append((rule.source_line, f"selector: {error}"))
                for item in tinycss2.parse_blocks_contents(
                    rule.content, skip_whitespace=True, skip_comments=True
                ):
                    if item.type == "error":
                        found.append((item.source_line, item.message))
            elif (
                rule.type == "at-rule"
                and rule.lower_at_keyword in NESTING_AT_RULES
                and rule.content is not None
            ):
                walk(
                    tinycss2.parse_rule_list(
                        rule.content, skip_whitespace=True, skip_comments=True
                    )
                )

    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return found


def test_the_package_has_stylesheets():
    # The site stylesheet, and the admin's own for the banner editor: a test that
    # found none would check nothing.
    assert {"physio.css", "notice-banner-admin.css"} <= {
        path.name for path in STYLESHEETS
    }


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_every_rule_parses(path):
    assert problems(path.read_text()) == []


@pytest.mark.parametrize(
    "broken",
    [
        "=======\n.physio-a { margin: 0; }",
        ".physio-a { margin 0; }",
        ".physio-a { color: red; }}\n.physio-b { color: blue; }",
        "@media (min-width: 40em) { >>>>>>> main\n.physio-a { margin: 0; } }",
    ],
)
def test_a_stray_line_is_caught(broken):
    assert problems(broken)
