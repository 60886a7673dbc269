"""The package's components inside a hostile host: a third-party clinic's own base
template and Bootstrap-like stylesheet (tests/browser/hostile_host/).

The host's stylesheet colours ``p``, ``li``, ``th``, ``section`` and links by
element, resets lists that have a class, makes ``h2`` huge, and has a dark theme
switched by ``data-bs-theme`` on ``<html>`` that forgets its element colours. Its
stylesheet is linked after the package's, so every tie in the cascade goes to it.
Every piece of package text must still reach WCAG 2.2 AA contrast (4.5:1, 3:1 for
large text), with the reader's system in light or dark mode and the host's own
theme switch either way; the package's layout (heading sizes, lists) must not
move; one breadcrumb trail when the host has its own; and focus must land
somewhere useful after a banner is dismissed, whatever the host's markup.
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.factories import (
    full_body,
    heading,
    locations_block,
    make_condition_index,
    make_condition_page,
    make_home_page,
    make_image,
    make_location,
    make_notice,
)
from tests.factories.browser import ARTIFACTS, save_screenshot
from wagtail_physio.models import ClinicContactSettings, ConditionCategory

HOST = Path(__file__).parent / "hostile_host"

#: (name, the reader's system colour scheme, the host's data-bs-theme on <html>)
THEMES = [
    ("light", "light", None),
    ("dark-system", "dark", None),
    ("dark-host-switch", "light", "dark"),
    ("light-host-switch-over-dark-system", "dark", "light"),
]
DARK_THEMES = {"dark-system", "dark-host-switch"}

#: Where the package's own markup starts on the host's pages.
PACKAGE_ROOTS = ".physio-page, .physio-notices, .physio-contact"

# Every element with text of its own inside the package's markup (and ::before /
# ::after text such as breadcrumb separators): its colour against the background
# actually painted behind it, composited up the ancestors.
CONTRAST_SCRIPT = """
(roots) => {
  const parse = (value) => {
    const numbers = (value.match(/[\\d.]+%?/g) || []).map((part) =>
      part.endsWith("%") ? parseFloat(part) / 100 : parseFloat(part));
    if (value.startsWith("color(srgb")) {
      const [r, g, b, a = 1] = numbers;
      return [r * 255, g * 255, b * 255, a];
    }
    const [r, g, b, a = 1] = numbers;
    return [r, g, b, a];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const hex = (rgb) => "#" + rgb.slice(0, 3).map((c) =>
    Math.round(c).toString(16).padStart(2, "0")).join("");
  const where = (element) => {
    const parts = [];
    for (let node = element; node && parts.length < 3; node = node.parentElement) {
      const classes = [...node.classList].filter((c) => c.startsWith("physio-"));
      parts.unshift(node.tagName.toLowerCase() + (classes.length ? "." + classes[0] : ""));
      if (classes.length) break;
    }
    return parts.join(" > ");
  };
  const hidden = (element) =>
    !element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ||
    element.closest(".physio-visually-hidden") !== null;
  const measure = (element, style, text) => {
    const bg = background(element);
    const fg = over(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
    return {
      text: text.trim().slice(0, 40), where: where(element), colour: hex(fg),
      background: hex(bg), ratio: Math.round(ratio(fg, bg) * 100) / 100,
      needed: large ? 3 : 4.5,
    };
  };
  const results = [];
  for (const root of document.querySelectorAll(roots)) {
    for (const element of [root, ...root.querySelectorAll("*")]) {
      if (hidden(element)) continue;
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent).join("");
      if (own.trim()) results.push(measure(element, getComputedStyle(element), own));
      for (const pseudo of ["::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const content = style.content.replace(/^"|"$/g, "");
        if (style.content !== "none" && style.content !== "normal" && content.trim()) {
          results.push(measure(element, style, content));
        }
      }
    }
  }
  return results;
}
"""

# Every control in the package's markup, focused as from the keyboard: the ring
# it shows, against the background around it.
FOCUS_SCRIPT = """
(roots) => {
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const [r, g, b, a = 1] = parse(getComputedStyle(node).backgroundColor);
      if (a >= 1) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const results = [];
  const selector = "a[href], button:not([hidden]), summary, input:not([type=hidden])";
  for (const root of document.querySelectorAll(roots)) {
    for (const control of root.querySelectorAll(selector)) {
      if (!control.checkVisibility()) continue;
      control.focus();
      const style = getComputedStyle(control);
      results.push({
        control: control.outerHTML.slice(0, 60),
        focused: document.activeElement === control,
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        ratio: Math.round(ratio(parse(style.outlineColor).slice(0, 3),
          background(control.parentElement)) * 100) / 100,
      });
    }
  }
  return results;
}
"""

# Whether the package's page paints a dark background.
IS_DARK_SCRIPT = """
() => {
  const style = getComputedStyle(document.querySelector(".physio-page"));
  const [r, g, b] = style.backgroundColor.match(/\\d+/g).map(Number);
  return (r + g + b) / 3 < 128;
}
"""

# The layout the package sets for itself: sizes of its headings, text and lists.
LAYOUT_SCRIPT = """
(roots) => {
  const found = {};
  const selector = "h1, h2, h3, h4, p, li, ul, summary, caption, th, td";
  for (const root of document.querySelectorAll(roots)) {
    for (const element of root.querySelectorAll(selector)) {
      const style = getComputedStyle(element);
      const classes = [...element.classList].filter((c) => c.startsWith("physio-"));
      const parent = element.closest("[class*='physio-']");
      const key = element.tagName.toLowerCase() + "." +
        (classes[0] || ("in " + [...parent.classList][0]));
      found[key] = [style.fontSize, style.lineHeight, style.fontWeight,
        style.fontFamily, style.listStyleType, style.paddingLeft, style.marginTop,
        style.marginBottom];
    }
  }
  return found;
}
"""


@pytest.fixture
def clinic_content(live_site):
    """A clinic whose site is a project's own home page, with every package
    component: a condition page with every block, its index, banners, locations
    and the contact details for the footer panel."""
    cache.clear()
    home = make_home_page("Northgate Physio", "northgate")
    parts = urlsplit(live_site.url)
    site, _created = Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": parts.hostname,
            "port": parts.port,
            "root_page": home,
            "site_name": "Northgate Physio",
        },
    )
    contact = ClinicContactSettings.for_site(site)
    contact.main_phone = "0151 496 0100"
    contact.email = "hello@northgate.example"
    contact.booking_url = "https://northgate.example/book"
    contact.save()
    make_location("Quayside clinic", latitude="53.4012", longitude="-2.9876")
    make_location("Millbrook clinic", phone="0151 496 0314")

    index = make_condition_index(home, title="Conditions we treat")
    spine = ConditionCategory.objects.create(name="Back and spine")
    sciatica = make_condition_page(index, title="Sciatica", categories=[spine])
    make_condition_page(index, title="Knee replacement")
    body = [
        {
            "type": "urgent_advice",
            "value": {
                "level": "emergency",
                "heading": "Call 999 if you have back pain and",
                "symptoms": ["Numbness around your bottom", "Weakness in both legs"],
                "advice": "Do not drive yourself.",
            },
        },
        *full_body(make_image("Stretch"), sciatica),
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "heading": "Take it slowly",
                "text": "Stop if it hurts.",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "information", "heading": "", "text": "Bring shorts."},
        },
        {
            "type": "do_dont",
            "value": {
                "heading": "The first weeks",
                "intro": "",
                "do": ["Walk a little further each day"],
                "dont": ["Lift anything heavy"],
            },
        },
        {
            "type": "questions",
            "value": {
                "heading": "Your questions",
                "intro": "",
                "questions": [
                    {"question": "How soon can I drive?", "answer": "Ask us first."}
                ],
            },
        },
        heading("Where to find us"),
        locations_block(heading=""),
    ]
    page = make_condition_page(
        index,
        title="Back surgery",
        body=body,
        categories=[spine],
        hero_image=make_image("Hero"),
        hero_caption="Gentle exercise after surgery",
        related_conditions=[("condition", sciatica)],
        show_table_of_contents=True,
        reviewer_name="Dr Ffion Marsh",
        reviewer_role="Consultant physiotherapist",
        last_reviewed=datetime.date(2026, 3, 2),
    )
    make_notice(
        message='<p>Our phones are down. <a href="https://northgate.example/news">Read more</a></p>',
        severity="urgent",
        cta_type="phone",
        cta_phone="0151 496 0321",
    )
    make_notice(
        message='<p>Quayside car park is closed. <a href="https://northgate.example/parking">Directions</a></p>',
        severity="warning",
    )
    make_notice(message="<p>New evening clinics from June.</p>", dismissible=False)
    yield {"url": live_site.url, "page": page, "index": index}
    cache.clear()


@pytest.fixture
def hostile_host(clinic_content, settings):
    """The host's templates and stylesheet, and the package rendering into them."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(HOST / "templates")]},
        *settings.TEMPLATES[1:],
    ]
    settings.STATICFILES_DIRS = [
        *getattr(settings, "STATICFILES_DIRS", []),
        str(HOST / "static"),
    ]
    settings.WAGTAIL_PHYSIO = {
        "BASE_TEMPLATE": "hostile_host/base.html",
        "SHOW_BREADCRUMBS": False,
    }
    return clinic_content


def visit(tab, url, theme):
    """Open ``url`` with the reader's system colour scheme and the host's theme."""
    _name, system, host_theme = theme
    tab.emulate_media(color_scheme=system)
    tab.goto(url)
    if host_theme:
        # What a host's theme switch does (Bootstrap's colour-mode script).
        tab.evaluate(
            "theme => document.documentElement.setAttribute('data-bs-theme', theme)",
            host_theme,
        )
    # Every answer open, so its text is measured too; every image loaded, for
    # the screenshots.
    tab.evaluate(
        """() => {
          document.querySelectorAll("details").forEach((d) => { d.open = true; });
          document.querySelectorAll("img").forEach((i) => { i.loading = "eager"; });
        }"""
    )
    tab.wait_for_load_state("load")


def failures(measured):
    return [item for item in measured if item["ratio"] < item["needed"]]


def test_every_package_text_reaches_aa_contrast_in_light_and_dark(hostile_host, page):
    summary = {}
    for theme in THEMES:
        name = theme[0]
        for label, url in (
            ("condition", hostile_host["page"].url),
            ("index", hostile_host["index"].url + "?q=back"),
        ):
            visit(page, hostile_host["url"] + url, theme)
            measured = page.evaluate(CONTRAST_SCRIPT, PACKAGE_ROOTS)
            assert len(measured) > (60 if label == "condition" else 10), label
            assert failures(measured) == [], (name, label)
            summary[f"{name}/{label}"] = {
                "texts": len(measured),
                "lowest": min(measured, key=lambda item: item["ratio"]),
            }
            # The package really changed theme (or kept it) with the page.
            assert page.evaluate(IS_DARK_SCRIPT) == (name in DARK_THEMES), name
            save_screenshot(page, f"hostile-host-{label}-{name}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hostile-host-contrast.json").write_text(json.dumps(summary, indent=2))


def test_the_hosts_rules_do_not_move_the_package_layout(hostile_host, page, settings):
    """Heading sizes, text and lists measure the same under the host's stylesheet
    as under a base template with no stylesheet of its own."""
    url = hostile_host["url"] + hostile_host["page"].url
    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "hostile_host/base.html"}
    visit(page, url, THEMES[0])
    hostile = page.evaluate(LAYOUT_SCRIPT, PACKAGE_ROOTS)

    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "testapp/physio_base.html"}
    visit(page, url, THEMES[0])
    plain = page.evaluate(LAYOUT_SCRIPT, PACKAGE_ROOTS)

    assert len(plain) > 25
    differences = {
        key: (plain[key], hostile.get(key))
        for key in plain
        if hostile.get(key) != plain[key]
    }
    assert differences == {}, json.dumps(differences, indent=1)
    # The "Get in touch" heading keeps the package's size, not the host's 3rem h2.
    assert hostile["h2.physio-contact__heading"][0] == "20px"


