"""The default notice colours keep text readable (WCAG 2.2 AA: 4.5:1)."""

import re
from pathlib import Path

import pytest

import wagtail_physio

CSS = (
    Path(wagtail_physio.__file__).parent / "static/wagtail_physio/css/physio.css"
).read_text()


def notice_colours():
    section = CSS[CSS.index("Notice banners ({% physio_notice_banners %})") :]
    return dict(re.findall(r"--physio-notice-([a-z-]+):\s*(#[0-9a-fA-F]{6})", section))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("severity", ["info", "warning", "urgent"])
def test_message_and_button_text_contrast_at_least_4_5(severity):
    colours = notice_colours()
    # Message (and its links, which inherit the colour) on the banner.
    assert contrast(colours[f"{severity}-text"], colours[f"{severity}-bg"]) >= 4.5
    # Button and icon text on the accent colour.
    assert (
        contrast(colours[f"{severity}-accent-text"], colours[f"{severity}-accent"])
        >= 4.5
    )
    # The button itself stands out from the banner (non-text contrast, 3:1).
    assert contrast(colours[f"{severity}-accent"], colours[f"{severity}-bg"]) >= 3
