"""The stylesheet's light and dark palettes, and where its rules may reach.

Read with tinycss2 as a browser reads the file: the custom properties of the
`physio-tokens` layer (light; dark from the reader's system; dark from a site's
theme switch), and the selectors of every other rule. The browser test of the
same in a hostile site is tests/browser/test_hostile_host_browser.py.
"""

import pytest
import tinycss2

from tests.factories.colours import CSS_PATH, contrast

LAYER = "physio-tokens"
# Tokens that are not colours: the same in both themes.
NOT_COLOURS = {
    "--physio-color-scheme",
    "--physio-font-family",
    "--physio-measure",
    "--physio-space",
    "--physio-radius",
    "--physio-focus-width",
}


def rules():
    return tinycss2.parse_stylesheet(
        CSS_PATH.read_text(), skip_whitespace=True, skip_comments=True
    )


def nested(rule):
    return tinycss2.parse_rule_list(
        rule.content, skip_whitespace=True, skip_comments=True
    )


def declarations(rule):
    return {
        item.lower_name: tinycss2.serialize(item.value).strip()
        for item in tinycss2.parse_blocks_contents(
            rule.content, skip_whitespace=True, skip_comments=True
        )
        if item.type == "declaration"
    }


def token_rules():
    """(where, prelude, declarations) for each rule of the tokens layer."""
    found = []
    for rule in rules():
        if rule.type == "at-rule" and rule.lower_at_keyword == "layer":
            if tinycss2.serialize(rule.prelude).strip() != LAYER or not rule.content:
                continue
            for inner in nested(rule):
                if inner.type == "qualified-rule":
                    prelude = tinycss2.serialize(inner.prelude)
                    found.append(("layer", prelude, declarations(inner)))
                elif inner.type == "at-rule" and inner.lower_at_keyword == "media":
                    media = tinycss2.serialize(inner.prelude).strip()
                    for media_rule in nested(inner):
                        prelude = tinycss2.serialize(media_rule.prelude)
                        found.append((media, prelude, declarations(media_rule)))
    return found


def palettes():
    """{"light": {...}, "dark-system": {...}, "dark-switch": {...}}."""
    result = {"light": {}, "dark-system": {}, "dark-switch": {}}
    for where, prelude, values in token_rules():
        if "prefers-color-scheme: dark" in where:
            result["dark-system"].update(values)
        elif '[data-bs-theme="dark"]' in prelude:
            result["dark-switch"].update(values)
        else:
            assert prelude.strip().endswith(":root"), prelude
            result["light"].update(values)
    return result


def resolve(palette, value):
    while value.startswith("var("):
        value = palette[value[4:-1].strip()]
    return value


def light_and_dark():
    found = palettes()
    return [
        pytest.param(found["light"], id="light"),
        pytest.param(found["dark-switch"], id="dark"),
    ]


def test_dark_values_are_the_same_from_the_system_and_the_sites_switch():
    found = palettes()
    assert found["dark-system"] == found["dark-switch"]


def test_every_colour_has_a_dark_value():
    found = palettes()
    colours = set(found["light"]) - NOT_COLOURS
    assert colours - set(found["dark-switch"]) == set()
    assert found["light"]["--physio-color-scheme"] == "light"
    assert found["dark-switch"]["--physio-color-scheme"] == "dark"


# (text, background): WCAG 2.2 AA for normal text, 4.5:1.
TEXT_PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "cta-surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("accent", "background"),
    ("accent", "surface"),
    ("accent", "cta-surface"),
    ("link", "background"),
    ("link", "surface"),
    ("accent-contrast", "accent"),
    ("text", "callout-info-bg"),
    ("text", "callout-warning-bg"),
    ("text", "urgent-emergency-bg"),
    ("text", "urgent-urgent-bg"),
    ("text", "urgent-routine-bg"),
    ("urgent-emergency-accent-text", "urgent-emergency-accent"),
    ("urgent-urgent-accent-text", "urgent-urgent-accent"),
    ("urgent-routine-accent-text", "urgent-routine-accent"),
    *[
        (f"notice-{severity}-{text}", f"notice-{severity}-{background}")
        for severity in ("info", "warning", "urgent")
        for text, background in (("text", "bg"), ("accent-text", "accent"))
    ],
]

# (colour, background) for what is not text: focus rings, borders that carry
# meaning, buttons against their banner. WCAG 1.4.11: 3:1.
NON_TEXT_PAIRS = [
    ("focus", "background"),
    ("focus", "surface"),
    ("focus", "cta-surface"),
    ("focus", "callout-info-bg"),
    ("focus", "callout-warning-bg"),
    ("focus", "urgent-emergency-bg"),
    ("focus", "urgent-urgent-bg"),
    ("focus", "urgent-routine-bg"),
    ("cta-border", "background"),
    ("callout-info-border", "callout-info-bg"),
    ("callout-warning-border", "callout-warning-bg"),
    ("urgent-emergency-accent", "urgent-emergency-bg"),
    ("urgent-urgent-accent", "urgent-urgent-bg"),
    ("urgent-routine-accent", "urgent-routine-bg"),
    ("positive", "surface"),
    ("negative", "surface"),
    *[
        (f"notice-{severity}-accent", f"notice-{severity}-bg")
        for severity in ("info", "warning")
    ],
]


def token(name):
    if name.startswith(("notice-", "callout-", "urgent-")):
        return f"--physio-{name}"
    return f"--physio-color-{name}"


@pytest.mark.parametrize("palette", light_and_dark())
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_reaches_aa_contrast(palette, text, background):
    foreground = resolve(palette, palette[token(text)])
    behind = resolve(palette, palette[token(background)])
    assert contrast(foreground, behind) >= 4.5


@pytest.mark.parametrize("palette", light_and_dark())
@pytest.mark.parametrize(("colour", "background"), NON_TEXT_PAIRS)
def test_focus_rings_and_borders_reach_3_to_1(palette, colour, background):
    foreground = resolve(palette, palette[token(colour)])
    behind = resolve(palette, palette[token(background)])
    assert contrast(foreground, behind) >= 3


def test_the_tokens_layer_holds_custom_properties_only():
    """Components stay out of the layer: a layered rule loses to any unlayered
    rule of the site, even `p { color: #333 }`."""
    for _where, prelude, values in token_rules():
        assert all(name.startswith("--") for name in values), prelude


def complex_selectors(prelude):
    """The comma-separated selectors of a rule (commas inside :is() stay)."""
    selectors, current = [], []
    for token_ in prelude:
        if token_.type == "literal" and token_.value == ",":
            selectors.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token_)
    selectors.append(tinycss2.serialize(current).strip())
    return selectors


def component_selectors():
    def walk(items):
        for rule in items:
            if rule.type == "qualified-rule":
                yield from complex_selectors(rule.prelude)
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media":
                yield from walk(nested(rule))

    return list(walk(rules()))


def test_every_rule_starts_from_a_package_class():
    """No rule outside the tokens layer can select a site's own element: each
    selector's first compound is (or is within) a physio-* class."""
    selectors = component_selectors()
    assert len(selectors) > 100
    for selector in selectors:
        first = selector.split()[0] if not selector.startswith(":is(") else selector
        head = first[: first.index(")") + 1] if first.startswith(":is(") else first
        assert ".physio-" in head, selector
        if head.startswith(":is("):
            classes = head[4:-1].replace("\n", " ").split(",")
            assert all(c.strip().startswith(".physio-") for c in classes), selector
