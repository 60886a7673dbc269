"""Built as docs/extending.md tells a site with its own base page to build them."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractPage
from wagtail.search import index

from wagtail_physio.models import ConditionIndexPageMixin, ConditionPageMixin


class BasePage(AbstractPage):
    """The site's base page: fields every page of the site has, its own panels."""

    audience = models.CharField(
        "audience", max_length=80, blank=True, help_text="Who the page is written for."
    )

    # No seo_title, search_description or show_in_menus: Wagtail's Page has them,
    # a custom base page need not.
    content_panels = [*AbstractPage.content_panels, FieldPanel("audience")]
    promote_panels = [FieldPanel("slug")]
    search_fields = [*AbstractPage.search_fields, index.SearchField("audience")]


class HomePage(BasePage):
    pass


class ConditionIndexPage(ConditionIndexPageMixin, BasePage):
    subpage_types = ["clinic.ConditionPage"]


class ConditionPage(ConditionPageMixin, BasePage):
    parent_page_types = ["clinic.ConditionIndexPage"]
    subpage_types: list[str] = []
