"""Colours of the package stylesheet and their WCAG contrast ratios."""

import re
from pathlib import Path

import wagtail_physio

CSS_PATH = Path(wagtail_physio.__file__).parent / "static/wagtail_physio/css/physio.css"


def stylesheet():
    return CSS_PATH.read_text()


def custom_properties():
    """The ``--name: value`` pairs of the stylesheet's ``:root`` rule."""
    root = re.search(r":root\s*{(.*?)}", stylesheet(), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", root))


def resolve(value, props):
    """A colour: ``value`` itself, or the property it names, following var()s."""
    value = value.strip()
    if value.startswith("--"):
        value = props[value].strip()
    while value.startswith("var("):
        value = props[value[4:-1].strip()].strip()
    return value


def notice_colours():
    """{"urgent-bg": "#...", ...} from the notice banners' section of the CSS."""
    css = stylesheet()
    section = css[css.index("Notice banners ({% physio_notice_banners %})") :]
    return dict(re.findall(r"--physio-notice-([a-z-]+):\s*(#[0-9a-fA-F]{6})", section))


def luminance(hex_colour):
    """Relative luminance (WCAG 2) of a ``#rrggbb`` colour."""
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