def test_one_breadcrumb_trail_when_the_host_has_its_own(hostile_host, page, settings):
    url = hostile_host["url"] + hostile_host["page"].url
    page.goto(url)
    trails = page.get_by_role("navigation", name="Breadcrumb")
    assert trails.count() == 1
    assert trails.get_by_role("link", name="Conditions we treat").is_visible()

    settings.WAGTAIL_PHYSIO = {"BASE_TEMPLATE": "hostile_host/base.html"}
    page.goto(url)
    assert page.get_by_role("navigation", name="Breadcrumb").count() == 2


def dismiss(tab, region):
    """Dismiss a banner from the keyboard, as the readers focus placement serves."""
    tab.get_by_role("region", name=region).get_by_role(
        "button", name="Dismiss this notice"
    ).press("Enter")


def focused(tab):
    return tab.evaluate(
        "[document.activeElement.tagName.toLowerCase(), document.activeElement.id,"
        " document.activeElement.className]"
    )


def test_focus_after_dismissal_lands_whatever_the_hosts_markup(hostile_host, page):
    url = hostile_host["url"] + hostile_host["page"].url
    page.goto(url)

    # The next notice's own button, while there is one.
    dismiss(page, "Urgent notice")
    assert page.evaluate(
        "document.activeElement.matches('.physio-notice--warning [data-physio-notice-dismiss]')"
    )
    # The last dismissible one: the host's <main id="main-content"> has no
    # tabindex, so the script makes it focusable for the moment.
    dismiss(page, "Important notice")
    assert focused(page) == ["main", "main-content", "container"]
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "-1"
    page.keyboard.press("Tab")
    assert (
        page.evaluate(
            "document.getElementById('main-content').hasAttribute('tabindex')"
        )
        is False
    )

    # A host whose <main> has no id: focus goes to <main> all the same.
    page.evaluate("localStorage.clear()")
    page.goto(url)
    page.evaluate("document.querySelector('main').removeAttribute('id')")
    dismiss(page, "Urgent notice")
    dismiss(page, "Important notice")
    assert focused(page)[0] == "main"

    # A host with no <main> at all: the element after the banners.
    page.evaluate("localStorage.clear()")
    page.goto(url)
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const div = document.createElement("div");
          div.className = "container";
          div.append(...main.childNodes);
          main.replaceWith(div);
        }"""
    )
    dismiss(page, "Urgent notice")
    dismiss(page, "Important notice")
    assert focused(page) == ["header", "", "navbar"]
    save_screenshot(page, "hostile-host-after-dismissal")


# The computed style of every element of the host's own (outside the package's
# markup), for the properties a stylesheet most often changes.
HOST_STYLE_SCRIPT = """
(roots) => {
  const properties = ["color", "backgroundColor", "fontFamily", "fontSize",
    "fontWeight", "lineHeight", "marginTop", "marginBottom", "paddingLeft",
    "display", "listStyleType", "textDecorationLine", "outlineStyle", "colorScheme"];
  return [...document.body.querySelectorAll("*")]
    .filter((element) => !element.closest(roots))
    .map((element) => {
      const style = getComputedStyle(element);
      return [element.tagName.toLowerCase() + "." + element.className,
        properties.map((name) => style[name])];
    });
}
"""


@pytest.mark.parametrize("theme", [THEMES[0], THEMES[2]], ids=lambda t: t[0])
def test_no_package_rule_reaches_the_hosts_own_elements(hostile_host, page, theme):
    """The host's header, breadcrumbs, skip link and footer text look exactly the
    same with the package's stylesheet as without it."""
    visit(page, hostile_host["url"] + hostile_host["page"].url, theme)
    with_package = page.evaluate(HOST_STYLE_SCRIPT, PACKAGE_ROOTS)
    page.evaluate(
        "document.querySelectorAll('link[href*=\"wagtail_physio/css/physio.css\"]')"
        ".forEach((link) => link.remove())"
    )
    without_package = page.evaluate(HOST_STYLE_SCRIPT, PACKAGE_ROOTS)
    assert len(with_package) > 15
    assert with_package == without_package


