"""The checks themselves: each finds what it is there to find.

A check that finds nothing proves nothing unless it is shown to find a leak; here
each kind of leak is planted in otherwise clean output.
"""

import json

import pytest

from .checks import csv_findings, html_findings, is_safe_url, json_findings
from .payloads import PAYLOADS

CLEAN_PAGE = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/static/wagtail_physio/css/physio.css">
<script type="application/ld+json">{"@context":"https://schema.org","url":"https://x.example/"}</script>
</head><body>
<a href="/conditions/">Conditions</a> <a href="tel:+441514960000">Call</a>
<a href="mailto:desk@clinic.example">Email</a> <a href="#top">Top</a>
<a href="?category=knee">Knee</a> <a href="https://www.openstreetmap.org/?q=a">Map</a>
<img src="/media/x.png" srcset="/media/x.png 480w, /media/y.png 800w" alt="">
<form action="" method="get"><input name="q"></form>
<script src="/static/wagtail_physio/js/notice-banners.js"></script>
</body></html>"""


def test_a_clean_page_has_no_findings():
    assert html_findings(CLEAN_PAGE) == []


@pytest.mark.parametrize(
    "planted",
    [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<script type="module">alert(1)</script>',
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<p ONCLICK='alert(1)'>x</p>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>',
        '<a href="&#x01;javascript:alert(1)">x</a>',
        '<a href="ｊａｖａｓｃｒｉｐｔ：alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<a href="vbscript:MsgBox(1)">x</a>',
        '<a href="//evil.example/">x</a>',
        '<form action="javascript:alert(1)"><button formaction="javascript:x">b</button></form>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<img srcset="/ok.png 1x, javascript:alert(1) 2x">',
        '<p style="background: URL(x)">x</p>',
        '<p style="width: expression(alert(1))">x</p>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<meta http-equiv="refresh" content="0;url=/">',
        '<object data="/x.swf"></object>',
        '<embed src="/x.swf">',
        "<base href='/'>",
        "<style>body{}</style>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
        '<script type="application/ld+json">{"url": "javascript:alert(1)"}</script>',
        '<script type="application/ld+json">{"a": 1</script>',
        '<script type="application/ld+json">{"a": "<!--"}</script>',
    ],
)
def test_each_leak_planted_in_a_reader_page_is_found(planted):
    html = CLEAN_PAGE.replace("</body>", planted + "</body>")
    assert html_findings(html), planted


def test_wagtails_stored_embeds_are_not_mistaken_for_an_embed_element():
    stored = '<p>x</p><embed alt="A" embedtype="image" format="left" id="3"/>'
    assert html_findings(stored) == []
    assert html_findings('<embed embedtype="media" src="/x.swf">')


def test_admin_pages_may_have_wagtails_scripts_but_no_payload():
    admin = """<html><head><script src="/static/wagtailadmin/js/core.js"></script>
    <script src="/admin/jsi18n/"></script>
    <script>window.wagtailConfig = {};</script>
    <script type="application/json" id="data">{"value": "&lt;script&gt;alert(1)"}</script>
    </head><iframe sandbox srcdoc="&lt;base target=_blank&gt;&lt;p&gt;Banner&lt;/p&gt;"></iframe><body><a href="/admin/pages/3/">Edit</a></body></html>"""
    assert html_findings(admin, admin=True) == []
    for planted in [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        '<script type="application/json">{"broken": </script>',
        '<a href="javascript:alert(1)">x</a>',
        '<input value="" onfocus="alert(1)">',
        '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
    ]:
        html = admin.replace("</body>", planted + "</body>")
        assert html_findings(html, admin=True), planted


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://ok.example/", True),
        ("http://ok.example/a?b#c", True),
        ("tel:+441514960000", True),
        ("mailto:a@b.example", True),
        ("/relative/path", True),
        ("#anchor", True),
        ("?q=1", True),
        ("", True),
        ("javascript:alert(1)", False),
        ("  JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("ｊａｖａｓｃｒｉｐｔ：alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("javascript&colon;alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("//evil.example/", False),
        ("\\\\evil.example\\share", False),
    ],
)
def test_url_safety(url, safe):
    assert is_safe_url(url) is safe


def test_json_checks_addresses_and_html_but_not_plain_text():
    clean = {
        "title": "<script>alert(1)</script>",  # text: a client escapes it
        "meta": {"html_url": "https://ok.example/x/"},
        "body": [{"type": "paragraph", "value": "<p>Hi</p>"}],
        "phone": {"display": "0151", "e164": "+44151"},
        "call": {"tel": "tel:+44151"},
    }
    keys = ("html", "$.intro", "paragraph=value")
    assert json_findings(clean, html_keys=keys) == []
    for leak in [
        {"booking_url": "javascript:alert(1)"},
        {"link_url": "data:text/html,x"},
        {"map_url": " vbscript:x"},
        {"hasMap": "javascript:x"},
        {"call": {"tel": "javascript:x"}},
        {"item": "javascript:x"},
        {"banners": [{"html": "<img src=x onerror=alert(1)>"}]},
        {"intro": "<script>alert(1)</script>"},
        {"body": [{"type": "paragraph", "value": '<a href="javascript:x">x</a>'}]},
    ]:
        assert json_findings(leak, html_keys=keys), json.dumps(leak)


def test_csv_formulas_are_found_unless_quoted():
    clean = "Title,Reviewer\r\n'=1+1,'@x\r\nBack pain,Sam\r\n"
    assert csv_findings(clean) == []
    for cell in ["=1+1", "+1", "-1+cmd", "@SUM(1)", "\t=1", "\r=1"]:
        text = f'Title,Reviewer\r\n"{cell}",Sam\r\n'
        assert csv_findings(text), repr(cell)


def test_payloads_are_many_with_unique_ids_and_every_kind():
    assert len(PAYLOADS) >= 60
    assert len({p.id for p in PAYLOADS}) == len(PAYLOADS)
    kinds = {p.kind for p in PAYLOADS}
    assert kinds == {"markup", "breakout", "url", "phone", "text", "csv"}
    values = " ".join(p.value for p in PAYLOADS)
    for needle in [
        "<script",
        "onerror",
        "javascript:",
        "JaVaScRiPt:",
        "DATA:",
        "VbScRiPt:",
        "&#106;",
        "\t",
        "\x01",
        "ｊａｖａｓｃｒｉｐｔ",
        "https://[::1",
        "</script>",
        "\u2028",
        "\x00",
    ]:
        assert needle in values, needle
    assert max(len(p.value) for p in PAYLOADS) > 10_000
