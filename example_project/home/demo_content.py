"""Demo content for the fictional Harbourside Physiotherapy clinic.

Every text here is written for this demo. Phone numbers are from the UK range set aside
for drama (0151 496 0000–0999) and the addresses are invented. Loading is idempotent:
each object is looked up by a stable key and only created when missing.
"""

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.demo_images import draw_demo_image
from home.models import HomePage
from wagtail_physio.locations.models import SpecialOpeningHours
from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
    OpeningHours,
)
from wagtail_physio.review.models import add_months

CLINIC_NAME = "Harbourside Physiotherapy"
MAIN_PHONE = "0151 496 0312"


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def block(block_type, **value):
    return {"type": block_type, "value": value}


def get_or_create_image(title, kind, description=""):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        import io

        image = Image(title=title, description=description)
        image.file = ImageFile(io.BytesIO(draw_demo_image(kind)), name=f"{kind}.png")
        image.save()
    return image


def back_red_flags(heading_text="Call 999 if you have back pain and any of these"):
    """Emergency guidance for back pages: signs of pressure on the nerves at the
    base of the spine (cauda equina syndrome), in a patient's words."""
    return block(
        "urgent_advice",
        level="emergency",
        heading=heading_text,
        symptoms=[
            "Numbness or tingling between your legs or around your bottom",
            "New difficulty starting to pass urine, or not knowing when you need to go",
            "Leaking urine or losing control of your bowels",
            "Weakness, or pins and needles, getting worse in both legs",
            "Changes in sexual feeling",
        ],
        advice=(
            "These are rare, but need to be checked in hospital straight away. "
            "Do not wait for your next physiotherapy appointment."
        ),
    )


