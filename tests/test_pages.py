import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from tests.factories import make_condition_page, make_image, page_html
from tests.testapp.models import TreatmentIndexPage, TreatmentPage
from wagtail_physio.models import ConditionIndexPage, ConditionPage

pytestmark = pytest.mark.django_db


class TestPageTypeRules(WagtailPageTestCase):
    def test_condition_page_lives_only_under_a_condition_index(self):
        self.assertAllowedParentPageTypes(ConditionPage, {ConditionIndexPage})
        self.assertCanNotCreateAt(Page, ConditionPage)
        self.assertCanNotCreateAt(HomePage, ConditionPage)

    def test_condition_index_holds_only_condition_pages(self):
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})
        self.assertCanCreateAt(Page, ConditionIndexPage)

    def test_condition_page_has_no_children(self):
        self.assertAllowedSubpageTypes(ConditionPage, set())

    def test_project_page_types_build_on_the_abstract_bases(self):
        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertCanCreateAt(TreatmentIndexPage, TreatmentPage)
        self.assertIn("quote", TreatmentPage.body.field.stream_block.child_blocks)
        self.assertIn("heading", TreatmentPage.body.field.stream_block.child_blocks)


def test_condition_page_renders_title_summary_and_one_h1(client, condition_index):
    page = make_condition_page(condition_index, title="Back surgery")
    html = page_html(client, page)
    assert html.count("<h1") == 1
    assert "Back surgery" in html
    assert page.summary in html
    assert '<main id="main-content"' in html
    assert 'href="#top"' in html


def test_index_lists_live_conditions_alphabetically(client, condition_index):
    make_condition_page(condition_index, title="Sciatica")
    make_condition_page(condition_index, title="Ankle sprain")
    make_condition_page(condition_index, title="Draft condition", publish=False)
    html = client.get(condition_index.url).content.decode()
    assert html.index("Ankle sprain") < html.index("Sciatica")
    assert "Draft condition" not in html


def test_page_with_deleted_hero_image_still_renders(client, condition_index):
    image = make_image("Hero")
    page = make_condition_page(condition_index, hero_image=image, hero_caption="Hi")
    assert "<figure" in client.get(page.url).content.decode()
    image.delete()
    assert "<figure" not in page_html(client, page)


def test_summary_is_escaped(client, condition_index):
    page = make_condition_page(condition_index, summary="<script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_types_extend_the_panels_and_search_fields_of_their_base_page():
    # Mixins extend what the page type's real base page has (Wagtail's Page here;
    # tests/custom_base_page covers a base page of the site's own).
    count = len(Page.content_panels)
    assert ConditionPage.content_panels[:count] == Page.content_panels
    assert ConditionIndexPage.content_panels[:count] == Page.content_panels
    assert (
        ConditionPage.promote_panels[: len(Page.promote_panels)] == Page.promote_panels
    )
    search = ConditionPage.search_fields
    assert search[: len(Page.search_fields)] == Page.search_fields
    assert {"summary", "body"} <= {field.field_name for field in search}
    # A project's subclass inherits the same lists.
    assert TreatmentPage.content_panels == ConditionPage.content_panels


def test_related_conditions_chooser_offers_every_condition_page_type():
    from wagtail_physio.conditions.navigation import RelatedConditionsBlock

    chooser = RelatedConditionsBlock().child_blocks["condition"]
    assert set(chooser.target_models) == {ConditionPage, TreatmentPage}
    assert chooser.target_model is Page
