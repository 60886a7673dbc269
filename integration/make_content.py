"""Content for the integration site, made through the package's public models.

Run from the site's folder with DJANGO_SETTINGS_MODULE set (build_site.py does):

    python make_content.py OUT.json

Creates a conditions index under the home page, a condition page using every block
of ``ConditionStreamBlock`` (and a hero image), two clinic locations with opening
hours, the clinic's contact details and one live, dismissible notice banner; writes
the URLs and texts the browser tests look for to OUT.json. Phone numbers are from
the UK range kept for drama (0151 496 0000-0999).
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.core.files.images import ImageFile  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageDraw  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Site  # noqa: E402

import wagtail_physio  # noqa: E402
from wagtail_physio.blocks import ConditionStreamBlock  # noqa: E402
from wagtail_physio.models import (  # noqa: E402
    ClinicContactSettings,
    ClinicLocation,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
    OpeningHours,
)

SITE_NAME = "Riverside Clinic"
MAIN_PHONE = "0151 496 0100"
NOTICE = "Integration notice: the Quayside clinic car park is closed this week."
SUMMARY = (
    "Physiotherapy for a painful, stiff or swollen knee: what causes it, how we "
    "treat it and when to see us."
)


def png(width: int = 1200, height: int = 800) -> bytes:
    """A small drawing: sky, a hill and a sun, enough for real renditions."""
    image = PILImage.new("RGB", (width, height), (214, 234, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((-200, height // 2, width + 200, height * 2), fill=(76, 140, 90))
    draw.ellipse((width - 300, 80, width - 140, 240), fill=(245, 196, 66))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def location(name: str, line_1: str, postcode: str, phone: str, order: int, hours):
    place = ClinicLocation(
        name=name,
        address_line_1=line_1,
        town="Riverton",
        postcode=postcode,
        phone=phone,
        visitor_notes="Step-free entrance.",
        sort_order=order,
    )
    place.opening_hours = [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
            sort_order=index,
        )
        for index, (day, opens, closes) in enumerate(hours)
    ]
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def make() -> dict:
    site = Site.objects.get(is_default_site=True)
    site.site_name = SITE_NAME
    site.save()
    home = site.root_page.specific

    image = get_image_model()(title="Knee exercise drawing")
    image.file = ImageFile(io.BytesIO(png()), name="knee.png")
    image.save()

    quayside = location(
        "Quayside clinic",
        "14 Chandlers Row",
        "RV1 4QT",
        "0151 496 0101",
        1,
        [(day, "08:00", "18:00") for day in range(5)] + [(5, "09:00", "12:00")],
    )
    millbrook = location(
        "Millbrook clinic",
        "Millbrook Park, Ferry Road",
        "RV4 2LN",
        "0151 496 0102",
        2,
        [(day, "07:00", "20:00") for day in range(0, 5, 2)],
    )

    index = ConditionIndexPage(
        title="Conditions we treat",
        slug="conditions",
        intro="<p>How physiotherapy can help, condition by condition.</p>",
    )
    home.add_child(instance=index)
    index.save_revision().publish()

    body = [
        {"type": "heading", "value": {"text": "About knee pain", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Most knee pain settles with <b>the right exercise</b>.</p>",
        },
        {
            "type": "aims",
            "value": {
                "heading": "What treatment aims to do",
                "intro": "Together we aim to:",
                "aims": ["Ease pain", "Bend and straighten the knee fully"],
                "overall_aim": "Back to the things you enjoy, without pain.",
            },
        },
        {
            "type": "procedures",
            "value": {
                "heading": "Operations we help with",
                "intro": "",
                "procedures": [
                    {
                        "name": "Arthroscopy",
                        "description": "Keyhole surgery inside the joint.",
                        "page": None,
                        "url": "",
                    }
                ],
                "closing_note": "Your surgeon explains the risks first.",
            },
        },
        {
            "type": "key_points",
            "value": {
                "heading": "How physiotherapy helps",
                "intro": "",
                "points": ["Stronger thigh muscles", "Better balance"],
            },
        },
        {
            "type": "urgent_advice",
            "value": {
                "level": "urgent",
                "heading": "Get help today if your knee",
                "symptoms": ["Becomes hot, red and swollen", "Cannot take any weight"],
                "advice": "",
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "information",
                "heading": "Before your first visit",
                "text": "Wear shorts or loose trousers.",
            },
        },
        {
            "type": "do_dont",
            "value": {
                "heading": "At home",
                "intro": "",
                "do": ["Walk a little each day"],
                "dont": ["Kneel on the new joint"],
            },
        },
        {
            "type": "questions",
            "value": {
                "heading": "Your questions",
                "intro": "",
                "questions": [
                    {
                        "question": "When can I drive?",
                        "answer": "Usually after six weeks.",
                    }
                ],
            },
        },
        {
            "type": "treatments",
            "value": {
                "heading": "What treatment involves",
                "intro": "",
                "treatments": [
                    {
                        "name": "Exercise",
                        "description": "Little and often.",
                        "page": None,
                    },
                    {"name": "Taping", "description": "", "page": None},
                ],
                "closing_note": "",
            },
        },
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "decorative": False,
                "alt_text": "Drawing of a green hill under a yellow sun.",
                "caption": "Exercise outdoors when you can.",
                "attribution": "Drawing: Riverside Clinic",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Book an appointment",
                "text": "Call us to book at either clinic.",
                "phone": "0151 496 0103",
                "booking_url": "https://riverside-clinic.example/book",
                "button_label": "Book online",
            },
        },
        {
            "type": "clinic_locations",
            "value": {
                "heading": "Where to find us",
                "show": "chosen",
                "locations": [quayside.pk, millbrook.pk],
            },
        },
    ]
    every_block = list(ConditionStreamBlock().child_blocks)
    used = [item["type"] for item in body]
    missing = sorted(set(every_block) - set(used))
    if missing:
        raise SystemExit(
            "make_content.py does not cover these ConditionStreamBlock blocks: "
            + ", ".join(missing)
        )

    condition = ConditionPage(
        title="Knee pain",
        slug="knee-pain",
        summary=SUMMARY,
        hero_image=image,
        hero_caption="The knee bends and straightens like a hinge.",
        body=body,
    )
    index.add_child(instance=condition)
    condition.save_revision().publish()

    contact = ClinicContactSettings.for_site(site)
    contact.main_phone = MAIN_PHONE
    contact.email = "hello@riverside-clinic.example"
    contact.save()

    NoticeBanner.objects.create(
        message=f"<p><b>{NOTICE.split(':')[0]}:</b>{NOTICE.split(':', 1)[1]}</p>",
        severity=NoticeBanner.Severity.WARNING,
        cta_type=NoticeBanner.CallToAction.PHONE,
        dismissible=True,
    )
    live = list(NoticeBanner.objects.live())
    assert len(live) == 1 and live[0].dismissible, live

    condition.refresh_from_db()
    index.refresh_from_db()
    return {
        "package_file": wagtail_physio.__file__,
        "package_version": wagtail_physio.__version__,
        "site_name": SITE_NAME,
        "main_phone": MAIN_PHONE,
        "notice_text": NOTICE,
        "blocks": used,
        "pages": {
            "condition": {
                "url": condition.url,
                "title": condition.title,
                "summary": SUMMARY,
            },
            "index": {"url": index.url, "title": index.title, "summary": ""},
            "home": {"url": home.url, "title": home.title, "summary": ""},
        },
        "locations": [quayside.name, millbrook.name],
    }


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(make(), indent=2))
