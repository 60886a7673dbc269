"""Long condition pages save through the admin with the field limit the docs recommend."""

import itertools

import pytest
from django.core.checks import run_checks
from wagtail.test.utils.form_data import rich_text

from tests.factories import add_condition_page_url, condition_page_form, list_items
from wagtail_physio.conditions.checks import RECOMMENDED_MAX_NUMBER_FIELDS
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db

BLOCK_COUNT = 100


def sample_blocks():
    """An endless mix of the blocks a long condition page is made of."""
    for n in itertools.count(1):
        yield ("heading", {"text": f"Part {n}", "level": "h2"})
        yield ("paragraph", rich_text(f"<p>What happens in part {n}.</p>"))
        yield (
            "aims",
            {
                "heading": f"Aims {n}",
                "intro": "",
                "aims": list_items(["Less pain", "More movement"]),
                "overall_aim": "",
            },
        )
        yield (
            "procedures",
            {
                "heading": f"Procedures {n}",
                "intro": "",
                "procedures": list_items(
                    [
                        {
                            "name": "Fusion",
                            "description": "Joins two vertebrae.",
                            "page": "",
                            "url": "",
                        }
                    ]
                ),
                "closing_note": "",
            },
        )
        yield (
            "treatments",
            {
                "heading": f"Treatments {n}",
                "intro": "",
                "treatments": list_items(
                    [{"name": "Massage", "description": "", "page": ""}]
                ),
                "closing_note": "",
            },
        )


def long_page_post(block_count):
    return condition_page_form(
        itertools.islice(sample_blocks(), block_count),
        title="Spinal surgery in depth",
        slug="spinal-surgery-in-depth",
        summary="Everything about recovering from spinal surgery.",
        subject_type="MedicalCondition",
    )


def test_a_100_block_page_saves_and_publishes(admin_client, condition_index, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = RECOMMENDED_MAX_NUMBER_FIELDS
    data = long_page_post(BLOCK_COUNT)
    # Well past Django's default limit: this is what used to fail.
    assert len(data) > 1000

    response = admin_client.post(add_condition_page_url(condition_index), data)

    assert response.status_code == 302
    page = ConditionPage.objects.get(slug="spinal-surgery-in-depth")
    assert page.live
    assert len(page.body) == BLOCK_COUNT
    rendered = admin_client.get(page.url)
    assert rendered.status_code == 200
    assert "Treatments 20" in rendered.content.decode()


def test_djangos_default_limit_refuses_the_same_page(
    admin_client, condition_index, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
    response = admin_client.post(
        add_condition_page_url(condition_index), long_page_post(BLOCK_COUNT)
    )
    assert response.status_code == 400
    assert not ConditionPage.objects.filter(slug="spinal-surgery-in-depth").exists()


@pytest.mark.parametrize(
    ("limit", "warned"), [(1000, True), (10_000, False), (None, False)]
)
def test_a_system_check_warns_when_the_limit_is_too_low(settings, limit, warned):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = limit
    warnings = [m for m in run_checks() if m.id == "wagtail_physio.W001"]
    assert bool(warnings) is warned
    if warned:
        assert "10_000" in warnings[0].hint