def back_surgery_body(images, pages):
    """The full "Back surgery" page: every block, in the order a reader needs it."""
    sciatica = pages.get("sciatica")
    return [
        paragraph(
            "<p>Getting moving again after an operation on your spine takes a plan "
            "made for you. Ours starts with what you want to be doing in three "
            "months and works back from there.</p>"
        ),
        block(
            "aims",
            heading="What surgery aims to do",
            intro=(
                "Every spinal operation is planned around the person having it, "
                "but most share a few goals:"
            ),
            aims=[
                "Ease pain that has not settled with other treatment",
                "Let the spine bend and turn more freely",
                "Bring back normal feeling in the legs or arms",
                "Make everyday tasks, from dressing to driving, easier",
                "Repair and steady the spine after an injury",
            ],
            overall_aim=(
                "The main goal of rehab is simple: doing the things that matter to "
                "you, as fully as you can and without pain."
            ),
        ),
        block(
            "procedures",
            heading="Types of back surgery",
            intro=(
                "Most back problems get better without an operation. When surgery "
                "is the right choice, it is usually one of these:"
            ),
            procedures=[
                {
                    "name": "Decompression",
                    "description": (
                        "Bone or tissue crowding the spinal canal is trimmed away, "
                        "giving squeezed nerves room to recover."
                    ),
                    "page": None,
                    "url": "",
                },
                {
                    "name": "Discectomy",
                    "description": (
                        "The bulging part of a damaged disc is taken out so it no "
                        "longer presses on a nerve root, which is often what causes "
                        "leg pain."
                    ),
                    "page": sciatica.pk if sciatica else None,
                    "url": "",
                },
                {
                    "name": "Fusion",
                    "description": (
                        "Two or more vertebrae are joined so they heal as one solid "
                        "piece, stopping painful movement between them."
                    ),
                    "page": None,
                    "url": "",
                },
                {
                    "name": "Laminectomy",
                    "description": (
                        "Part of the bony arch at the back of a vertebra, the lamina, "
                        "is removed to take pressure off the nerves beneath it."
                    ),
                    "page": None,
                    "url": "",
                },
                {
                    "name": "Fracture fixation",
                    "description": (
                        "Screws, rods or plates hold broken vertebrae in line while "
                        "the bone knits back together."
                    ),
                    "page": None,
                    "url": "",
                },
                {
                    "name": "Selective dorsal rhizotomy",
                    "description": (
                        "Carefully chosen sensory nerve rootlets are divided to calm "
                        "the muscle stiffness of cerebral palsy, making walking and "
                        "stretching easier."
                    ),
                    "page": None,
                    "url": "",
                },
            ],
            closing_note=(
                "Before any operation your surgeon will go through what it involves, "
                "its risks and how long recovery usually takes. Bring your questions "
                "to us too."
            ),
        ),
        {
            "type": "image",
            "value": {
                "image": images["sciatica"].pk,
                "decorative": False,
                "alt_text": (
                    "Drawing of the lower spine: a curve of vertebrae above the pelvis."
                ),
                "caption": "The lower back, where most spinal operations take place.",
                "attribution": "Illustration: Harbourside Physiotherapy",
            },
        },
        block(
            "key_points",
            heading="How physiotherapy helps after back surgery",
            intro="A steady, well-planned programme helps you recover faster by:",
            points=[
                "Keeping your spine moving and gradually freeing it up",
                "Easing pain so you can sleep and move more comfortably",
                "Rebuilding strength lost in the months before surgery",
                "Balancing muscles that have been overworking or resting",
                "Getting you back to work, sport and hobbies sooner",
                "Helping you manage on your own, with confidence",
            ],
        ),
        block(
            "treatments",
            heading="What treatment involves",
            intro=(
                "Your plan depends on your operation, your age, your fitness and "
                "what you want to get back to. It may include:"
            ),
            treatments=[
                {
                    "name": "Joint mobilisation",
                    "description": "Gentle hands-on movement to ease stiff joints.",
                    "page": None,
                },
                {
                    "name": "Stretching and strengthening",
                    "description": "Exercises that even out tight and weak muscles.",
                    "page": None,
                },
                {
                    "name": "Core stability work",
                    "description": (
                        "Deep trunk muscle training to protect your back in future."
                    ),
                    "page": None,
                },
                {
                    "name": "Safe bending and lifting",
                    "description": "Practice with everyday loads, from shopping to children.",
                    "page": None,
                },
                {
                    "name": "Walking aids and equipment",
                    "description": "Advice on what helps, and when to stop using it.",
                    "page": None,
                },
                {"name": "Massage", "description": "", "page": None},
                {"name": "Acupuncture", "description": "", "page": None},
                {
                    "name": "Home exercise programme",
                    "description": "Clear, short routines to keep you progressing.",
                    "page": None,
                },
            ],
            closing_note=(
                "Your physiotherapist follows your surgeon's recovery guidelines at "
                "every stage."
            ),
        ),
        block(
            "do_dont",
            heading="Your first weeks at home",
            intro="Small habits protect the repair while it heals.",
            do=[
                "Walk a little further each day",
                "Get up and move about every half an hour",
                "Keep taking pain relief as your hospital advised",
            ],
            dont=[
                "Lift anything heavier than a full kettle",
                "Twist and bend at the same time",
                "Drive until your surgeon says you can",
            ],
        ),
        block(
            "callout",
            kind="warning",
            heading="Aching after exercise is normal",
            text=(
                "Muscles you have not used for a while will ache for a day or so. "
                "Sharp pain, or pain that spreads down a leg, is different: stop "
                "that exercise and tell us."
            ),
        ),
        back_red_flags(),
        block(
            "questions",
            heading="Questions people ask us",
            intro="",
            questions=[
                {
                    "question": "When can I go back to work?",
                    "answer": (
                        "Desk work is often possible after four to six weeks, "
                        "physical work later. We plan the return with you and, "
                        "if you like, with your employer."
                    ),
                },
                {
                    "question": "Should I rest in bed until the pain goes?",
                    "answer": (
                        "No. Short, regular walks help the back heal and keep "
                        "the rest of you strong. Rest when you need to, but not "
                        "for days at a time."
                    ),
                },
                {
                    "question": "Do I need a referral from my doctor?",
                    "answer": (
                        "No. You can book with us directly; we will ask for your "
                        "surgeon's notes with your permission."
                    ),
                },
            ],
        ),
        heading("Support every step of the way"),
        paragraph(
            "<p>Surgery on your back can be worrying as well as sore. We take "
            "time to talk through what you are feeling, explain each stage of "
            "recovery and celebrate the milestones with you.</p>"
        ),
        block(
            "call_to_action",
            heading="Book an appointment",
            text=(
                "Had back surgery, or have a date for it? Call us and we will find "
                "a time that suits you at either clinic."
            ),
            phone="0151 496 0451",
            booking_url="https://harbourside-physio.example/book",
            button_label="Book online",
        ),
    ]


