"""The field inventory finds every field editors write, and new ones by itself."""

from wagtail import blocks

from wagtail_physio.models import (
    ClinicContactSettings,
    ClinicLocation,
    ConditionCategory,
    ConditionIndexPage,
    ConditionPage,
    NoticeBanner,
)

from .content import STREAM
from .inventory import FREE_KINDS, VALIDATED_KINDS, block_fields, inventory

EXPECTED = {
    "ConditionPage.title",
    "ConditionPage.summary",
    "ConditionPage.hero_image_alt",
    "ConditionPage.hero_caption",
    "ConditionPage.reviewer_name",
    "ConditionPage.reviewer_role",
    "ConditionPage.seo_title",
    "ConditionPage.search_description",
    "ConditionPage.slug",
    "ConditionPage.subject_type",
    "ConditionPage.body.heading.text",
    "ConditionPage.body.paragraph",
    "ConditionPage.body.urgent_advice.symptoms.*",
    "ConditionPage.body.callout.text",
    "ConditionPage.body.procedures.procedures.*.name",
    "ConditionPage.body.procedures.procedures.*.url",
    "ConditionPage.body.treatments.treatments.*.description",
    "ConditionPage.body.questions.questions.*.answer",
    "ConditionPage.body.image.alt_text",
    "ConditionPage.body.image.caption",
    "ConditionPage.body.call_to_action.phone",
    "ConditionPage.body.call_to_action.booking_url",
    "ConditionPage.body.clinic_locations.heading",
    "ConditionIndexPage.title",
    "ConditionIndexPage.intro",
    "ClinicLocation.name",
    "ClinicLocation.phone",
    "ClinicLocation.email",
    "ClinicLocation.map_url",
    "ClinicLocation.visitor_notes",
    "ClinicLocation.country",
    "NoticeBanner.message",
    "NoticeBanner.cta_url",
    "NoticeBanner.cta_phone",
    "NoticeBanner.cta_label",
    "NoticeBanner.severity",
    "ConditionCategory.name",
    "ConditionCategory.slug",
    "ConditionCategory.description",
    "ClinicContactSettings.main_phone",
    "ClinicContactSettings.email",
    "ClinicContactSettings.booking_url",
}


def test_the_inventory_holds_every_field_editors_write():
    names = {field.name for field in inventory()}
    assert names >= EXPECTED, sorted(EXPECTED - names)
    assert len(names) == len(inventory()) >= 80
    models = {field.model for field in inventory()}
    assert models == {
        ConditionPage,
        ConditionIndexPage,
        ClinicLocation,
        NoticeBanner,
        ConditionCategory,
        ClinicContactSettings,
    }


def test_kinds_follow_the_validation_each_field_has():
    kinds = {field.name: field.kind for field in inventory()}
    assert kinds["ConditionPage.body.paragraph"] == "rich_text"
    assert kinds["NoticeBanner.message"] == "rich_text"
    assert kinds["ConditionPage.body.call_to_action.phone"] == "phone"
    assert kinds["ClinicLocation.map_url"] == "url"
    assert kinds["NoticeBanner.cta_url"] == "url"
    assert kinds["ClinicContactSettings.booking_url"] == "url"
    assert kinds["ClinicLocation.country"] == "code"
    assert kinds["ConditionPage.body.heading.level"] == "choice"
    assert set(kinds.values()) <= {*FREE_KINDS, *VALIDATED_KINDS}


def test_every_text_block_in_the_body_is_found():
    """Each block type of the body holds at least one field (but chooser-only
    blocks), so a block added to ConditionStreamBlock is covered with no change."""
    body = {field.path[1] for field in inventory() if field.in_body}
    assert body == set(STREAM.child_blocks) - {"related_conditions"}


def test_a_block_added_later_is_found_too():
    class Newer(blocks.StructBlock):
        note = blocks.TextBlock()
        links = blocks.ListBlock(
            blocks.StructBlock(
                [("label", blocks.CharBlock()), ("url", blocks.URLBlock())]
            )
        )
        chosen = blocks.PageChooserBlock(required=False)

    found = block_fields(ConditionPage, Newer(), ("body", "newer"))
    assert [(f.name, f.kind) for f in found] == [
        ("ConditionPage.body.newer.note", "text"),
        ("ConditionPage.body.newer.links.*.label", "text"),
        ("ConditionPage.body.newer.links.*.url", "url"),
    ]