def test_focus_after_dismissal_skips_the_client_mode_announcer(
    hostile_host, page, settings
):
    """In client mode a visually hidden live region and a script follow the
    banners; with no <main>, focus goes past them to the host's header."""
    settings.WAGTAIL_PHYSIO = {
        "BASE_TEMPLATE": "hostile_host/base.html",
        "NOTICE_BANNER_MODE": "client",
    }
    page.goto(hostile_host["url"] + hostile_host["page"].url)
    page.get_by_role("region", name="Urgent notice").wait_for()
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const div = document.createElement("div");
          div.append(...main.childNodes);
          main.replaceWith(div);
        }"""
    )
    dismiss(page, "Urgent notice")
    dismiss(page, "Important notice")
    assert focused(page) == ["header", "", "navbar"]


@pytest.mark.parametrize("theme", [THEMES[0], THEMES[2]], ids=lambda t: t[0])
def test_every_package_control_shows_a_focus_ring(hostile_host, page, theme):
    """The host removes focus rings from links; the package's show all the same,
    at 3:1 or more against what is around them (WCAG 2.2 1.4.11 and 2.4.7)."""
    visit(page, hostile_host["url"] + hostile_host["page"].url, theme)
    page.keyboard.press("Tab")  # keyboard use, so :focus-visible matches
    rings = page.evaluate(FOCUS_SCRIPT, PACKAGE_ROOTS)
    assert len(rings) > 30
    missing = [
        ring
        for ring in rings
        if not ring["focused"]
        or ring["style"] != "solid"
        or ring["width"] < 2
        or ring["ratio"] < 3
    ]
    assert missing == []
