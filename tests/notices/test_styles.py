"""The default notice colours keep text readable (WCAG 2.2 AA: 4.5:1)."""

import pytest

from tests.factories.colours import contrast, notice_colours


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