CONDITIONS = [
    {
        "slug": "knee-replacement",
        "title": "Knee replacement",
        "summary": (
            "Rehabilitation before and after a partial or total knee replacement, "
            "so the new joint bends, straightens and takes your weight with confidence."
        ),
        "image": ("Knee exercise with a resistance band", "knee"),
        "caption": "Resistance bands make strengthening work easy to do at home.",
        "body": lambda images, pages: [
            heading("Getting ready for your operation"),
            paragraph(
                "<p>Strong thigh muscles before surgery make the first weeks after it "
                "easier. We start a simple programme as soon as you have a date.</p>"
            ),
            block(
                "key_points",
                heading="Your first six weeks",
                intro="",
                points=[
                    "Walking with a frame or sticks from the first day",
                    "Bending the knee a little further each week",
                    "Exercises three times a day, little and often",
                ],
            ),
            block(
                "call_to_action",
                heading="Talk to us before your operation",
                text="",
                phone="",
                booking_url="",
                button_label="",
            ),
        ],
    },
    {
        "slug": "sciatica",
        "title": "Sciatica",
        "summary": (
            "Help for pain, tingling or numbness that travels from the lower back "
            "into the buttock and leg, with a plan to ease symptoms and keep you moving."
        ),
        "image": ("Illustration of the lower spine", "spine"),
        "caption": "The sciatic nerve runs from the lower spine down the back of each leg.",
        "body": lambda images, pages: [
            heading("Why does the leg hurt when the problem is in the back?"),
            paragraph(
                "<p>An irritated nerve root in the lower back can send pain along the "
                "whole path of the nerve. Gentle movement usually helps it settle.</p>"
            ),
            block(
                "treatments",
                heading="How we treat sciatica",
                intro="",
                treatments=[
                    {
                        "name": "Nerve gliding exercises",
                        "description": "Easy movements that help the nerve slide freely.",
                        "page": None,
                    },
                    {
                        "name": "Activity advice",
                        "description": "Staying active without stirring up the pain.",
                        "page": None,
                    },
                ],
                closing_note="",
            ),
            back_red_flags("Get help straight away if sciatica comes with"),
        ],
    },
    {
        # Last, so its body can link to the pages above.
        "slug": "back-surgery",
        "title": "Back surgery",
        "summary": (
            "Our physiotherapists guide people through recovery after spinal "
            "operations, from the first steps on the ward to returning to work, "
            "sport and the things they love doing."
        ),
        "image": ("Patient practising a supported stretch", "stretch"),
        "image_description": (
            "A patient in a bright studio stretching with a physiotherapist's support."
        ),
        "caption": "A patient works through her morning stretches six weeks after surgery.",
        "body": back_surgery_body,
    },
]


DEMO_NOTICE = {
    "message": (
        "<p><b>Online booking is unavailable</b> while we move to a new system. "
        "Please call us to book: the online booking discount still applies.</p>"
    ),
    "severity": "urgent",
    "cta_type": "phone",
    "dismissible": True,
}


CATEGORIES = [
    (
        "Back and spine",
        "back-and-spine",
        "Pain and stiffness from the neck to the lower back.",
    ),
    ("Knee", "knee", "Injuries, wear and operations affecting the knee."),
    (
        "After surgery",
        "after-surgery",
        "Rehabilitation once an operation is behind you.",
    ),
]

