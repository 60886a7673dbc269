"""Heading levels: a developer places a section block below an h2 and its headings follow."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured

from wagtail_physio.blocks import (
    AimsBlock,
    CallToActionBlock,
    ClinicLocationsBlock,
    ConditionStreamBlock,
    HeadingBlock,
    ProcedureListBlock,
)
from wagtail_physio.core.headings import stream_headings
from wagtail_physio.core.protocols import Heading


class NestedSectionsStreamBlock(ConditionStreamBlock):
    """A project's body where lists sit inside the editor's own h2 sections."""

    aims = AimsBlock(heading_level=3)
    procedures = ProcedureListBlock(heading_level=3)


class LevelFourCallToAction(CallToActionBlock):
    class Meta:
        heading_level = 4


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_section_headings_are_h2_by_default():
    html = AimsBlock().render(
        AimsBlock().to_python(
            {"heading": "What surgery aims to do", "aims": ["Less pain"]}
        )
    )
    heading = soup(html).find(["h2", "h3", "h4", "h5", "h6"])
    assert heading.name == "h2"
    assert heading["id"] == "what-surgery-aims-to-do"


def test_a_block_declared_with_a_level_renders_at_it_and_its_items_one_below():
    block = ProcedureListBlock(heading_level=3)
    value = block.to_python(
        {
            "heading": "Types of surgery",
            "procedures": [{"name": "Fusion", "description": "Joins two bones."}],
        }
    )
    page = soup(block.render(value))
    assert page.find("h3", class_="physio-section__heading").get_text() == (
        "Types of surgery"
    )
    assert page.find("h4", class_="physio-procedures__name").get_text() == "Fusion"
    assert page.find("h2") is None
    assert block.get_heading(value) == Heading("Types of surgery", "h3")


def test_a_subclass_meta_sets_the_level():
    block = LevelFourCallToAction()
    value = block.to_python({"heading": "Book an appointment"})
    assert soup(block.render(value)).find("h4").get_text() == "Book an appointment"


def test_only_main_sections_join_the_table_of_contents():
    stream_block = NestedSectionsStreamBlock()
    value = stream_block.to_python(
        [
            {"type": "heading", "value": {"text": "Surgery", "level": "h2"}},
            {
                "type": "aims",
                "value": {"heading": "Aims", "aims": ["Less pain"]},
            },
            {"type": "key_points", "value": {"heading": "Key points", "points": ["x"]}},
        ]
    )
    assert [(text, level) for text, _anchor, level in stream_headings(value)] == [
        ("Surgery", "h2"),
        ("Aims", "h3"),
        ("Key points", "h2"),
    ]
    rendered = soup(stream_block.render(value))
    assert [h.name for h in rendered.find_all(["h2", "h3"])] == ["h2", "h3", "h2"]


@pytest.mark.parametrize("level", [1, 7, "3", True])
def test_a_level_outside_h2_to_h6_is_refused_when_the_block_is_declared(level):
    with pytest.raises(ImproperlyConfigured, match="heading_level must be 2 to 6"):
        ClinicLocationsBlock(heading_level=level)


def test_a_heading_block_saved_from_code_with_an_unknown_level_renders_as_h2():
    block = HeadingBlock()
    value = block.to_python({"text": "Recovery", "level": "script"})
    assert soup(block.render(value)).find("h2").get_text() == "Recovery"
    assert block.get_heading(value) == Heading("Recovery", "h2")


def test_heading_level_is_kept_in_the_block_definition_for_migrations():
    # A project's migration records the level, so changing it later is noticed.
    assert AimsBlock(heading_level=3).deconstruct()[2] == {"heading_level": 3}
    assert AimsBlock().deconstruct()[2] == {}


def test_location_names_sit_one_level_below_their_block(db):
    from wagtail_physio.models import ClinicLocation

    ClinicLocation.objects.create(
        name="Quayside clinic", address_line_1="1 Dock Road", town="Town", postcode="L1"
    )
    block = ClinicLocationsBlock(heading_level=3)
    html = block.render(block.to_python({"heading": "Where to find us", "show": "all"}))
    page = soup(html)
    assert page.find("h3").get_text() == "Where to find us"
    assert page.find("h4", class_="physio-location__name").get_text() == (
        "Quayside clinic"
    )
