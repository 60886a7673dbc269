"""The default stylesheet keeps text readable: WCAG AA contrast for its colour pairs."""

import re
from pathlib import Path

import pytest

import wagtail_physio

CSS = Path(wagtail_physio.__file__).parent / "static/wagtail_physio/css/physio.css"


def custom_properties():
    root = re.search(r":root\s*{(.*?)}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def resolve(name, props):
    value = props[name].strip()
    while value.startswith("var("):
        value = props[value[4:-1].strip()].strip()
    return value


def luminance(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("--physio-color-text", "#ffffff"),
        ("--physio-color-muted", "#ffffff"),
        ("--physio-color-muted", "--physio-color-surface"),
        ("--physio-color-text", "--physio-color-surface"),
        ("--physio-color-accent", "#ffffff"),
        ("--physio-color-accent-contrast", "--physio-color-accent"),
        ("--physio-color-text", "--physio-color-cta-surface"),
        ("--physio-color-accent", "--physio-color-cta-surface"),
    ],
)
def test_text_colours_meet_aa_contrast(text, background):
    props = custom_properties()
    fg = resolve(text, props) if text.startswith("--") else text
    bg = resolve(background, props) if background.startswith("--") else background
    assert contrast(fg, bg) >= 4.5


def test_focus_outline_is_visible_against_backgrounds():
    props = custom_properties()
    focus = resolve("--physio-color-focus", props)
    # Non-text contrast (WCAG 1.4.11) needs 3:1.
    assert contrast(focus, "#ffffff") >= 3
    assert contrast(focus, resolve("--physio-color-cta-surface", props)) >= 3