# Fictional clinicians; months ago each page was last reviewed. Back surgery is
# deliberately overdue so the "due for review" report has something to show.
FINDING = {
    "back-surgery": {
        "categories": ["back-and-spine", "after-surgery"],
        "related": ["sciatica", "knee-replacement"],
        "review": ("Dr Ffion Marsh", "Consultant physiotherapist", 14),
    },
    "knee-replacement": {
        "categories": ["knee", "after-surgery"],
        "related": ["back-surgery"],
        "review": ("Tomasz Reid", "Senior orthopaedic physiotherapist", 3),
    },
    "sciatica": {
        "categories": ["back-and-spine"],
        "related": ["back-surgery"],
        "review": ("Dr Ffion Marsh", "Consultant physiotherapist", 8),
    },
}


def add_finding_and_review(index, created):
    """Categories, related pages and review dates; only fills what is missing."""
    categories = {}
    for order, (name, slug, description) in enumerate(CATEGORIES):
        category, made = ConditionCategory.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
        categories[slug] = category
        if made:
            created.append(category)
    pages = {page.slug: page for page in ConditionPage.objects.child_of(index)}
    today = timezone.localdate()
    for slug, spec in FINDING.items():
        page = pages.get(slug)
        if page is None or page.last_reviewed is not None:
            continue
        page.categories = [categories[c] for c in spec["categories"]]
        page.related_conditions = [
            ("condition", pages[other]) for other in spec["related"] if other in pages
        ]
        page.reviewer_name, page.reviewer_role, months_ago = spec["review"]
        page.last_reviewed = add_months(today, -months_ago)
        page.show_table_of_contents = slug == "back-surgery"
        page.save_revision().publish()


@transaction.atomic
def load_demo_content():
    """Create the demo site's pages and settings; return a short report."""
    created = []
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()

    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title=CLINIC_NAME,
            slug="harbourside-home",
            intro=(
                "<p>Physiotherapy for back, neck and joint problems, and expert "
                "rehabilitation after surgery, at two clinics by the river.</p>"
            ),
        )
        root.add_child(instance=home)
        created.append(home)
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=CLINIC_NAME,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = CLINIC_NAME
        site.save()
        # Wagtail's fresh-install "Welcome" page is not needed once the demo exists.
        if old_root.depth == 2 and old_root.specific_class is Page:
            old_root.delete()

    index = ConditionIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConditionIndexPage(
            title="Conditions we treat",
            slug="conditions",
            intro="<p>Find out how physiotherapy can help, condition by condition.</p>",
        )
        home.add_child(instance=index)
        created.append(index)
    if home.conditions_link_id != index.pk:
        home.conditions_link = index
        home.save_revision().publish()

    images = {}
    pages = {}
    for spec in CONDITIONS:
        image = get_or_create_image(*spec["image"], spec.get("image_description", ""))
        images[spec["slug"]] = image
        existing = (
            ConditionPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        )
        if existing is not None:
            pages[spec["slug"]] = existing
            continue
        page = ConditionPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            hero_image=image,
            hero_caption=spec["caption"],
            body=spec["body"](images, pages),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[spec["slug"]] = page
        created.append(page)

    locations = load_demo_locations()
    add_locations_block(
        ConditionPage.objects.child_of(index).get(slug="back-surgery"), locations
    )
    add_finding_and_review(index, created)

    contact = ClinicContactSettings.for_site(site)
    if not contact.main_phone:
        contact.main_phone = MAIN_PHONE
        contact.email = "hello@harbourside-physio.example"
        contact.save()

    if not NoticeBanner.objects.exists():
        # No number of its own: the call button shows the site's main number.
        NoticeBanner.objects.create(**DEMO_NOTICE)

    return created


