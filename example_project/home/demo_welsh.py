"""The Welsh version of the demo clinic's pages, on a site with Wagtail's i18n on.

Each Welsh page is a translation of its English page (Wagtail's
``copy_for_translation``, which links the two through their ``translation_key``)
with its text written in Welsh here. "Back surgery" is left untranslated on
purpose: the Welsh pages that link to it show how links fall back to the English
page, and its language switch leads to the Welsh home page.

Loading is idempotent: a page that already has its Welsh translation is left as
it is, so edits made in the admin survive.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

from home.demo_content import block, heading, paragraph
from wagtail_physio.models import (
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
)

WELSH = "cy"

HOME = {
    "title": "Ffisiotherapi Glan yr Harbwr",
    "intro": (
        "<p>Ffisiotherapi ar gyfer problemau cefn, gwddf a chymalau, ac adsefydlu "
        "arbenigol ar ôl llawdriniaeth, mewn dau glinig ger yr afon.</p>"
    ),
}

INDEX = {
    "title": "Cyflyrau rydym yn eu trin",
    "intro": "<p>Dysgwch sut y gall ffisiotherapi helpu, fesul cyflwr.</p>",
}


def red_flags(heading_text):
    """The back pages' emergency guidance (cauda equina syndrome), in Welsh."""
    return block(
        "urgent_advice",
        level="emergency",
        heading=heading_text,
        symptoms=[
            "Diffyg teimlad neu binnau bach rhwng eich coesau neu o amgylch eich "
            "pen-ôl",
            "Trafferth newydd wrth ddechrau pasio dŵr, neu beidio â gwybod pryd mae "
            "angen i chi fynd",
            "Gollwng dŵr neu golli rheolaeth ar eich coluddyn",
            "Gwendid, neu binnau bach, sy'n gwaethygu yn y ddwy goes",
            "Newid yn y teimlad rhywiol",
        ],
        advice=(
            "Mae'r rhain yn brin, ond mae angen eu gwirio yn yr ysbyty ar unwaith. "
            "Peidiwch ag aros am eich apwyntiad ffisiotherapi nesaf."
        ),
    )


CONDITIONS = {
    "sciatica": {
        "title": "Clunwst (sciatica)",
        "summary": (
            "Help gyda phoen, pinnau bach neu ddiffyg teimlad sy'n teithio o waelod "
            "y cefn i'r pen-ôl a'r goes, gyda chynllun i leddfu'r symptomau a'ch "
            "cadw i symud."
        ),
        "hero_caption": (
            "Mae'r nerf sciatig yn rhedeg o waelod yr asgwrn cefn i lawr cefn pob coes."
        ),
        "body": [
            heading("Pam mae'r goes yn brifo pan fo'r broblem yn y cefn?"),
            paragraph(
                "<p>Gall gwreiddyn nerf llidus yng ngwaelod y cefn anfon poen ar hyd "
                "llwybr cyfan y nerf. Mae symud yn ysgafn fel arfer yn ei helpu i "
                "setlo.</p>"
            ),
            block(
                "treatments",
                heading="Sut rydym yn trin clunwst",
                intro="",
                treatments=[
                    {
                        "name": "Ymarferion llithro'r nerf",
                        "description": (
                            "Symudiadau hawdd sy'n helpu'r nerf i lithro'n rhydd."
                        ),
                        "page": None,
                    },
                    {
                        "name": "Cyngor ar weithgarwch",
                        "description": "Aros yn egnïol heb gynhyrfu'r boen.",
                        "page": None,
                    },
                ],
                closing_note="",
            ),
            red_flags("Mynnwch help ar unwaith os daw clunwst gyda'r canlynol"),
        ],
    },
    "knee-replacement": {
        "title": "Pen-glin newydd",
        "summary": (
            "Adsefydlu cyn ac ar ôl cael pen-glin newydd, yn rhannol neu'n llwyr, fel "
            "bod y cymal newydd yn plygu, yn sythu ac yn dal eich pwysau yn hyderus."
        ),
        "hero_caption": (
            "Gyda band gwrthiant, mae'n hawdd gwneud ymarferion cryfhau gartref."
        ),
        "body": [
            heading("Paratoi ar gyfer eich llawdriniaeth"),
            paragraph(
                "<p>Mae cyhyrau cryf yn y forddwyd cyn y llawdriniaeth yn gwneud yr "
                "wythnosau cyntaf wedyn yn haws. Rydym yn dechrau rhaglen syml cyn "
                "gynted ag y bydd gennych ddyddiad.</p>"
            ),
            block(
                "key_points",
                heading="Eich chwe wythnos gyntaf",
                intro="",
                points=[
                    "Cerdded gyda ffrâm neu ffyn o'r diwrnod cyntaf",
                    "Plygu'r pen-glin ychydig ymhellach bob wythnos",
                    "Ymarferion dair gwaith y dydd, ychydig ac yn aml",
                ],
                closing_note="",
            ),
            block(
                "call_to_action",
                heading="Siaradwch â ni cyn eich llawdriniaeth",
                text=(
                    "Ffoniwch ni ar 0151 496 0315 i siarad â ffisiotherapydd sy'n "
                    "siarad Cymraeg."
                ),
                phone="0151 496 0315",
                booking_url="",
                button_label="Archebu ar-lein",
            ),
        ],
    },
}


