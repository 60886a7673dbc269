"""The package's pages and site-wide tags in a clinic's own Wagtail site, in Chromium.

Each test runs once per base-template variant (the ``server`` fixture):
"project" is ``wagtail start``'s base.html edited per the README, "bare" a base
template with no block but ``content``. Every page is served under a strict
Content-Security-Policy and must raise no console error and no CSP violation.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

STYLESHEET = "/static/wagtail_physio/css/physio.css"
PAGES = ("condition", "index", "home")

# What each ConditionStreamBlock block renders, as a selector that must be visible.
BLOCK_SELECTORS = {
    "heading": ".physio-heading",
    "paragraph": ".physio-paragraph",
    "aims": ".physio-aims .physio-aims__list",
    "procedures": ".physio-procedures .physio-procedures__item",
    "key_points": ".physio-key-points__list",
    "urgent_advice": ".physio-urgent .physio-urgent__action a[href^='tel:']",
    "callout": "aside.physio-callout",
    "do_dont": ".physio-do-dont .physio-do-dont__list",
    "questions": "details.physio-questions__item summary",
    "treatments": ".physio-treatments__name",
    "image": ".physio-captioned-image img",
    "call_to_action": ".physio-cta a.physio-cta__phone[href^='tel:']",
    "clinic_locations": ".physio-locations .physio-locations__item",
}

PAGE_FACTS = """
([headerSelector, footerSelector]) => {
  const all = (s) => Array.from(document.querySelectorAll(s));
  const header = document.querySelector(headerSelector);
  const main = document.getElementById("main-content");
  const footer = document.querySelector(footerSelector);
  const follows = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
  const inside = (outer, selector) => !!(outer && outer.querySelector(selector));
  const notices = document.querySelector(".physio-notices");
  const description = document.querySelector('meta[name="description"]');
  const skip = document.querySelector(".physio-skip-link");
  const skipBox = skip && skip.getBoundingClientRect();
  const skipStyle = skip && getComputedStyle(skip);
  return {
    title: document.title,
    description: description ? description.content : null,
    headers: all(headerSelector).length,
    footers: all(footerSelector).length,
    order: follows(header, main) && follows(main, footer),
    noticesBeforeHeader: follows(notices, header),
    skipFirst: !!skip && follows(skip, notices),
    packageInMain: inside(main, ".physio-page"),
    contactInFooter: inside(footer, ".physio-contact"),
    mainTabindex: main && main.getAttribute("tabindex"),
    stylesheets: all('link[rel="stylesheet"]').map((l) => l.getAttribute("href")),
    stylesheetInHead: !!document.head.querySelector('link[href$="wagtail_physio/css/physio.css"]'),
    accent: getComputedStyle(document.documentElement).getPropertyValue("--physio-color-accent").trim(),
    skip: skip && {
      position: skipStyle.position, right: skipBox.right, bottom: skipBox.bottom,
      target: skip.getAttribute("href"),
    },
    notice: (() => {
      const el = document.querySelector(".physio-notice");
      if (!el) return null;
      const s = getComputedStyle(el);
      return { borderLeft: s.borderLeftWidth, background: s.backgroundColor, text: el.innerText };
    })(),
    hidden: all(".physio-visually-hidden").map((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { text: el.textContent.trim(), width: r.width, height: r.height,
               clip: s.clip, clipPath: s.clipPath, overflow: s.overflow, position: s.position };
    }),
    jsonLd: all('script[type="application/ld+json"]').map((s) => s.textContent),
    h1s: all("h1").map((h) => h.textContent.trim()),
    bodyText: document.body.innerText,
  };
}
"""


def policy_directives(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_public_pages_carry_the_strict_policy(
    server, site_info: dict[str, Any]
) -> None:
    for name in PAGES:
        url = server.url(site_info["content"]["pages"][name]["url"])
        with urllib.request.urlopen(url, timeout=10) as response:
            header = response.headers.get("Content-Security-Policy", "")
        assert policy_directives(header) == site_info["csp"], (url, header)
        assert "unsafe-inline" not in header


def test_inline_script_is_blocked_and_reported(
    server, site_info: dict[str, Any], tab
) -> None:
    """The control: the policy is enforced and violations reach the test, so "no
    violation" on the other pages means something."""
    tab.page.goto(server.url(site_info["content"]["pages"]["home"]["url"]))
    tab.page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__inlineRan = true;";
                   document.body.appendChild(s); }"""
    )
    tab.settle()
    assert tab.page.evaluate("() => window.__inlineRan === undefined"), (
        "an inline script ran"
    )
    events = [v for v in tab.csp_violations if isinstance(v, dict)]
    assert any(v["directive"].startswith("script-src") for v in events), (
        f"the securitypolicyviolation event did not reach the test: {tab.csp_violations}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_inside_the_site(
    server, site_info: dict[str, Any], tab, screenshot_dir: Path, label: str, name: str
) -> None:
    content = site_info["content"]
    spec = content["pages"][name]
    header_class = server.spec["header"].split('class="')[1].split('"')[0]
    footer_class = server.spec["footer_open"].split('class="')[1].split('"')[0]
    page = tab.page

    response = page.goto(server.url(spec["url"]), wait_until="load")
    assert response is not None and response.status == 200
    facts = page.evaluate(
        PAGE_FACTS, [f"header.{header_class}", f"footer.{footer_class}"]
    )
    shot = screenshot_dir / f"{label}-{server.variant}-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")

    # The project's header and footer, once each, around the main content.
    assert facts["headers"] == 1 and facts["footers"] == 1, facts
    assert facts["order"], (
        "expected the project's header, then #main-content, then its footer"
    )
    assert facts["mainTabindex"] == "-1"
    if name != "home":
        assert facts["packageInMain"], "the package's page content is not inside <main>"
        assert facts["h1s"] == [spec["title"]], facts["h1s"]

    # Site-wide tags: the banner first (after the skip link), the contact panel in
    # the footer, on the package's pages and the project's own home page alike.
    assert facts["notice"] and content["notice_text"] in " ".join(
        facts["notice"]["text"].split()
    )
    assert facts["noticesBeforeHeader"] and facts["skipFirst"], facts
    assert facts["contactInFooter"], "no {% physio_contact %} panel in the footer"
    assert content["main_phone"].replace(" ", "") in facts["bodyText"].replace(" ", "")
    dismiss = page.locator(".physio-notice [data-physio-notice-dismiss]")
    assert dismiss.is_visible(), (
        "the dismiss button stayed hidden: notice-banners.js did not run"
    )

    # The package stylesheet reached the page, once, and applies.
    assert facts["stylesheets"].count(STYLESHEET) == 1, facts["stylesheets"]
    if server.variant == "project":
        assert facts["stylesheetInHead"], (
            "{% physio_stylesheet %} in <head> did not link it there"
        )
    assert facts["accent"] == "#00606b", "package custom properties missing"
    assert facts["notice"]["borderLeft"] == "6px", facts["notice"]
    assert facts["notice"]["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert facts["skip"]["position"] == "absolute", facts["skip"]
    assert facts["skip"]["right"] <= 0 or facts["skip"]["bottom"] <= 0, (
        f"the skip link is on screen before it has focus: {facts['skip']}"
    )
    assert facts["skip"]["target"] == "#main-content"

    # Visually hidden text is there for screen readers and invisible on screen.
    assert facts["hidden"], (
        "expected visually hidden text (the notice's prefix at least)"
    )
    for item in facts["hidden"]:
        assert item["width"] <= 1 and item["height"] <= 1, item
        assert item["overflow"] == "hidden" and item["position"] == "absolute", item
        assert (
            item["clip"] == "rect(0px, 0px, 0px, 0px)"
            or item["clipPath"] == "inset(50%)"
        ), item

    # One JSON-LD document on package pages (from the head tag or the page itself);
    # the project's own pages have it only from {% physio_structured_data %} in a head.
    expected = 0 if (name == "home" and server.variant == "bare") else 1
    assert len(facts["jsonLd"]) == expected, facts["jsonLd"]
    for document in facts["jsonLd"]:
        json.loads(document)

    if server.variant == "project":
        assert facts["title"] == f"{spec['title']} | {content['site_name']}"
        assert facts["description"] == (spec["summary"] or None), facts["description"]

    if name == "condition":
        check_condition_blocks(page, content)
    elif name == "index":
        titles = page.locator(".physio-condition-list__title a").all_inner_texts()
        assert titles == [content["pages"]["condition"]["title"]], titles

    check_skip_link(page)
    tab.assert_clean()


def check_condition_blocks(page: Any, content: dict[str, Any]) -> None:
    assert sorted(BLOCK_SELECTORS) == sorted(content["blocks"]), (
        "BLOCK_SELECTORS and make_content.py disagree on the blocks"
    )
    for block, selector in BLOCK_SELECTORS.items():
        assert page.locator(selector).first.is_visible(), (
            f"{block}: nothing visible at {selector}"
        )
    assert page.locator(".physio-locations__item").count() == len(content["locations"])
    assert page.locator(".physio-hours").count() >= len(content["locations"])
    # Images and their renditions load (media served, srcset resolvable). Lazy
    # images load once scrolled to, and a busy machine may still be fetching one:
    # bring each into view and wait for every one to finish, loaded or not.
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.images).every((img) => img.complete)",
        timeout=15_000,
    )
    broken = page.evaluate(
        """() => Array.from(document.images)
                 .filter((img) => !img.complete || img.naturalWidth === 0)
                 .map((img) => img.currentSrc || img.src)"""
    )
    assert not broken, broken
    # Styled by the package, not the browser's defaults.
    styles = page.evaluate(
        """() => ({
          cta: getComputedStyle(document.querySelector(".physio-cta")).borderTopWidth,
          measure: getComputedStyle(document.querySelector(".physio-page")).maxWidth,
          heading: getComputedStyle(document.querySelector(".physio-section__heading")).marginTop,
        })"""
    )
    assert styles == {"cta": "2px", "measure": "768px", "heading": "32px"}, styles


def check_skip_link(page: Any) -> None:
    """First Tab stop; shown on screen while focused; Enter moves focus to <main>."""
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
                   return { skip: el.classList.contains("physio-skip-link"),
                            left: r.left, top: r.top, width: r.width, height: r.height }; }"""
    )
    assert focused["skip"], "the first Tab stop is not the skip link"
    assert focused["left"] >= 0 and focused["top"] >= 0 and focused["width"] > 1, (
        focused
    )
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'main-content'"
    )


def test_notice_dismissal_is_remembered(server, site_info: dict[str, Any], tab) -> None:
    pages = site_info["content"]["pages"]
    page = tab.page
    page.goto(server.url(pages["home"]["url"]))
    notice = page.locator(".physio-notice")
    assert notice.count() == 1 and notice.is_visible()
    page.locator("[data-physio-notice-dismiss]").click()
    assert notice.count() == 0
    # Focus goes on to the main content, the skip link's target.
    assert page.evaluate("() => document.activeElement.id") == "main-content"

    page.reload(wait_until="load")
    assert page.locator(".physio-notice").count() == 0, "the dismissed notice came back"
    page.goto(server.url(pages["condition"]["url"]), wait_until="load")
    assert page.locator(".physio-notice").count() == 0, (
        "dismissed on one page, shown on another"
    )
    tab.assert_clean()
