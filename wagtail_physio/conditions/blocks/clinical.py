"""Blocks for clinical guidance: when to get help, callouts, do and don't, questions.

Health pages need these more than any other: red-flag symptoms (cauda equina on a
back page) must stand out and say exactly whom to call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ...core.blocks import PREVIEW_TEMPLATE, HeadedStructBlock
from ...core.conf import physio_settings
from ...core.phone import Phone, parse_dialable
from .actions import clinic_phone
from .lists import list_editing_attrs, short_items_field
from .sections import SectionBlock

if TYPE_CHECKING:
    from django.utils.safestring import SafeString

    from ...core.protocols import SchemaNode

EMERGENCY = "emergency"
URGENT = "urgent"
NON_URGENT = "non_urgent"

URGENCY_CHOICES = [
    (EMERGENCY, _("Emergency: call now")),
    (URGENT, _("Urgent: get help today")),
    (NON_URGENT, _("Not urgent: contact us or your GP")),
]


def urgent_contact(
    level: str, context: dict[str, Any] | None
) -> tuple[Phone, str] | None:
    """(number, name readers know it by) to call at ``level``, or None.

    Emergency and urgent numbers come from ``URGENT_ADVICE_CONTACTS``; non-urgent
    advice points to the clinic's main number.
    """
    if level == NON_URGENT:
        phone = clinic_phone(context)
        return (phone, phone.display) if phone is not None else None
    contact = physio_settings.URGENT_ADVICE_CONTACTS.get(level) or {}
    phone = parse_dialable(contact.get("number"))
    if phone is None:
        return None
    return phone, str(contact.get("name") or phone.display)


def urgent_action(level: str, context: dict[str, Any] | None) -> SafeString | str:
    """The sentence telling the reader what to do, with a tap-to-call link."""
    contact = urgent_contact(level, context)
    if contact is None:
        if level == EMERGENCY:
            return gettext("Get emergency help now.")
        if level == URGENT:
            return gettext("Get medical help today.")
        return gettext("Contact us or your GP.")
    phone, name = contact
    call = format_html(
        '<a class="physio-urgent__call" href="{}">{}</a>', phone.tel_url, name
    )
    if level == EMERGENCY:
        sentence = gettext(
            "Call {call} now, or go to the nearest emergency department."
        )
    elif level == URGENT:
        sentence = gettext("Get medical help today: call {call}.")
    else:
        sentence = gettext("Call us on {call}, or contact your GP.")
    return format_html(sentence, call=call)


class UrgentAdviceBlock(HeadedStructBlock):
    """Red-flag symptoms and whom to call: emergency, urgent or not urgent."""

    level = blocks.ChoiceBlock(
        label=_("How urgent"),
        choices=URGENCY_CHOICES,
        default=EMERGENCY,
        help_text=_(
            "Sets the colour and the number readers are told to call: emergency "
            "and urgent numbers come from the site's settings; not urgent uses the "
            "clinic's main number."
        ),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        help_text=_("e.g. “Call 999 if you have”, “When to get help”."),
    )
    symptoms = short_items_field(
        _("Symptoms"),
        _("Symptom"),
        _("The warning signs, one per line, in words a patient would use."),
    )
    advice = blocks.TextBlock(
        label=_("Extra advice"),
        required=False,
        rows=2,
        help_text=_(
            "Optional. Shown after whom to call, e.g. “Do not drive yourself”."
        ),
    )

    class Meta:
        icon = "warning"
        label = _("Urgent advice")
        description = _(
            "Warning signs that need medical help, and whom to call: emergency, "
            "urgent or not urgent."
        )
        template = "wagtail_physio/blocks/urgent_advice_block.html"
        preview_template = PREVIEW_TEMPLATE
        form_classname = "struct-block physio-section-block"
        label_format = "{heading}"
        preview_value = {
            "level": EMERGENCY,
            "heading": _("Call 999 if you have back pain and"),
            "symptoms": [
                _("Numbness between your legs or around your bottom"),
                _("New trouble passing urine or controlling your bowels"),
                _("Weakness in both legs"),
            ],
            "advice": _(
                "These can be signs of pressure on the nerves at the base of the spine."
            ),
        }

    LEVELS = (EMERGENCY, URGENT, NON_URGENT)

    def urgency(self, value: Any) -> str:
        """The editor's level; the block's default, emergency, for anything else.

        A level saved from code or an import ("Emergency", a typo) would otherwise
        show no level and tell readers the non-urgent "contact us or your GP".
        """
        level = value.get("level")
        return level if level in self.LEVELS else EMERGENCY

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        level = self.urgency(value)
        context["level"] = level
        context["level_label"] = dict(URGENCY_LABELS).get(level, "")
        context["action"] = urgent_action(level, parent_context)
        return context

    def get_api_representation(
        self, value: Any, context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data = super().get_api_representation(value, context=context)
        data["level"] = self.urgency(value)
        contact = urgent_contact(data["level"], context)
        data["call"] = (
            {
                "name": contact[1],
                "number": contact[0].display,
                "tel": contact[0].tel_url,
            }
            if contact is not None
            else None
        )
        return data

    def get_structured_data(self, value: Any) -> list[SchemaNode]:
        return [
            {"@type": "MedicalSignOrSymptom", "name": symptom}
            for symptom in value.get("symptoms") or []
            if symptom
        ]


#: Short words shown on the card itself, so the level is not told by colour alone.
URGENCY_LABELS = [
    (EMERGENCY, pgettext_lazy("urgency", "Emergency")),
    (URGENT, pgettext_lazy("urgency", "Urgent")),
    (NON_URGENT, pgettext_lazy("urgency", "Not urgent")),
]

INFORMATION = "information"
WARNING = "warning"


class CalloutBlock(HeadedStructBlock):
    """A short box that stands out from the text: information or a warning.

    Its optional title is an ``h3`` by default: a callout sits inside a section and
    is not one, so it stays out of the table of contents.
    """

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[(INFORMATION, _("Information")), (WARNING, _("Warning"))],
        default=INFORMATION,
        help_text=_(
            "Warnings are for risks to the reader; information for useful tips."
        ),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=120,
        help_text=_("Optional. A few words, e.g. “Before you start”."),
    )
    text = blocks.TextBlock(
        label=_("Text"),
        rows=3,
        help_text=_("One or two short paragraphs; a blank line starts a new one."),
    )

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        description = _("A highlighted box with information or a warning.")
        template = "wagtail_physio/blocks/callout_block.html"
        preview_template = PREVIEW_TEMPLATE
        label_format = "{heading}"
        heading_level = 3
        preview_value = {
            "kind": WARNING,
            "heading": _("Take it slowly"),
            "text": _(
                "Stop any exercise that makes the pain in your leg worse, and tell us at your next visit."
            ),
        }

    def get_context(
        self, value: Any, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        kind = (
            value.get("kind")
            if value.get("kind") in (INFORMATION, WARNING)
            else INFORMATION
        )
        context["kind"] = kind
        # Read out before the text, as the colour and icon are not seen by everyone.
        context["kind_label"] = _("Warning") if kind == WARNING else _("Information")
        return context

    def get_heading(self, value: Any) -> None:
        return None  # not a section of the page: left out of its contents


class DoDontBlock(SectionBlock):
    """Two short lists side by side: what to do and what to avoid."""

    do = short_items_field(_("Do"), _("Do"), _("Things that help, one per line."))
    dont = short_items_field(
        _("Don’t"), _("Don’t"), _("Things to avoid, one per line.")
    )

    class Meta:
        icon = "tasks"
        label = _("Do and don’t")
        description = _("Two lists: what helps and what to avoid.")
        template = "wagtail_physio/blocks/do_dont_block.html"
        preview_value = {
            "heading": _("Looking after your back in the first weeks"),
            "intro": "",
            "do": [_("Walk a little further each day"), _("Change position often")],
            "dont": [_("Lift anything heavy"), _("Sit for more than half an hour")],
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=200,
        help_text=_("As a patient would ask it, e.g. “Will I need a scan?”."),
    )
    answer = blocks.TextBlock(
        label=_("Answer"),
        rows=4,
        help_text=_("A short, direct answer; a blank line starts a new paragraph."),
    )

    class Meta:
        icon = "help"
        label = _("Question")
        label_format = "{question}"


class QuestionsBlock(SectionBlock):
    """Questions patients ask, each answer opening under its question.

    Built on HTML's own disclosure (``<details>``): keyboard and screen reader
    users get it for free, and it opens without JavaScript.
    """

    questions = blocks.ListBlock(
        QuestionBlock(),
        label=_("Questions"),
        min_num=1,
        help_text=_("Each question with its answer."),
        form_attrs=list_editing_attrs(),
    )

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        description = _(
            "Common questions, each answer shown when its question is opened."
        )
        template = "wagtail_physio/blocks/questions_block.html"
        preview_value = {
            "heading": _("Your questions"),
            "intro": "",
            "questions": [
                {
                    "question": _("How soon can I drive?"),
                    "answer": _(
                        "Most people drive again after four to six weeks. Ask us first."
                    ),
                },
                {
                    "question": _("Should I rest in bed?"),
                    "answer": _(
                        "No: gentle walking helps the back heal faster than bed rest."
                    ),
                },
            ],
        }
