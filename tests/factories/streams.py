"""Raw StreamField data for condition pages, as an editor would fill the blocks in."""


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def locations_block(locations=None, heading="Where to find us"):
    """A ClinicLocationsBlock: every active location when ``locations`` is None."""
    return {
        "type": "clinic_locations",
        "value": {
            "heading": heading,
            "show": "all" if locations is None else "chosen",
            "locations": [location.pk for location in locations or []],
        },
    }


def full_body(image=None, linked_page=None, phone="0151 496 0123"):
    """One of every content block (all but the locations block)."""
    linked = linked_page.pk if linked_page else None
    return [
        heading("About your operation"),
        {"type": "paragraph", "value": "<p>Recovery starts <b>before</b> surgery.</p>"},
        {
            "type": "aims",
            "value": {
                "heading": "Aims of surgery",
                "intro": "Most operations share these aims.",
                "aims": ["Less pain", "More movement"],
                "overall_aim": "The main goal of rehab is a full, active life.",
            },
        },
        {
            "type": "procedures",
            "value": {
                "heading": "Types of surgery",
                "intro": "The common operations are:",
                "procedures": [
                    {
                        "name": "Discectomy",
                        "description": "Removes a bulging disc.",
                        "page": linked,
                        "url": "",
                    },
                    {
                        "name": "Fusion",
                        "description": "Joins two vertebrae.",
                        "page": None,
                        "url": "https://example.com/fusion",
                    },
                ],
                "closing_note": "Your surgeon will explain your own operation.",
            },
        },
        {
            "type": "key_points",
            "value": {
                "heading": "How physiotherapy helps",
                "intro": "",
                "points": ["Builds strength", "Restores confidence"],
                "closing_note": "",
            },
        },
        {
            "type": "treatments",
            "value": {
                "heading": "Treatments",
                "intro": "Your plan may include:",
                "treatments": [
                    {
                        "name": "Massage",
                        "description": "Eases tight muscles.",
                        "page": linked,
                    },
                    {"name": "Acupuncture", "description": "", "page": None},
                ],
                "closing_note": "We follow your surgeon's guidelines.",
            },
        },
        {
            "type": "image",
            "value": {
                "image": image.pk if image else None,
                "decorative": False,
                "alt_text": "A patient stretching",
                "caption": "Stretching at home",
                "attribution": "Photo: A. Jones",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Book an appointment",
                "text": "Call us today.",
                "phone": phone,
                "booking_url": "https://example.com/book",
                "button_label": "Book now",
            },
        },
    ]


def full_body_copies(images, linked_pages, **kwargs):
    """Every block once per (image, page) pair: more content, more distinct objects."""
    body = []
    for image, page in zip(images, linked_pages, strict=True):
        body.extend(full_body(image, page, **kwargs))
    return body