#: The demo's categories in Welsh, by the English slug.
CATEGORIES = {
    "back-and-spine": (
        "Cefn ac asgwrn cefn",
        "cefn-ac-asgwrn-cefn",
        "Poen ac anystwythder o’r gwddf i waelod y cefn.",
    ),
    "knee": (
        "Pen-glin",
        "pen-glin",
        "Anafiadau, traul a llawdriniaethau ar y pen-glin.",
    ),
    "after-surgery": (
        "Ar ôl llawdriniaeth",
        "ar-ol-llawdriniaeth",
        "Adsefydlu unwaith y bydd llawdriniaeth y tu ôl i chi.",
    ),
}

#: The demo banner's words in Welsh; its schedule, severity and button stay the
#: English banner's (the original's facts).
NOTICE_MESSAGE = (
    "<p><b>Does dim modd trefnu apwyntiad ar-lein</b> tra’n bod ni’n symud i system "
    "newydd. Ffoniwch ni i drefnu: mae’r gostyngiad am drefnu ar-lein yn dal i fod.</p>"
)


def welsh_locale():
    return Locale.objects.get_or_create(language_code=WELSH)[0]


def translate(page, locale, fields, created):
    """The Welsh translation of ``page`` with ``fields`` set, published; an
    existing translation is returned as it is."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    welsh = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(welsh, name, value)
    welsh.save_revision().publish()
    created.append(welsh)
    return welsh


@transaction.atomic
def load_welsh_content():
    """Welsh translations of the demo's home page, its index and the conditions
    written above; nothing unless the site runs Wagtail's i18n. Run after
    ``load_demo_content``; returns the pages it made."""
    created = []
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return created
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site is not None else None
    index = ConditionIndexPage.objects.child_of(home).first() if home else None
    if index is None:
        return created
    locale = welsh_locale()
    translate_snippets(locale)
    translate(home, locale, HOME, created)
    translate(index, locale, INDEX, created)
    conditions = {page.slug: page for page in ConditionPage.objects.child_of(index)}
    for slug, fields in CONDITIONS.items():
        if slug in conditions:
            # Categories, related conditions, the reviewer and review dates are
            # copied from the English page; related links follow the reader.
            translate(conditions[slug], locale, fields, created)
    return created


def translate_snippets(locale):
    """Welsh versions of the demo's categories and banner, where none exists."""
    for category in ConditionCategory.objects.filter(slug__in=CATEGORIES):
        if category.get_translation_or_none(locale) is None:
            name, slug, description = CATEGORIES[category.slug]
            welsh = category.copy_for_translation(locale)
            welsh.name, welsh.slug, welsh.description = name, slug, description
            welsh.save()
    for banner in NoticeBanner.objects.exclude(locale=locale):
        if banner.get_translation_or_none(locale) is None:
            welsh = banner.copy_for_translation(locale)
            welsh.message = NOTICE_MESSAGE
            welsh.save()