def next_bank_holiday(today):
    """The next of England's May and August bank holidays (the first and last
    Mondays of May, the last Monday of August), from ``today``."""
    import calendar
    import datetime

    def mondays(year, month):
        days = calendar.monthrange(year, month)[1]
        return [
            datetime.date(year, month, day)
            for day in range(1, days + 1)
            if datetime.date(year, month, day).weekday() == 0
        ]

    candidates = [
        day
        for year in (today.year, today.year + 1)
        for day in (mondays(year, 5)[0], mondays(year, 5)[-1], mondays(year, 8)[-1])
    ]
    return min(day for day in candidates if day >= today)


def quayside_special_hours(today):
    """Quayside's holidays, dated from ``today``: closed for the coming Christmas,
    shorter hours on the next bank holiday. (date, (opens, closes) or None, note)."""
    import datetime

    year = today.year if today <= datetime.date(today.year, 12, 26) else today.year + 1
    return [
        (datetime.date(year, 12, 25), None, "Christmas closure"),
        (datetime.date(year, 12, 26), None, "Christmas closure"),
        (next_bank_holiday(today), ("10:00", "14:00"), "Bank holiday: shorter hours"),
    ]


# Two invented clinics; the second sits inside an invented leisure club.
LOCATIONS = [
    {
        "name": "Quayside clinic",
        "address_line_1": "14 Chandlers Row",
        "address_line_2": "Harbour Quarter",
        "town": "Riverton",
        "postcode": "RV1 4QT",
        "phone": "0151 496 0313",
        "email": "quayside@harbourside-physio.example",
        "visitor_notes": (
            "Step-free entrance from Chandlers Row. Pay-and-display parking on "
            "Wharf Street, two minutes' walk away."
        ),
        "sort_order": 1,
        # Monday to Friday with a lunch break; Saturday mornings.
        "hours": [(day, "08:00", "12:30") for day in range(5)]
        + [(day, "13:30", "19:00") for day in range(5)]
        + [(5, "09:00", "13:00")],
        # Dated when the demo is loaded, so they are always ahead.
        "special_hours": quayside_special_hours,
    },
    {
        "name": "Millbrook clinic",
        "host_building": "inside Millbrook Leisure Club",
        "address_line_1": "Millbrook Park, Ferry Road",
        "town": "Riverton",
        "postcode": "RV4 2LN",
        "phone": "0151 496 0314",
        "visitor_notes": (
            "Free parking at the club. Ask at reception for the physiotherapy "
            "suite; there is a lift to the first floor."
        ),
        "sort_order": 2,
        "hours": [(day, "07:00", "20:00") for day in range(0, 5, 2)]
        + [(day, "12:00", "20:00") for day in range(1, 5, 2)]
        + [(6, "09:00", "12:00")],
    },
]


def load_demo_locations():
    """Create the demo clinic locations, once; return them in display order."""
    import datetime

    locations = []
    for spec in LOCATIONS:
        spec = dict(spec)
        hours = spec.pop("hours")
        special_hours = spec.pop("special_hours", None)
        location = ClinicLocation.objects.filter(name=spec["name"]).first()
        if location is None:
            location = ClinicLocation(**spec)
            location.opening_hours = [
                OpeningHours(
                    weekday=day,
                    opens=datetime.time.fromisoformat(opens),
                    closes=datetime.time.fromisoformat(closes),
                    sort_order=order,
                )
                for order, (day, opens, closes) in enumerate(sorted(hours))
            ]
            location.special_opening_hours = [
                SpecialOpeningHours(
                    date=day,
                    closed=times is None,
                    opens=datetime.time.fromisoformat(times[0]) if times else None,
                    closes=datetime.time.fromisoformat(times[1]) if times else None,
                    note=note,
                )
                for day, times, note in (
                    special_hours(timezone.localdate()) if special_hours else []
                )
            ]
            location.full_clean()
            location.save()
        locations.append(location)
    return locations


def add_locations_block(page, locations):
    """Append a "Where to find us" ClinicLocationsBlock to ``page``, unless present."""
    if any(block.block_type == "clinic_locations" for block in page.body):
        return
    page.body.append(
        (
            "clinic_locations",
            {"heading": "Where to find us", "show": "chosen", "locations": locations},
        )
    )
    page.save_revision().publish()
