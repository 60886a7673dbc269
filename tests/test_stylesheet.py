"""The default stylesheet keeps text readable: WCAG AA contrast for its colour pairs."""

import pytest

from tests.factories.colours import contrast, custom_properties, resolve


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


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
    assert contrast(resolve(text, props), resolve(background, props)) >= 4.5


def test_focus_outline_is_visible_against_backgrounds():
    props = custom_properties()
    focus = resolve("--physio-color-focus", props)
    # Non-text contrast (WCAG 1.4.11) needs 3:1.
    assert contrast(focus, "#ffffff") >= 3
    assert contrast(focus, resolve("--physio-color-cta-surface", props)) >= 3
